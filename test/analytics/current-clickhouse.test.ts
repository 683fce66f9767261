// The warehouse on current ClickHouse as well as on Debian's 18.16: every migration, then every KPI
// question (summary, each series, each breakdown, the panels) over the same year of events, on
// ClickHouse 26.9's own engine (chDB, behind a small HTTP front in test/support) and on the
// suite's 18.16 server. Both must give the same answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClickhouse, type ClickhouseSettings } from '../../analytics/clickhouse';
import { migrateClickhouse } from '../../analytics/clickhouse-migrations';
import type { KpiFilters } from '../../analytics/kpi-filters';
import { kpiHeatmap, kpiRecurring, kpiSatisfaction, kpiWorkload } from '../../analytics/kpi-panels.repository';
import { BreakdownDimension, BreakdownMetric, KpiMetric } from '../../analytics/kpi.schemas';
import { kpiBreakdown, kpiTimeseries } from '../../analytics/kpi-series.repository';
import { kpiSummary } from '../../analytics/kpi.repository';
import { generateHistory } from '../../demo/demo-history';
import type { AnalyticsEvent } from '../../tickets/ticket-event';
import { ALWAYS_OPEN } from '../../sla/business-calendar';
import { freePort } from '../support/free-port';
import { TEST_CLICKHOUSE } from '../support/test-settings';

const DATABASE = 'guichet_compat';
const DAY = 86_400_000;
const end = new Date(Math.floor(Date.now() / DAY) * DAY + DAY);
const periods: Record<string, KpiFilters> = {
  'last 30 days': { from: new Date(end.getTime() - 30 * DAY), to: end },
  'last 12 months': { from: new Date(end.getTime() - 360 * DAY), to: end },
};
const narrowings: Record<string, Partial<KpiFilters>> = {
  everything: {},
  'two categories': { categories: [1, 2] },
  'one entity': { entities: [2] },
  'priority 4': { priority: 4 },
  requests: { type: 'request' },
  'one technician': { technician: 11 },
  'one group': { group: 2 },
};

let chdb: ChildProcess;
let chdbData: string;
let current: ClickHouseClient;
let legacy: ClickHouseClient;

async function startChdb(): Promise<string> {
  const python = execFileSync('bash', ['scripts/install-chdb.sh'], { encoding: 'utf8' }).trim();
  const port = await freePort();
  chdbData = mkdtempSync(join(tmpdir(), 'guichet-chdb-'));
  chdb = spawn(python, ['test/support/chdb-http-server.py', String(port), chdbData], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    chdb.once('exit', (code) => reject(new Error(`the chDB server exited (${code})`)));
    chdb.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
  });
  return `http://127.0.0.1:${port}`;
}

// One ticket in three concerns a computer of one of three models: its events carry the computer's
// maker and model, as those of a ticket linked to an asset do.
const COMPUTERS = [
  { maker: 'Dell Inc.', model: 'Dell Inc. OptiPlex 7090' },
  { maker: 'LENOVO', model: 'LENOVO ThinkPad T14 Gen 2' },
  { maker: 'HP', model: 'HP EliteDesk 800 G6' },
];
const withComputer = (event: AnalyticsEvent): AnalyticsEvent => {
  if (event.ticket_id % 3 !== 0) return event;
  const computer = COMPUTERS[(event.ticket_id / 3) % COMPUTERS.length]!;
  return { ...event, asset_manufacturers: [computer.maker], asset_models: [computer.model] };
};

// A year of the demo generator's desk, its events as the relay sends them.
const events = [
  ...generateHistory(
    {
      categories: [
        { id: 1, type: 'incident', weight: 5, titles: ['Poste lent'] },
        { id: 2, type: 'incident', weight: 3, titles: ['Imprimante'] },
        { id: 3, type: 'request', weight: 2, titles: ['Nouveau compte'] },
      ],
      sites: [
        { entity: 1, location: 'Siège', weight: 2 },
        { entity: 2, location: 'Magasin Les Arcs', weight: 1 },
      ],
      n1: { group: 1, technicians: [11, 12, 13] },
      n2: { group: 2, technicians: [21, 22] },
      requesters: Array.from({ length: 40 }, (_, i) => 1000 + i),
      slaOf: (priority) => ({ id: priority >= 4 ? 1 : 2, ttoMinutes: priority >= 4 ? 30 : 120, ttrMinutes: priority >= 4 ? 240 : 960 }),
      calendar: ALWAYS_OPEN,
    },
    { tickets: 1_500, months: 12, end: new Date(end.getTime() - DAY), seed: 7, firstId: 1 },
  ),
].flatMap(({ events: history }) => history.map(({ analytics }) => withComputer(analytics)));

async function warehouse(settings: ClickhouseSettings): Promise<ClickHouseClient> {
  const admin = connectClickhouse(settings, 'default');
  await admin.command({ query: `DROP DATABASE IF EXISTS ${DATABASE}` });
  await admin.close();
  await migrateClickhouse(settings);
  const client = connectClickhouse(settings);
  await client.insert({ table: 'ticket_events', values: events, format: 'JSONEachRow' });
  return client;
}

