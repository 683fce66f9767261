import { setTimeout as sleep } from 'node:timers/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import { QueryTypes, Transaction, type Sequelize } from 'sequelize';
import type { Logger } from 'pino';
import { inClientSpan, inRootSpan } from '../tracing/spans';
import { clickhouseInsertSeconds, relayBatchEvents, relayBatchSeconds, relayErrorsTotal } from '../metrics/metrics';

/**
 * Moves one batch from the MariaDB outbox to ClickHouse. The rows stay locked (SKIP LOCKED lets
 * other relays take other rows) until ClickHouse has them, then are deleted in the same
 * transaction. A crash after the insert redelivers the batch, which the warehouse absorbs.
 */
export async function relayBatch(sequelize: Sequelize, clickhouse: ClickHouseClient, batchSize: number): Promise<number> {
  // READ COMMITTED: the lock covers the batch's rows only, not the gap after them, so filing
  // tickets and recording transitions never wait on a slow ClickHouse insert.
  return sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED }, async (transaction) => {
    const rows = await sequelize.query<{ id: number; payload: string }>(
      'SELECT id, payload FROM outbox ORDER BY id LIMIT :batchSize FOR UPDATE SKIP LOCKED',
      { replacements: { batchSize }, type: QueryTypes.SELECT, transaction },
    );
    if (rows.length === 0) return 0;
    // Each batch sent is a trace of its own: what it took to insert and to clear the outbox.
    return inRootSpan('outbox relay', { 'guichet.events': rows.length }, async () => {
      const batch = relayBatchSeconds.startTimer();
      const insert = clickhouseInsertSeconds.startTimer();
      await inClientSpan('clickhouse INSERT', { 'db.system': 'clickhouse', 'db.collection.name': 'ticket_events' }, () =>
        clickhouse.insert({ table: 'ticket_events', values: rows.map((r) => JSON.parse(r.payload) as object), format: 'JSONEachRow' }),
      );
      insert();
      // ORDER BY … LIMIT keeps the delete on the primary key: without it a batch that is most of a
      // small outbox is deleted by a full scan, which waits on the rows another relay holds, and
      // two relays deadlock.
      await sequelize.query('DELETE FROM outbox WHERE id IN (:ids) ORDER BY id LIMIT :count', {
        replacements: { ids: rows.map((r) => r.id), count: rows.length },
        transaction,
      });
      batch();
      relayBatchEvents.observe(rows.length);
      return rows.length;
    });
  });
}

/** How many events wait in the outbox, and for how many seconds the oldest has (0 when none). */
export async function outboxDepth(sequelize: Sequelize): Promise<{ events: number; oldestSeconds: number }> {
  const [row] = await sequelize.query<{ events: number; age: number | null }>(
    'SELECT COUNT(*) AS events, TIMESTAMPDIFF(MICROSECOND, MIN(created_at), UTC_TIMESTAMP(3)) / 1e6 AS age FROM outbox',
    { type: QueryTypes.SELECT },
  );
  return { events: Number(row?.events ?? 0), oldestSeconds: Math.max(Number(row?.age ?? 0), 0) };
}

export interface RelayOptions {
  batchSize: number;
  idleMs: number;
  logger: Logger;
}

/**
 * Drains the outbox until `signal` aborts: full batches follow each other at once, an empty
 * outbox is polled every `idleMs`, and a failing ClickHouse is retried with a growing pause
 * while events wait safely in the outbox.
 */
export async function runOutboxRelay(
  sequelize: Sequelize,
  clickhouse: ClickHouseClient,
  options: RelayOptions,
  signal: AbortSignal,
): Promise<void> {
  let pauseMs = options.idleMs;
  let failing = false;
  while (!signal.aborted) {
    try {
      const sent = await relayBatch(sequelize, clickhouse, options.batchSize);
      if (failing) options.logger.info('relay: ClickHouse is back, draining the outbox');
      failing = false;
      pauseMs = sent === options.batchSize ? 0 : options.idleMs;
    } catch (error) {
      relayErrorsTotal.inc();
      if (!failing) options.logger.warn({ err: error }, 'relay: cannot deliver, events wait in the outbox');
      failing = true;
      pauseMs = Math.min(Math.max(pauseMs * 2, 250), 5_000);
    }
    if (pauseMs > 0) await sleep(pauseMs, undefined, { signal }).catch(() => undefined);
  }
}
