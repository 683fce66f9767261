import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClickhouse } from '../../analytics/clickhouse';
import type { KpiFilters } from '../../analytics/kpi-filters';
import { kpiHeatmap, kpiRecurring, kpiSatisfaction, kpiWorkload } from '../../analytics/kpi-panels.repository';
import { kpiBreakdown, kpiTimeseries } from '../../analytics/kpi-series.repository';
import { kpiSummary } from '../../analytics/kpi.repository';
import { rebuildWarehouse } from '../../analytics/warehouse-rebuild';
import { generateHistory, type HistoryCatalog } from '../../demo/demo-history';
import { importFinishedTickets } from '../../demo/demo-history.repository';
import { TicketRow } from '../../tickets/ticket.models';
import { latestLifecycleOrFail } from '../../lifecycles/lifecycle.repository';
import { ALWAYS_OPEN } from '../../sla/business-calendar';
import { createSla, listCalendars } from '../../sla/sla.repository';
import { eventually, startDesk, type Desk, type TestUser } from '../support/stack';
import { TEST_CLICKHOUSE } from '../support/test-settings';

let desk: Desk;
let n2: TestUser;
const rebuilt = { ...TEST_CLICKHOUSE, database: `${TEST_CLICKHOUSE.database}_rebuilt` };

beforeAll(async () => {
  desk = await startDesk();
  n2 = await desk.stack.userWith('technician', 'N2');
});
afterAll(async () => desk?.stack.close());

const act = (user: TestUser, id: number, action: string, body: object = {}) =>
  desk.stack.call('POST', `/api/v1/tickets/${id}/actions/${action}`, { token: user.token, body });

async function fileAndWork(category: number, title: string): Promise<number> {
  const { body } = await desk.stack.call('POST', '/api/v1/tickets', {
    token: desk.alice.token,
    body: { title, description: 'Depuis ce matin.', type: 'incident', urgency: 4, impact: 3, category, location: 'Magasin St-Zac' },
  });
  await act(desk.tech1, body.id, 'assign');
  await act(desk.tech1, body.id, 'resolve', { solution: 'Câble remplacé' });
  await act(desk.alice, body.id, 'accept_solution');
  return body.id as number;
}

