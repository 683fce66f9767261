import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClickhouse } from '../../analytics/clickhouse';
import { migrateClickhouse } from '../../analytics/clickhouse-migrations';
import type { KpiFilters } from '../../analytics/kpi-filters';
import { kpiHeatmap, kpiRecurring, kpiSatisfaction, kpiWorkload } from '../../analytics/kpi-panels.repository';
import { kpiBreakdown, kpiTimeseries } from '../../analytics/kpi-series.repository';
import { kpiSummary } from '../../analytics/kpi.repository';
import type { CanonicalStatus } from '../../lifecycles/definition';
import type { AnalyticsEvent } from '../../tickets/ticket-event';
import { TEST_CLICKHOUSE } from '../support/test-settings';

// A warehouse of its own, filled with hand-built events whose KPIs are known.
const settings = { ...TEST_CLICKHOUSE, database: `${TEST_CLICKHOUSE.database}_formulas` };
let clickhouse: ClickHouseClient;

const T1 = 100; // N1 technician
const T2 = 101; // N2 technician

type Step = [at: string, action: string, status: CanonicalStatus, changes?: Partial<AnalyticsEvent>];

/** A ticket's events: each step carries the ticket's attributes as they are after it. */
function ticket(id: number, base: Partial<AnalyticsEvent>, steps: Step[]): AnalyticsEvent[] {
  let current: AnalyticsEvent = {
    ticket_id: id,
    seq: 0,
    at: '',
    action: '',
    actor_id: 1,
    from_state: '',
    to_state: '',
    from_status: '',
    status: 'new',
    ticket_type: 'incident',
    priority: 3,
    category: '10',
    entity_id: 1,
    group_id: 1,
    assignee_id: 0,
    level: 1,
    source: 'helpdesk',
    location: '',
    opened_at: steps[0]![0],
    taken: 0,
    working_minutes: 0,
    reopen_count: 0,
    escalations: 0,
    assignments: 0,
    rating: 0,
    sla_id: 0,
    tto_breached: 0,
    ttr_breached: 0,
    waiting_minutes: 0,
    asset_manufacturers: [],
    asset_models: [],
    ...base,
  };
  return steps.map(([at, action, status, changes], index) => {
    current = {
      ...current,
      taken: 0,
      rating: 0,
      ...changes,
      seq: index + 1,
      at,
      action,
      from_status: index === 0 ? '' : current.status,
      from_state: index === 0 ? '' : current.status,
      status,
      to_state: status,
    };
    return current;
  });
}

// Tickets 1 and 2 concern a Dell OptiPlex, ticket 7 a Lenovo ThinkPad.
const OPTIPLEX = { asset_manufacturers: ['Dell Inc.'], asset_models: ['Dell Inc. OptiPlex 7090'] };

const EVENTS = [
  // Taken in 30 min, resolved in 2 h at the first contact, closed, rated 5.
  ...ticket(1, { sla_id: 1, ...OPTIPLEX }, [
    ['2026-11-02 09:00:00', 'create', 'new'],
    ['2026-11-02 09:30:00', 'assign', 'assigned', { taken: 1, working_minutes: 30, assignee_id: T1, assignments: 1 }],
    ['2026-11-02 11:00:00', 'resolve', 'resolved', { working_minutes: 120 }],
    ['2026-11-03 10:00:00', 'accept_solution', 'closed', { working_minutes: 600 }],
    ['2026-11-04 10:00:00', 'satisfaction', 'closed', { rating: 5 }],
  ]),
  // TTO breached, escalated, resolved, refused, resolved again after a day; auto-closed; rated 2.
  ...ticket(2, { sla_id: 1, priority: 4, ...OPTIPLEX }, [
    ['2026-11-05 10:00:00', 'create', 'new'],
    ['2026-11-05 10:30:00', 'sla_breach', 'new', { tto_breached: 1 }],
    ['2026-11-05 11:00:00', 'assign', 'assigned', { taken: 1, working_minutes: 60, assignee_id: T1, assignments: 1 }],
    ['2026-11-05 12:00:00', 'escalate', 'assigned', { escalations: 1, level: 2, group_id: 2, assignee_id: T2 }],
    ['2026-11-05 14:00:00', 'resolve', 'resolved', { working_minutes: 240 }],
    ['2026-11-06 09:00:00', 'refuse_solution', 'assigned', { reopen_count: 1 }],
    ['2026-11-06 10:00:00', 'resolve', 'resolved', { working_minutes: 600 }],
    ['2026-11-13 10:00:00', 'close', 'closed'],
    ['2026-11-14 10:00:00', 'satisfaction', 'closed', { rating: 2 }],
  ]),
  // A request taken in 15 min, then waiting: still in the backlog.
  ...ticket(3, { ticket_type: 'request', priority: 2, category: '11' }, [
    ['2026-11-20 08:00:00', 'create', 'new'],
    ['2026-11-20 08:15:00', 'assign', 'assigned', { taken: 1, working_minutes: 15, assignee_id: T1, assignments: 1 }],
    ['2026-11-20 09:00:00', 'pend', 'pending'],
  ]),
  // The same incident three times at one store within two days: recurring.
  ...ticket(4, { location: 'Magasin Les Arcs' }, [['2026-11-25 09:00:00', 'create', 'new']]),
  ...ticket(5, { location: 'Magasin Les Arcs' }, [['2026-11-25 15:00:00', 'create', 'new']]),
  ...ticket(6, { location: 'Magasin Les Arcs' }, [['2026-11-26 10:00:00', 'create', 'new']]),
  // Opened in October, resolved early in November.
  ...ticket(7, { asset_manufacturers: ['LENOVO'], asset_models: ['LENOVO ThinkPad T14 Gen 2'] }, [
    ['2026-10-20 00:00:00', 'create', 'new'],
    ['2026-10-20 01:00:00', 'assign', 'assigned', { taken: 1, working_minutes: 60, assignee_id: T1, assignments: 1 }],
    ['2026-11-01 00:30:00', 'resolve', 'resolved', { working_minutes: 5000 }],
  ]),
];

