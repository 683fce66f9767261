// ClickHouse killed (SIGKILL) and started again while technicians take tickets and write
// followups: the desk's writes never wait on the warehouse, the dashboards answer 503 meanwhile
// (never 500), and once it is back the relay brings it exactly MariaDB's events.
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickhouseSettings } from '../../analytics/clickhouse';
import { migrateClickhouse } from '../../analytics/clickhouse-migrations';
import { burstThroughFault, expectEachOnce, fileTickets } from '../support/fault-burst';
import { startServiceInstance, type ServiceInstance } from '../support/service-instance';
import { eventually, startStack, type Stack, type TestUser } from '../support/stack';

const TICKETS = 16;
const OUTAGE_MS = 6_000;

let clickhouse: ServiceInstance;
let stack: Stack;

beforeAll(async () => {
  clickhouse = await startServiceInstance('clickhouse');
  const warehouse: ClickhouseSettings = {
    url: `http://127.0.0.1:${clickhouse.port}`,
    database: 'guichet_faults',
    user: 'default',
    password: '',
  };
  await migrateClickhouse(warehouse);
  stack = await startStack({ clickhouse: warehouse });
}, 180_000);
afterAll(async () => {
  await stack?.close();
  await clickhouse?.stop();
});

describe('ClickHouse killed and restarted during a burst of actions and followups', () => {
  it('keeps the desk working, answers the dashboards 503 meanwhile, and then holds exactly MariaDB’s events', async () => {
    const requester: TestUser = await stack.userWith('requester');
    const technician: TestUser = await stack.userWith('technician', 'N1');
    const manager: TestUser = await stack.userWith('manager');
    const ids = await fileTickets(stack, requester, TICKETS, 'Téléphone muet');
    const dashboards: number[] = [];
    const { tally } = await burstThroughFault({
      clients: TICKETS,
      gapMs: 100,
      work: async (n, step) => {
        const id = ids[n]!;
        const as = (path: string, body: object) => (headers: Record<string, string>) =>
          stack.call('POST', `/api/v1/tickets/${id}/${path}`, { token: technician.token, body, headers });
        await step(`assign on ${id}`, 200, as('actions/assign', {}));
        await step(`followup on ${id}`, 201, as('followups', { content: `Poste ${id} reconfiguré.` }));
      },
      strike: async () => {
        await clickhouse.kill();
        const summary = await stack.call('GET', '/api/v1/kpis/summary', { token: manager.token });
        dashboards.push(summary.status);
        expect(summary.headers.get('retry-after')).toBeTruthy();
      },
      outageMs: OUTAGE_MS,
      recover: () => clickhouse.restart(),
    });
    console.log(`ClickHouse outage: desk answers by status ${JSON.stringify(tally)}, dashboards during it ${JSON.stringify(dashboards)}`);
    // The desk's own writes go to MariaDB and its outbox: not one of them waited on the warehouse.
    expect(Object.keys(tally)).toEqual(['200', '201']);
    expect(dashboards).toEqual([503]);
    await expectEachOnce(stack, technician, ids, { actions: ['assign'], followups: 1 });

    const inMariadb = await stack.sequelize.query<{ ticket_id: number; seq: number }>(
      'SELECT ticket_id, seq FROM ticket_events WHERE ticket_id IN (:ids) ORDER BY ticket_id, seq',
      { replacements: { ids }, type: QueryTypes.SELECT },
    );
    const inWarehouse = await eventually(async () => {
      const result = await stack.clickhouse.query({
        query: `SELECT ticket_id, seq FROM ticket_events FINAL WHERE ticket_id IN (${ids.join(',')}) ORDER BY ticket_id, seq`,
        format: 'JSONEachRow',
      });
      const rows = await result.json<{ ticket_id: number; seq: number }>();
      return rows.length === inMariadb.length ? rows : undefined;
    }, 60_000);
    // A batch whose insert landed just before ClickHouse died is sent again: the warehouse keeps
    // both copies until it merges them, and every read collapses them (FINAL, uniqExact), so this
    // is the desk's view of it: each of MariaDB's events once, none missing, none extra.
    expect(inWarehouse.map((r) => `${r.ticket_id}/${r.seq}`)).toEqual(inMariadb.map((r) => `${r.ticket_id}/${r.seq}`));
  }, 180_000);
});