describe('warehouse rebuild', () => {
  it('replays MariaDB history into an empty warehouse and gives the same KPIs', async () => {
    const [printers, network] = [await desk.stack.newCategory(), await desk.stack.newCategory()];
    const alwaysOpen = (await listCalendars()).find((calendar) => calendar.name.includes('24/7'))!;
    const sla = await createSla({
      name: 'Imprimantes',
      calendar: alwaysOpen.id,
      match: { category: printers },
      ttoMinutes: 30,
      ttrMinutes: 240,
      levels: [],
      levelClocks: [],
    });
    const catalog: HistoryCatalog = {
      categories: [
        { id: printers, weight: 3, type: 'incident', titles: ['Imprimante : lignes décalées'] },
        { id: network, weight: 1, type: 'request', titles: ['Accès au partage réseau'] },
      ],
      sites: [
        { entity: 1, location: 'Magasin Les Arcs', weight: 1 },
        { entity: 1, location: 'Siège — 2e étage', weight: 1 },
      ],
      n1: { group: desk.stack.groups.n1, technicians: [desk.tech1.id] },
      n2: { group: desk.stack.groups.n2, technicians: [n2.id] },
      requesters: [desk.alice.id],
      slaOf: () => ({ id: sla.id, ttoMinutes: 30, ttrMinutes: 240 }),
      calendar: ALWAYS_OPEN,
    };
    const firstId = ((await TicketRow.max<number, TicketRow>('id')) ?? 0) + 1_000;
    const history = [...generateHistory(catalog, { tickets: 400, months: 3, end: new Date(), seed: 7, firstId })];
    const incidents = history.filter(({ ticket }) => ticket.type === 'incident');
    await importFinishedTickets(desk.stack.sequelize, incidents, (await latestLifecycleOrFail('incident')).version);
    await importFinishedTickets(
      desk.stack.sequelize,
      history.filter(({ ticket }) => ticket.type === 'request'),
      (await latestLifecycleOrFail('request')).version,
    );
    // A ticket worked through the API, whose history is then made to look as it was before it kept its analytics form.
    const legacy = await fileAndWork(printers, 'Téléphone de la caisse 23 hors service');
    await desk.stack.sequelize.query('UPDATE ticket_events SET analytics = NULL WHERE ticket_id = :legacy', {
      replacements: { legacy },
      type: QueryTypes.UPDATE,
    });

    const events = history.reduce((sum, { events }) => sum + events.length, 0) + 4;
    const streamed = connectClickhouse(TEST_CLICKHOUSE);
    const period: KpiFilters = {
      from: new Date(Date.now() - 100 * 86_400_000),
      to: new Date(Date.now() + 86_400_000),
      categories: [printers, network],
    };
    const days: KpiFilters = {
      ...period,
      from: new Date(Math.floor(period.from.getTime() / 86_400_000) * 86_400_000),
      to: new Date(Math.ceil(period.to.getTime() / 86_400_000) * 86_400_000),
    };
    const kpisOf = (clickhouse: typeof streamed) =>
      Promise.all([
        kpiSummary(clickhouse, period),
        kpiSummary(clickhouse, days),
        kpiTimeseries(clickhouse, days, 'created', 'week'),
        kpiTimeseries(clickhouse, days, 'backlog', 'day'),
        kpiTimeseries(clickhouse, period, 'mttrWorkingMinutes', 'month'),
        kpiBreakdown(clickhouse, period, 'slaCompliance', 'priority'),
        kpiBreakdown(clickhouse, days, 'created', 'source'),
        kpiBreakdown(clickhouse, period, 'fcrRate', 'level'),
        kpiHeatmap(clickhouse, period),
        kpiSatisfaction(clickhouse, period),
        kpiWorkload(clickhouse, period),
        kpiRecurring(clickhouse, period, 3, 7),
      ]);
    // The relay streams the imported history from the outbox, as it streams every event.
    // The materialized views are written just after the raw events: wait until every summary is complete,
    // then until two reads in a row agree, so no panel was read while a row was still arriving.
    const complete = (summary: Awaited<ReturnType<typeof kpiSummary>>) =>
      summary.created === history.length + 1 && summary.closed === history.length + 1 && summary.backlog === 0;
    const live = await eventually(async () => {
      const kpis = await kpisOf(streamed);
      if (!complete(kpis[0]) || !complete(kpis[1])) return undefined;
      const again = await kpisOf(streamed);
      return JSON.stringify(again) === JSON.stringify(kpis) ? kpis : undefined;
    }, 60_000);

    const result = await rebuildWarehouse(desk.stack.sequelize, rebuilt, 1_000);
    expect(result.legacyEvents).toBe(4);
    expect(result.events).toBeGreaterThanOrEqual(events);
    const replayed = connectClickhouse(rebuilt);
    expect(await kpisOf(replayed)).toEqual(live);
    await Promise.all([streamed.close(), replayed.close()]);

    // The history is one a desk would recognise.
    const [summary] = live;
    expect(summary).toMatchObject({ backlog: 0, resolved: history.length + 1 });
    expect(summary.escalated).toBeGreaterThan(20);
    expect(summary.reopened).toBeGreaterThan(5);
    expect(summary.breached).toBeGreaterThan(5);
    expect(summary.slaCompliance).toBeGreaterThan(0.5);
    expect(summary.slaCompliance).toBeLessThan(1);
    expect(summary.satisfaction).toBeGreaterThan(3);
    expect(live[3].some((point) => point.value !== null && point.value > 0)).toBe(true);
  });
});