/** A figure as the KPIs give it, to six decimals. */
const r = (value: number) => Math.round(value * 1e6) / 1e6;

const NOVEMBER: KpiFilters = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };

async function deliver(events: AnalyticsEvent[]) {
  await clickhouse.insert({ table: 'ticket_events', values: events, format: 'JSONEachRow' });
}

const everything = () =>
  Promise.all([
    kpiSummary(clickhouse, NOVEMBER),
    kpiSummary(clickhouse, { ...NOVEMBER, to: new Date('2026-11-30T23:59:59Z') }),
    kpiTimeseries(clickhouse, NOVEMBER, 'created', 'day'),
    kpiTimeseries(clickhouse, NOVEMBER, 'backlog', 'day'),
    kpiTimeseries(clickhouse, NOVEMBER, 'resolved', 'hour'),
    kpiBreakdown(clickhouse, NOVEMBER, 'resolved', 'priority'),
    kpiBreakdown(clickhouse, NOVEMBER, 'mttrSeconds', 'technician'),
    kpiBreakdown(clickhouse, NOVEMBER, 'mttrSeconds', 'model'),
    kpiHeatmap(clickhouse, NOVEMBER),
    kpiSatisfaction(clickhouse, NOVEMBER),
    kpiWorkload(clickhouse, NOVEMBER),
    kpiRecurring(clickhouse, NOVEMBER, 3, 7),
  ]);

beforeAll(async () => {
  const admin = connectClickhouse(settings, 'default');
  await admin.command({ query: `DROP DATABASE IF EXISTS ${settings.database}` });
  await admin.close();
  await migrateClickhouse(settings);
  clickhouse = connectClickhouse(settings);
  await deliver(EVENTS);
});
afterAll(async () => clickhouse?.close());

