// KPI questions on a large warehouse: p50/p99 of the summary and of each dashboard question on
// GUICHET_BENCH_EVENTS events (default 10,000,000) in a ClickHouse database of its own, beside the
// same figures computed by SQL over the same history in MariaDB (the baseline, with the ratio).
// The history is the demo generator's, GUICHET_BENCH_BASE_TICKETS tickets over twelve months,
// repeated under other ticket ids until the volume is reached (a desk that many times larger).
import { createClient } from '@clickhouse/client';
import { QueryTypes, type Sequelize } from 'sequelize';
import { connectClickhouse, type ClickhouseSettings } from '../analytics/clickhouse';
import { migrateClickhouse } from '../analytics/clickhouse-migrations';
import type { KpiFilters } from '../analytics/kpi-filters';
import { kpiHeatmap, kpiRecurring, kpiSatisfaction, kpiWorkload } from '../analytics/kpi-panels.repository';
import { kpiBreakdown, kpiTimeseries } from '../analytics/kpi-series.repository';
import { kpiSummary } from '../analytics/kpi.repository';
import { createDatabaseIfMissing } from '../db/create-database';
import { generateHistory, type GeneratedTicket } from '../demo/demo-history';
import { connectDatabase } from '../db/sequelize';
import { ALWAYS_OPEN } from '../sla/business-calendar';
import type { AnalyticsEvent } from '../tickets/ticket-event';
import { median, percentile } from './bench-client';

const EVENTS = Number(process.env['GUICHET_BENCH_EVENTS'] ?? 10_000_000);
const BASE_TICKETS = Number(process.env['GUICHET_BENCH_BASE_TICKETS'] ?? 100_000);
const SAMPLES = Number(process.env['GUICHET_BENCH_SAMPLES'] ?? 100);
const REPLICA_IDS = 10_000_000;
const DAY = 86_400_000;

const clickhouseSettings: ClickhouseSettings = {
  url: process.env['GUICHET_CLICKHOUSE_URL'] ?? 'http://127.0.0.1:8123',
  database: process.env['GUICHET_BENCH_KPI_CLICKHOUSE_DATABASE'] ?? 'guichet_bench_kpi',
  user: process.env['GUICHET_CLICKHOUSE_USER'] ?? 'default',
  password: process.env['GUICHET_CLICKHOUSE_PASSWORD'] ?? '',
};
const MARIADB_URL = process.env['GUICHET_BENCH_KPI_DB_URL'] ?? 'mariadb://guichet:guichet@127.0.0.1:3306/guichet_bench_kpi';

