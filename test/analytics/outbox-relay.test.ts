import { execFileSync } from 'node:child_process';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startDesk, type Desk } from '../support/stack';

let desk: Desk;

beforeAll(async () => {
  desk = await startDesk();
});
afterAll(async () => {
  clickhouseService('up');
  await desk?.stack.close();
});

// The project's own ClickHouse can be stopped and started; a configured one is not ours to stop.
const ownClickhouse = process.env['GUICHET_CLICKHOUSE_URL'] === undefined;
const clickhouseService = (verb: 'up' | 'down') => {
  if (ownClickhouse) execFileSync('bash', ['scripts/services.sh', verb, 'clickhouse'], { stdio: 'ignore' });
};

async function fileTicket(category: number): Promise<number> {
  const created = await desk.stack.call('POST', '/api/v1/tickets', {
    token: desk.alice.token,
    body: {
      title: 'Plus d’accès à ma messagerie',
      description: 'Outlook demande le mot de passe en boucle.',
      type: 'incident',
      urgency: 3,
      impact: 3,
      category,
    },
  });
  return created.body.id;
}

async function warehouseSeqs(ticketId: number): Promise<number[]> {
  const result = await desk.stack.clickhouse.query({
    query: `SELECT DISTINCT seq FROM ticket_events WHERE ticket_id = ${ticketId} ORDER BY seq`,
    format: 'JSONEachRow',
  });
  return (await result.json<{ seq: number }>()).map((r) => Number(r.seq));
}

const waitingInOutbox = async (ticketId: number): Promise<number> =>
  (
    await desk.stack.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE ticket_id = :ticketId', {
      replacements: { ticketId },
      type: QueryTypes.SELECT,
    })
  )[0]!.n;

const period = `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 3_600_000).toISOString()}`;
const summaryOf = async (category: number) =>
  (await desk.stack.call('GET', `/api/v1/kpis/summary?category=${category}&${period}`, { token: desk.manager.token })).body;

describe('outbox relay', () => {
  it.skipIf(!ownClickhouse)('loses nothing while ClickHouse is stopped, and delivers everything once it is back', async () => {
    const category = await desk.stack.newCategory();
    const id = await fileTicket(category);
    await eventually(async () => ((await warehouseSeqs(id)).length === 1 ? true : undefined));

    clickhouseService('down');
    for (const [action, body] of [
      ['assign', {}],
      ['resolve', { solution: 'Profil Outlook recréé' }],
      ['accept_solution', {}],
    ] as const) {
      const user = action === 'accept_solution' ? desk.alice : desk.tech1;
      const response = await desk.stack.call('POST', `/api/v1/tickets/${id}/actions/${action}`, { token: user.token, body });
      expect(response.status, action).toBe(200);
    }
    expect(await waitingInOutbox(id)).toBe(3);
    const unavailable = await desk.stack.call('GET', `/api/v1/kpis/summary?category=${category}`, { token: desk.manager.token });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('5');

    clickhouseService('up');
    await eventually(async () => ((await warehouseSeqs(id)).length === 4 ? true : undefined), 30_000);
    expect(await warehouseSeqs(id)).toEqual([1, 2, 3, 4]);
    expect(await waitingInOutbox(id)).toBe(0);
    expect(await summaryOf(category)).toMatchObject({ created: 1, resolved: 1, closed: 1, backlog: 0, fcrRate: 1 });
  });

  it('counts a redelivered batch once', async () => {
    const category = await desk.stack.newCategory();
    const id = await fileTicket(category);
    await desk.stack.call('POST', `/api/v1/tickets/${id}/actions/resolve`, {
      token: desk.tech1.token,
      body: { solution: 'Mot de passe réinitialisé' },
    });
    // The materialized views follow the raw insert: wait until every table has the resolution.
    const before = await eventually(async () => {
      const summary = await summaryOf(category);
      return summary.resolved === 1 && summary.backlog === 0 && summary.mttrSeconds !== null ? summary : undefined;
    });
    const dashboards = async () =>
      Promise.all(
        [
          `/api/v1/kpis/timeseries?metric=created&interval=day&category=${category}`,
          `/api/v1/kpis/timeseries?metric=backlog&interval=day&category=${category}`,
          `/api/v1/kpis/timeseries?metric=resolved&interval=hour&category=${category}&${period}`,
          `/api/v1/kpis/breakdown?metric=mttrSeconds&by=priority&category=${category}`,
          `/api/v1/kpis/heatmap?category=${category}`,
          `/api/v1/kpis/workload?category=${category}`,
        ].map(async (path) => (await desk.stack.call('GET', path, { token: desk.manager.token })).body),
      );
    const dashboardsBefore = await dashboards();

    // Deliver the same events again, as a relay that died after its insert would.
    const rows = await (
      await desk.stack.clickhouse.query({ query: `SELECT * FROM ticket_events WHERE ticket_id = ${id}`, format: 'JSONEachRow' })
    ).json();
    await desk.stack.clickhouse.insert({ table: 'ticket_events', values: rows, format: 'JSONEachRow' });

    expect(await summaryOf(category)).toEqual(before);
    expect(await dashboards()).toEqual(dashboardsBefore);
    expect(before).toMatchObject({ created: 1, resolved: 1, backlog: 0 });
    expect(dashboardsBefore[0].points.at(-1).value).toBe(1);
    expect(dashboardsBefore[4].items).toHaveLength(1);
  });
});