describe('KPI formulas', () => {
  it('gives the known figures of a hand-built month', async () => {
    expect(await kpiSummary(clickhouse, NOVEMBER)).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      created: 6,
      resolved: 3,
      closed: 2,
      backlog: 4,
      escalated: 1,
      reopened: 1,
      breached: 1,
      mttoSeconds: r((1800 + 3600 + 900) / 3),
      mttoWorkingMinutes: r((30 + 60 + 15) / 3),
      // Each ticket's last resolution in the period: 2 h, 1 day, 12 days 30 min after opening.
      mttrSeconds: r((7200 + 86400 + 1_038_600) / 3),
      mttrWorkingMinutes: r((120 + 600 + 5000) / 3),
      slaCompliance: 1 / 2,
      ttoCompliance: 1 / 2,
      ttrCompliance: 1,
      reopenRate: r(1 / 3),
      fcrRate: r(2 / 3),
      escalationRate: r(1 / 3),
      satisfaction: 3.5,
    });
  });

  it('answers the same from the daily aggregate and from the raw events', async () => {
    const [wholeDays, rawEvents] = await everything();
    // Up to 23:59:59 the raw events answer; to midnight the daily aggregate does.
    expect({ ...rawEvents, to: wholeDays.to }).toEqual(wholeDays);
  });

  it('draws the backlog and the series day by day', async () => {
    const created = await kpiTimeseries(clickhouse, NOVEMBER, 'created', 'day');
    expect(created).toHaveLength(30);
    expect(created.filter((p) => p.value !== 0)).toEqual([
      { at: '2026-11-02T00:00:00Z', value: 1 },
      { at: '2026-11-05T00:00:00Z', value: 1 },
      { at: '2026-11-20T00:00:00Z', value: 1 },
      { at: '2026-11-25T00:00:00Z', value: 2 },
      { at: '2026-11-26T00:00:00Z', value: 1 },
    ]);
    const backlog = new Map((await kpiTimeseries(clickhouse, NOVEMBER, 'backlog', 'day')).map((p) => [p.at.slice(0, 10), p.value]));
    expect([backlog.get('2026-11-01'), backlog.get('2026-11-05'), backlog.get('2026-11-20'), backlog.get('2026-11-25')]).toEqual([
      0, 0, 1, 3,
    ]);
    expect(backlog.get('2026-11-30')).toBe(4);
    const mttr = await kpiTimeseries(clickhouse, NOVEMBER, 'mttrSeconds', 'day');
    expect(mttr.find((p) => p.at === '2026-11-02T00:00:00Z')?.value).toBe(7200);
    expect(mttr.find((p) => p.at === '2026-11-03T00:00:00Z')?.value).toBeNull();
  });

  it('splits by dimension and answers the panels', async () => {
    expect(await kpiBreakdown(clickhouse, NOVEMBER, 'resolved', 'priority')).toEqual([
      { key: '3', value: 2 },
      { key: '4', value: 1 },
    ]);
    expect(await kpiBreakdown(clickhouse, NOVEMBER, 'mttrSeconds', 'technician')).toEqual([
      { key: String(T1), value: (7200 + 1_038_600) / 2 },
      { key: String(T2), value: 86400 },
    ]);
    // By the model of the computer a ticket concerns: tickets about none are in no model's figures.
    expect(await kpiBreakdown(clickhouse, NOVEMBER, 'created', 'model')).toEqual([{ key: 'Dell Inc. OptiPlex 7090', value: 2 }]);
    expect(await kpiBreakdown(clickhouse, NOVEMBER, 'mttrSeconds', 'model')).toEqual([
      { key: 'LENOVO ThinkPad T14 Gen 2', value: 1_038_600 },
      { key: 'Dell Inc. OptiPlex 7090', value: (7200 + 86400) / 2 },
    ]);
    expect(await kpiBreakdown(clickhouse, NOVEMBER, 'resolved', 'manufacturer')).toEqual([
      { key: 'Dell Inc.', value: 2 },
      { key: 'LENOVO', value: 1 },
    ]);
    expect(await kpiSatisfaction(clickhouse, NOVEMBER)).toEqual({
      mean: 3.5,
      items: [1, 2, 3, 4, 5].map((rating) => ({ rating, count: rating === 2 || rating === 5 ? 1 : 0 })),
    });
    expect(await kpiWorkload(clickhouse, NOVEMBER)).toEqual([
      { technician: T1, open: 1, resolved: 2 },
      { technician: T2, open: 0, resolved: 1 },
    ]);
    expect(await kpiRecurring(clickhouse, NOVEMBER, 3, 7)).toEqual([
      { category: '10', location: 'Magasin Les Arcs', windowStart: '2026-11-22T00:00:00Z', count: 3, tickets: [4, 5, 6] },
    ]);
    // 25 November 2026 is a Wednesday.
    expect((await kpiHeatmap(clickhouse, NOVEMBER)).find((cell) => cell.weekday === 3 && cell.hour === 9)).toEqual({
      weekday: 3,
      hour: 9,
      value: 1,
    });
  });

  it('filters by type, entity, technician and category', async () => {
    const requests = await kpiSummary(clickhouse, { ...NOVEMBER, type: 'request' });
    expect(requests).toMatchObject({ created: 1, resolved: 0, backlog: 1, mttoSeconds: 900 });
    expect((await kpiSummary(clickhouse, { ...NOVEMBER, entities: [2] })).created).toBe(0);
    expect(await kpiSummary(clickhouse, { ...NOVEMBER, technician: T2 })).toMatchObject({ resolved: 1, mttrSeconds: 86400 });
    expect(await kpiSummary(clickhouse, { ...NOVEMBER, categories: [11] })).toMatchObject({ created: 1, backlog: 1 });
  });

  it('changes nothing when every event is delivered again', async () => {
    const before = await everything();
    await deliver(EVENTS);
    await deliver(EVENTS.slice(3, 9));
    expect(await everything()).toEqual(before);
  });

  it('counts the backlog now by the latest values of a ticket moved to another category', async () => {
    await deliver(
      ticket(8, { category: '12' }, [
        ['2026-11-27 09:00:00', 'create', 'new'],
        ['2026-11-27 10:00:00', 'update', 'new', { category: '13' }],
      ]),
    );
    const backlogOf = async (category: number) => (await kpiSummary(clickhouse, { ...NOVEMBER, categories: [category] })).backlog;
    expect([await backlogOf(12), await backlogOf(13)]).toEqual([0, 1]);
    // Created under its first category, as of the event.
    expect((await kpiSummary(clickhouse, { ...NOVEMBER, categories: [12] })).created).toBe(1);
  });
});