// The baseline's history: the columns a desk's SQL database has, indexed for time ranges.
const MARIADB_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS bench_tickets (id INT UNSIGNED PRIMARY KEY, opened_at DATETIME NOT NULL,
     category_id INT UNSIGNED NOT NULL, priority TINYINT UNSIGNED NOT NULL, type VARCHAR(16) NOT NULL, sla_id INT UNSIGNED NULL)`,
  `CREATE TABLE IF NOT EXISTS bench_ticket_events (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, ticket_id INT UNSIGNED NOT NULL,
     seq INT UNSIGNED NOT NULL, at DATETIME NOT NULL, action VARCHAR(64) NOT NULL, from_state VARCHAR(64) NULL, to_state VARCHAR(64) NOT NULL,
     actor_id INT UNSIGNED NULL, data TEXT NOT NULL, UNIQUE KEY ticket_seq (ticket_id, seq), KEY at_action (at, action))`,
];

const today = new Date(Math.floor(Date.now() / DAY) * DAY);
const end = new Date(today.getTime() + DAY);
const LAST_30_DAYS: KpiFilters = { from: new Date(end.getTime() - 30 * DAY), to: end };
const LAST_12_MONTHS: KpiFilters = { from: new Date(end.getTime() - 360 * DAY), to: end };

function baseHistory(): GeneratedTicket[] {
  const categories = [
    [1, 'incident', 22],
    [2, 'incident', 14],
    [3, 'incident', 9],
    [4, 'request', 6],
    [5, 'incident', 10],
    [6, 'request', 7],
    [7, 'incident', 8],
    [8, 'request', 5],
  ] as const;
  return [
    ...generateHistory(
      {
        categories: categories.map(([id, type, weight]) => ({ id, type, weight, titles: ['Incident de démonstration'] })),
        sites: [
          { entity: 1, location: 'Siège — 2e étage', weight: 3 },
          { entity: 2, location: 'Magasin Les Arcs', weight: 3 },
          { entity: 3, location: 'Magasin St-Zac', weight: 3 },
        ],
        n1: { group: 1, technicians: [11, 12, 13, 14, 15, 16] },
        n2: { group: 2, technicians: [21, 22, 23] },
        requesters: Array.from({ length: 200 }, (_, i) => 1000 + i),
        slaOf: (priority) => ({
          id: priority >= 4 ? 1 : priority === 3 ? 2 : 3,
          ttoMinutes: priority >= 4 ? 30 : 120,
          ttrMinutes: priority >= 4 ? 240 : 960,
        }),
        calendar: ALWAYS_OPEN,
      },
      { tickets: BASE_TICKETS, months: 12, end: today, seed: 2026, firstId: 1 },
    ),
  ];
}

const replicaOf = (event: AnalyticsEvent, replica: number): AnalyticsEvent => ({
  ...event,
  ticket_id: event.ticket_id + replica * REPLICA_IDS,
});

async function fillClickhouse(history: GeneratedTicket[], replicas: number): Promise<void> {
  const admin = connectClickhouse(clickhouseSettings, 'default');
  await admin.command({ query: `DROP DATABASE IF EXISTS ${clickhouseSettings.database}` });
  await admin.close();
  await migrateClickhouse(clickhouseSettings);
  // Bulk loading: no reused sockets the server may have closed while a batch was being built, and
  // time for the final merges.
  const clickhouse = createClient({
    url: clickhouseSettings.url,
    username: clickhouseSettings.user,
    password: clickhouseSettings.password,
    database: clickhouseSettings.database,
    keep_alive: { enabled: false },
    request_timeout: 900_000,
    clickhouse_settings: {},
  });
  const events = history.flatMap(({ events }) => events.map(({ analytics }) => analytics));
  for (let replica = 0; replica < replicas; replica += 1) {
    for (let i = 0; i < events.length; i += 200_000) {
      await clickhouse.insert({
        table: 'ticket_events',
        values: events.slice(i, i + 200_000).map((e) => replicaOf(e, replica)),
        format: 'JSONEachRow',
      });
    }
    process.stdout.write(`\r  ClickHouse: ${(((replica + 1) * events.length) / 1e6).toFixed(1)} M events`);
  }
  console.log('\n  merging parts…');
  for (const table of ['ticket_events', 'ticket_state', 'kpi_daily', 'ticket_resolutions']) {
    await clickhouse.command({ query: `OPTIMIZE TABLE ${table} FINAL` });
  }
  await clickhouse.close();
}

async function fillMariadb(sequelize: Sequelize, history: GeneratedTicket[], replicas: number): Promise<void> {
  for (const statement of ['DROP TABLE IF EXISTS bench_ticket_events', 'DROP TABLE IF EXISTS bench_tickets', ...MARIADB_SCHEMA]) {
    await sequelize.query(statement);
  }
  const quote = (value: string | number | null) => (value === null ? 'NULL' : sequelize.escape(value));
  const time = (date: Date) => quote(date.toISOString().slice(0, 19).replace('T', ' '));
  for (let replica = 0; replica < replicas; replica += 1) {
    const shift = replica * REPLICA_IDS;
    for (let i = 0; i < history.length; i += 2_000) {
      const chunk = history.slice(i, i + 2_000);
      await sequelize.query(
        `INSERT INTO bench_tickets VALUES ${chunk
          .map(
            ({ ticket: t }) =>
              `(${t.id + shift}, ${time(t.opened_at)}, ${t.category_id}, ${t.priority}, ${quote(t.type)}, ${t.sla_id ?? 'NULL'})`,
          )
          .join(',')}`,
      );
      await sequelize.query(
        `INSERT INTO bench_ticket_events (ticket_id, seq, at, action, from_state, to_state, actor_id, data) VALUES ${chunk
          .flatMap(({ ticket, events }) =>
            events.map(
              ({ record: e }) =>
                `(${ticket.id + shift}, ${e.seq}, ${time(e.at)}, ${quote(e.action)}, ${quote(e.fromState)}, ${quote(e.toState)}, ${e.actorId ?? 'NULL'}, '{}')`,
            ),
          )
          .join(',')}`,
      );
    }
    process.stdout.write(`\r  MariaDB: replica ${replica + 1} of ${replicas}`);
  }
  console.log();
}

async function timed(samples: number, question: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  await question();
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    await question();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: median(times), p99: percentile(times, 99) };
}

const sqlTime = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');

// The same figures by SQL over MariaDB's history: what a desk computes from its live tables.
function baselineQueries(sequelize: Sequelize, period: KpiFilters) {
  const run = (sql: string) => () =>
    sequelize.query(sql, { replacements: { from: sqlTime(period.from), to: sqlTime(period.to) }, type: QueryTypes.SELECT });
  return {
    summary: run(`
      SELECT COUNT(DISTINCT IF(e.action = 'create', e.ticket_id, NULL)) AS created,
        COUNT(DISTINCT IF(e.to_state = 'resolved' AND e.from_state <> 'resolved', e.ticket_id, NULL)) AS resolved,
        COUNT(DISTINCT IF(e.to_state = 'closed' AND e.from_state <> 'closed', e.ticket_id, NULL)) AS closed,
        (SELECT AVG(TIMESTAMPDIFF(SECOND, t.opened_at, r.last_resolved)) FROM (
           SELECT ticket_id, MAX(at) AS last_resolved FROM bench_ticket_events
           WHERE at >= :from AND at < :to AND to_state = 'resolved' AND from_state <> 'resolved' GROUP BY ticket_id) r
         JOIN bench_tickets t ON t.id = r.ticket_id) AS mttr
      FROM bench_ticket_events e WHERE e.at >= :from AND e.at < :to`),
    'created per day': run(`
      SELECT DATE(at) AS day, COUNT(DISTINCT ticket_id) AS created FROM bench_ticket_events
      WHERE at >= :from AND at < :to AND action = 'create' GROUP BY day ORDER BY day`),
    'MTTR by category': run(`
      SELECT t.category_id, AVG(TIMESTAMPDIFF(SECOND, t.opened_at, r.last_resolved)) AS mttr FROM (
        SELECT ticket_id, MAX(at) AS last_resolved FROM bench_ticket_events
        WHERE at >= :from AND at < :to AND to_state = 'resolved' AND from_state <> 'resolved' GROUP BY ticket_id) r
      JOIN bench_tickets t ON t.id = r.ticket_id GROUP BY t.category_id`),
  };
}

// The databases filled by an earlier run are used again when they hold the volume asked for.
async function filledVolumes(sequelize: Sequelize): Promise<{ clickhouse: number; mariadb: number }> {
  const clickhouse = connectClickhouse(clickhouseSettings);
  const events = await clickhouse
    .query({ query: 'SELECT count() AS n FROM ticket_events', format: 'JSONEachRow' })
    .then(async (result) => Number((await result.json<{ n: string }>())[0]?.n ?? 0))
    .catch(() => 0);
  await clickhouse.close();
  const [row] = await sequelize
    .query<{ n: number }>('SELECT COUNT(*) AS n FROM bench_ticket_events', { type: QueryTypes.SELECT })
    .catch(() => [{ n: 0 }]);
  return { clickhouse: events, mariadb: Number(row?.n ?? 0) };
}

await createDatabaseIfMissing(MARIADB_URL);
const sequelize = connectDatabase(MARIADB_URL, 2);
const filled = await filledVolumes(sequelize);
if (process.env['GUICHET_BENCH_REFILL'] === undefined && filled.clickhouse >= EVENTS * 0.95 && filled.mariadb === filled.clickhouse) {
  console.log(`using the ${(filled.clickhouse / 1e6).toFixed(2)} M events filled by an earlier run (GUICHET_BENCH_REFILL=1 fills again)`);
} else {
  const history = baseHistory();
  const baseEvents = history.reduce((sum, { events }) => sum + events.length, 0);
  const replicas = Math.max(1, Math.round(EVENTS / baseEvents));
  console.log(
    `history: ${history.length} tickets, ${baseEvents} events, ×${replicas} = ${((baseEvents * replicas) / 1e6).toFixed(2)} M events`,
  );
  await fillClickhouse(history, replicas);
  await fillMariadb(sequelize, history, replicas);
}

const clickhouse = connectClickhouse(clickhouseSettings);
const now = { ...LAST_30_DAYS, to: new Date() };
const questions: [string, () => Promise<unknown>][] = [
  ['summary, last 30 days', () => kpiSummary(clickhouse, LAST_30_DAYS)],
  ['summary, 30 days to now (raw events)', () => kpiSummary(clickhouse, now)],
  ['created per day', () => kpiTimeseries(clickhouse, LAST_30_DAYS, 'created', 'day')],
  ['resolved per day', () => kpiTimeseries(clickhouse, LAST_30_DAYS, 'resolved', 'day')],
  ['backlog per day', () => kpiTimeseries(clickhouse, LAST_30_DAYS, 'backlog', 'day')],
  ['SLA compliance per day', () => kpiTimeseries(clickhouse, LAST_30_DAYS, 'slaCompliance', 'day')],
  ['reopen rate per day', () => kpiTimeseries(clickhouse, LAST_30_DAYS, 'reopenRate', 'day')],
  ['FCR rate per day', () => kpiTimeseries(clickhouse, LAST_30_DAYS, 'fcrRate', 'day')],
  ['MTTR by category', () => kpiBreakdown(clickhouse, LAST_30_DAYS, 'mttrSeconds', 'category')],
  ['MTTR by priority', () => kpiBreakdown(clickhouse, LAST_30_DAYS, 'mttrSeconds', 'priority')],
  ['satisfaction', () => kpiSatisfaction(clickhouse, LAST_30_DAYS)],
  ['heatmap', () => kpiHeatmap(clickhouse, LAST_30_DAYS)],
  ['workload', () => kpiWorkload(clickhouse, LAST_30_DAYS)],
  ['recurring incidents', () => kpiRecurring(clickhouse, LAST_30_DAYS, 3, 7)],
];
// A year at once is not a dashboard's question; a few samples tell its cost.
const yearQuestions: [string, () => Promise<unknown>][] = [
  ['summary, last 12 months', () => kpiSummary(clickhouse, LAST_12_MONTHS)],
  ['created per week, 12 months', () => kpiTimeseries(clickhouse, LAST_12_MONTHS, 'created', 'week')],
];
console.log(`\nClickHouse, ${SAMPLES} samples each (ms):`);
const results = new Map<string, { p50: number; p99: number }>();
for (const [name, question, samples] of [
  ...questions.map(([name, question]) => [name, question, SAMPLES] as const),
  ...yearQuestions.map(([name, question]) => [name, question, 10] as const),
]) {
  const figures = await timed(samples, question);
  results.set(name, figures);
  console.log(`  ${name.padEnd(40)} p50 ${figures.p50.toFixed(1).padStart(7)}  p99 ${figures.p99.toFixed(1).padStart(7)}`);
}
console.log(`\nMariaDB baseline over the same history, last 30 days, ${Math.min(SAMPLES, 10)} samples each (ms):`);
const pairs: Record<string, string> = {
  summary: 'summary, last 30 days',
  'created per day': 'created per day',
  'MTTR by category': 'MTTR by category',
};
for (const [name, query] of Object.entries(baselineQueries(sequelize, LAST_30_DAYS))) {
  const figures = await timed(Math.min(SAMPLES, 10), query);
  const ours = results.get(pairs[name]!)!;
  console.log(
    `  ${name.padEnd(40)} p50 ${figures.p50.toFixed(1).padStart(7)}  p99 ${figures.p99.toFixed(1).padStart(7)}   ×${(figures.p50 / ours.p50).toFixed(1)} the ClickHouse p50`,
  );
}
await clickhouse.close();
await sequelize.close();
