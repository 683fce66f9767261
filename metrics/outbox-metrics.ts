import { Gauge } from 'prom-client';
import type { Sequelize } from 'sequelize';
import { outboxDepth } from '../analytics/outbox-relay';
import { registry } from './metrics';

/** Adds the outbox's depth and the age of its oldest event, read from MariaDB at each scrape. */
export function watchOutbox(sequelize: Sequelize): void {
  let last: Promise<{ events: number; oldestSeconds: number }> | null = null;
  // Both gauges are read from one query per scrape.
  const read = () => (last ??= outboxDepth(sequelize).finally(() => setImmediate(() => (last = null))));
  new Gauge({
    name: 'guichet_outbox_events',
    help: 'Events waiting in the MariaDB outbox for the relay',
    registers: [registry],
    async collect() {
      this.set((await read()).events);
    },
  });
  new Gauge({
    name: 'guichet_outbox_oldest_seconds',
    help: 'Age of the oldest event waiting in the outbox (0 when empty)',
    registers: [registry],
    async collect() {
      this.set((await read()).oldestSeconds);
    },
  });
}