beforeAll(async () => {
  const url = await startChdb();
  [current, legacy] = await Promise.all([
    warehouse({ url, database: DATABASE, user: 'default', password: '' }),
    warehouse({ ...TEST_CLICKHOUSE, database: DATABASE }),
  ]);
}, 300_000);
afterAll(async () => {
  await Promise.allSettled([current?.close(), legacy?.close()]);
  chdb?.kill();
  if (chdbData) rmSync(chdbData, { recursive: true, force: true });
});

// Sums may be added in another order: figures agree to ten significant digits.
const rounded = (value: unknown): unknown =>
  typeof value === 'number'
    ? Number(value.toPrecision(10))
    : Array.isArray(value)
      ? value.map(rounded)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([key, v]) => [key, rounded(v)]))
        : value;

/** Asks each question of both warehouses; answers the questions whose answers differ. */
async function disagreements(questions: [string, (clickhouse: ClickHouseClient) => Promise<unknown>][]): Promise<string[]> {
  const differing: string[] = [];
  for (const [name, ask] of questions) {
    const [onCurrent, onLegacy] = await Promise.all([ask(current), ask(legacy)]);
    if (JSON.stringify(rounded(onCurrent)) !== JSON.stringify(rounded(onLegacy))) {
      differing.push(`${name}:\n  26.9: ${JSON.stringify(onCurrent).slice(0, 400)}\n  18.16: ${JSON.stringify(onLegacy).slice(0, 400)}`);
    }
  }
  return differing;
}

describe('the warehouse on ClickHouse 26.9 and 18.16', () => {
  it('runs on the two versions it names', async () => {
    const version = async (clickhouse: ClickHouseClient) =>
      (await (await clickhouse.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' })).json<{ v: string }>())[0]!.v;
    expect(await version(current)).toMatch(/^26\.9\./);
    expect(await version(legacy)).toMatch(/^18\.16\./);
  });

  it('holds the same events once migrated on both', async () => {
    const count = async (clickhouse: ClickHouseClient) =>
      (await (await clickhouse.query({ query: 'SELECT count() AS n FROM ticket_events', format: 'JSONEachRow' })).json<{ n: string }>())[0]!
        .n;
    expect(events.length).toBeGreaterThan(5_000);
    expect(Number(await count(current))).toBe(events.length);
    expect(Number(await count(legacy))).toBe(events.length);
  });

  it('answers the summary and the panels alike, for each period and filter', async () => {
    const questions: [string, (clickhouse: ClickHouseClient) => Promise<unknown>][] = [];
    for (const [period, range] of Object.entries(periods)) {
      for (const [narrowing, filter] of Object.entries(narrowings)) {
        const filters = { ...range, ...filter };
        questions.push(
          [`summary, ${period}, ${narrowing}`, (c) => kpiSummary(c, filters)],
          [`satisfaction, ${period}, ${narrowing}`, (c) => kpiSatisfaction(c, filters)],
          [`heatmap, ${period}, ${narrowing}`, (c) => kpiHeatmap(c, filters)],
          [`workload, ${period}, ${narrowing}`, (c) => kpiWorkload(c, filters)],
          [`recurring incidents, ${period}, ${narrowing}`, (c) => kpiRecurring(c, filters, 3, 7)],
        );
      }
    }
    const summary = await kpiSummary(legacy, periods['last 12 months']!);
    expect(summary.created).toBeGreaterThan(1_000);
    expect(await disagreements(questions)).toEqual([]);
  }, 300_000);

  it('answers every time series alike, by day, week and month', async () => {
    const questions: [string, (clickhouse: ClickHouseClient) => Promise<unknown>][] = [];
    for (const metric of KpiMetric.options) {
      questions.push([`${metric} per day, last 30 days`, (c) => kpiTimeseries(c, periods['last 30 days']!, metric, 'day')]);
      questions.push([
        `${metric} per hour, last 2 days`,
        (c) => kpiTimeseries(c, { from: new Date(end.getTime() - 2 * DAY), to: end }, metric, 'hour'),
      ]);
      for (const interval of ['week', 'month'] as const) {
        questions.push([
          `${metric} per ${interval}, last 12 months`,
          (c) => kpiTimeseries(c, periods['last 12 months']!, metric, interval),
        ]);
      }
    }
    expect(await disagreements(questions)).toEqual([]);
  }, 300_000);

  it('answers every breakdown alike, by every dimension', async () => {
    const questions: [string, (clickhouse: ClickHouseClient) => Promise<unknown>][] = [];
    for (const metric of BreakdownMetric.options) {
      for (const by of BreakdownDimension.options) {
        questions.push([`${metric} by ${by}, last 12 months`, (c) => kpiBreakdown(c, periods['last 12 months']!, metric, by)]);
      }
    }
    const byModel = await kpiBreakdown(legacy, periods['last 12 months']!, 'created', 'model');
    expect(byModel.map((item) => item.key).sort()).toEqual(COMPUTERS.map((computer) => computer.model).sort());
    expect(await disagreements(questions)).toEqual([]);
  }, 300_000);
});
