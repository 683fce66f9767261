// The outbox relay: sustained delivery and event lag (outbox row written → visible in ClickHouse)
// under GUICHET_BENCH_RATE events/s (500) with one relay and with two sharing the outbox, then the
// drain rate of GUICHET_BENCH_BACKLOG waiting events (200,000) with batches of 1,000 and 5,000.
// Medians over GUICHET_BENCH_ROUNDS rounds (3). On databases of its own (guichet_bench_relay in
// MariaDB and ClickHouse, emptied before each round). Events go straight into the outbox —
// transitions through Temporal would not reach 500/s on this machine — built as the application
// builds them, for ticket ids from 900,000,000 that no real ticket uses.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import { pino } from 'pino';
import { QueryTypes, type Sequelize } from 'sequelize';
import { connectClickhouse, type ClickhouseSettings } from '../analytics/clickhouse';
import { migrateClickhouse } from '../analytics/clickhouse-migrations';
import { runOutboxRelay } from '../analytics/outbox-relay';
import { config } from '../config/config';
import { createDatabaseIfMissing } from '../db/create-database';
import { mariadbMigrator } from '../db/migrate';
import { connectDatabase } from '../db/sequelize';
import type { CanonicalStatus } from '../lifecycles/definition';
import { toClickhouseTime } from '../analytics/clickhouse-time';
import { toAnalyticsEvent } from '../tickets/ticket-event';
import { median, percentile } from './bench-client';

const DB_URL = process.env['GUICHET_BENCH_RELAY_DB_URL'] ?? 'mariadb://guichet:guichet@127.0.0.1:3306/guichet_bench_relay';
const WAREHOUSE: ClickhouseSettings = {
  url: config.clickhouseUrl,
  database: process.env['GUICHET_BENCH_RELAY_CLICKHOUSE_DATABASE'] ?? 'guichet_bench_relay',
  user: config.clickhouseUser,
  password: config.clickhousePassword,
};
const RATE = Number(process.env['GUICHET_BENCH_RATE'] ?? 500);
const ROUND_SECONDS = Number(process.env['GUICHET_BENCH_ROUND_SECONDS'] ?? 20);
const ROUNDS = Number(process.env['GUICHET_BENCH_ROUNDS'] ?? 3);
const BACKLOG = Number(process.env['GUICHET_BENCH_BACKLOG'] ?? 200_000);
const FIRST_TICKET = 900_000_000;
// One event in ten (those of tickets whose id ends in 0) is followed until ClickHouse shows it.
const isSampled = (ticketId: number) => ticketId % 10 === 0;
const POLL_MS = 10;

// ---------- events as the application writes them ----------

/** An incident's life; each state has the canonical status of the same name. */
const LIFE: readonly { action: string; from: CanonicalStatus | null; to: CanonicalStatus }[] = [
  { action: 'create', from: null, to: 'new' },
  { action: 'assign', from: 'new', to: 'assigned' },
  { action: 'pend', from: 'assigned', to: 'pending' },
  { action: 'resume', from: 'pending', to: 'assigned' },
  { action: 'resolve', from: 'assigned', to: 'resolved' },
  { action: 'accept_solution', from: 'resolved', to: 'closed' },
];
// Events of this many tickets interleave, as several technicians' work does.
const IN_FLIGHT = 50;

interface OutboxEvent {
  ticketId: number;
  seq: number;
  payload: string;
  createdAt: Date;
}

/** The `n`th event of a stream of tickets numbered from `firstTicket`, written at `at`. */
function eventOf(n: number, firstTicket: number, at: Date): OutboxEvent {
  const step = Math.floor(n / IN_FLIGHT) % LIFE.length;
  const ticketId = firstTicket + (n % IN_FLIGHT) + IN_FLIGHT * Math.floor(n / (IN_FLIGHT * LIFE.length));
  const { action, from, to } = LIFE[step]!;
  const openedAt = new Date(at.getTime() - step * 600_000);
  const held = step > 0;
  const event = toAnalyticsEvent(
    {
      id: ticketId,
      type: 'incident',
      status: to,
      priority: 1 + (ticketId % 5),
      category_id: 1 + (ticketId % 12),
      entity_id: 1,
      group_id: held ? 1 : null,
      assignee_id: held ? 2 : null,
      level: 1,
      source: 'helpdesk',
      location: null,
      opened_at: openedAt,
      taken_into_account_at: held ? new Date(openedAt.getTime() + 600_000) : null,
      reopen_count: 0,
      escalation_count: 0,
      assignment_count: held ? 1 : 0,
      sla_id: null,
      sla_clocks: null,
    },
    { seq: step + 1, at, actorId: 2, action, fromState: from, fromStatus: from, toState: to, data: {} },
  );
  return { ticketId, seq: step + 1, payload: JSON.stringify(event), createdAt: at };
}

async function writeToOutbox(sequelize: Sequelize, events: OutboxEvent[]): Promise<void> {
  await sequelize.query(`INSERT INTO outbox (ticket_id, seq, payload, created_at) VALUES ${events.map(() => '(?,?,?,?)').join(',')}`, {
    replacements: events.flatMap((e) => [e.ticketId, e.seq, e.payload, e.createdAt]),
    type: QueryTypes.INSERT,
  });
}

/** Writes `RATE` events a second for `seconds`, in small inserts every few milliseconds. */
async function offerLoad(sequelize: Sequelize, firstTicket: number, seconds: number, written: (events: OutboxEvent[]) => void) {
  const total = RATE * seconds;
  const started = performance.now();
  let done = 0;
  while (done < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
    if (due > done) {
      const at = new Date();
      const events = Array.from({ length: due - done }, (_, i) => eventOf(done + i, firstTicket, at));
      await writeToOutbox(sequelize, events);
      written(events);
      done = due;
    }
    await sleep(5);
  }
}

// ---------- the relays, each with connections of its own, as separate processes would have ----------

function startRelays(count: number, batchSize: number) {
  const stop = new AbortController();
  const delivered = Array.from({ length: count }, () => 0);
  // The relay warns once when a batch fails (then retries it after a pause): count, don't print.
  const failures = { count: 0 };
  const logger = pino({ level: 'warn' }, { write: () => void (failures.count += 1) });
  const running = delivered.map(async (_, i) => {
    const sequelize = connectDatabase(DB_URL, 2);
    const clickhouse = connectClickhouse(WAREHOUSE);
    const insert = clickhouse.insert.bind(clickhouse);
    clickhouse.insert = async (params) => {
      const result = await insert(params);
      delivered[i]! += (params.values as unknown[]).length;
      return result;
    };
    await runOutboxRelay(sequelize, clickhouse, { batchSize, idleMs: config.relayIdleMs, logger }, stop.signal);
    await Promise.allSettled([sequelize.close(), clickhouse.close()]);
  });
  return {
    delivered,
    failures,
    async stop() {
      stop.abort();
      await Promise.all(running);
    },
  };
}

// ---------- what ClickHouse shows ----------

async function rowsOf<T>(clickhouse: ClickHouseClient, query: string): Promise<T[]> {
  return (await clickhouse.query({ query, format: 'JSONEachRow' })).json<T>();
}

/** Sampled events not seen in ClickHouse yet, and the lag of those seen (ms from their outbox write). */
class LagProbe {
  private readonly waiting = new Map<string, number>();
  readonly lags: number[] = [];

  follow(events: OutboxEvent[]): void {
    for (const e of events) if (isSampled(e.ticketId)) this.waiting.set(`${e.ticketId}:${e.seq}`, e.createdAt.getTime());
  }

  get unseen(): number {
    return this.waiting.size;
  }

  /** One look at ClickHouse: every waiting event it shows now was visible by the time the query was sent. */
  async look(clickhouse: ClickHouseClient, since: Date): Promise<void> {
    if (this.waiting.size === 0) return;
    const tickets = [...new Set([...this.waiting.keys()].map((key) => key.split(':')[0]))];
    const sentAt = Date.now();
    const rows = await rowsOf<{ ticket_id: number; seq: number }>(
      clickhouse,
      `SELECT ticket_id, seq FROM ticket_events WHERE at >= toDateTime('${toClickhouseTime(since)}') AND ticket_id IN (${tickets.join(',')})`,
    );
    for (const { ticket_id, seq } of rows) {
      const createdAt = this.waiting.get(`${ticket_id}:${seq}`);
      if (createdAt === undefined) continue;
      this.lags.push(sentAt - createdAt);
      this.waiting.delete(`${ticket_id}:${seq}`);
    }
  }
}

// ---------- the databases ----------

const sequelize = connectDatabase(DB_URL, 4);
const clickhouse = connectClickhouse(WAREHOUSE);

async function prepareDatabases(): Promise<void> {
  await createDatabaseIfMissing(DB_URL);
  await mariadbMigrator(sequelize).up();
}

/** An empty outbox and a warehouse created afresh, so every round starts alike. */
async function emptyDatabases(): Promise<void> {
  await sequelize.query('TRUNCATE TABLE outbox');
  const admin = connectClickhouse(WAREHOUSE, 'default');
  await admin.command({ query: `DROP DATABASE IF EXISTS ${WAREHOUSE.database}` });
  await admin.close();
  await migrateClickhouse(WAREHOUSE);
}

const outboxCount = async (): Promise<number> =>
  Number((await sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM outbox', { type: QueryTypes.SELECT }))[0]?.n);
const outboxEmpty = async (): Promise<boolean> =>
  (await sequelize.query('SELECT id FROM outbox LIMIT 1', { type: QueryTypes.SELECT })).length === 0;

async function warehouseCopies(): Promise<{ events: number }> {
  const [row] = await rowsOf<{ events: string }>(clickhouse, 'SELECT uniqExact(ticket_id, seq) AS events FROM ticket_events');
  return { events: Number(row?.events) };
}

// ---------- the two measurements ----------

interface SustainedRound {
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  mostWaiting: number;
  shares: number[];
  /** Events sent to ClickHouse again after their batch failed once there (rolled back in MariaDB). */
  redelivered: number;
  failedBatches: number;
}

async function sustainedRound(relayCount: number, firstTicket: number): Promise<SustainedRound> {
  await emptyDatabases();
  const relays = startRelays(relayCount, config.relayBatchSize);
  const probe = new LagProbe();
  const since = new Date(Math.floor(Date.now() / 1000) * 1000);
  let loading = true;
  let mostWaiting = 0;
  const looking = (async () => {
    while (loading || probe.unseen > 0) {
      await probe.look(clickhouse, since);
      await sleep(POLL_MS);
    }
  })();
  const counting = (async () => {
    while (loading) {
      mostWaiting = Math.max(mostWaiting, await outboxCount());
      await sleep(500);
    }
  })();
  const started = performance.now();
  await offerLoad(sequelize, firstTicket, ROUND_SECONDS, (events) => probe.follow(events));
  while (!(await outboxEmpty())) await sleep(POLL_MS);
  const seconds = (performance.now() - started) / 1000;
  loading = false;
  await Promise.all([looking, counting]);
  await relays.stop();
  const written = RATE * ROUND_SECONDS;
  const inWarehouse = (await warehouseCopies()).events;
  if (inWarehouse !== written) throw new Error(`ClickHouse has ${inWarehouse} of the ${written} events written`);
  const lags = [...probe.lags].sort((a, b) => a - b);
  const delivered = relays.delivered.reduce((a, b) => a + b, 0);
  return {
    perSecond: written / seconds,
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
    max: lags.at(-1) ?? NaN,
    mostWaiting,
    shares: relays.delivered.map((n) => n / delivered),
    redelivered: delivered - written,
    failedBatches: relays.failures.count,
  };
}

async function drainRound(batchSize: number, firstTicket: number): Promise<{ seconds: number; perSecond: number; inWarehouse: number }> {
  await emptyDatabases();
  const chunk = 2_000;
  for (let n = 0; n < BACKLOG; n += chunk) {
    const at = new Date();
    await writeToOutbox(
      sequelize,
      Array.from({ length: Math.min(chunk, BACKLOG - n) }, (_, i) => eventOf(n + i, firstTicket, at)),
    );
  }
  const started = performance.now();
  const relays = startRelays(1, batchSize);
  while (!(await outboxEmpty())) await sleep(20);
  const seconds = (performance.now() - started) / 1000;
  await relays.stop();
  return { seconds, perSecond: BACKLOG / seconds, inWarehouse: (await warehouseCopies()).events };
}

// ---------- the run ----------

const fixed = (value: number, digits = 0) => value.toFixed(digits).padStart(8);
const benchStarted = performance.now();
await prepareDatabases();
let nextTicket = FIRST_TICKET;
const ticketsOfRound = 1_000_000;

console.log(
  `sustained: ${RATE} events/s into the outbox for ${ROUND_SECONDS} s a round, ${ROUNDS} rounds; relay batch ${config.relayBatchSize}, idle poll ${config.relayIdleMs} ms; lag of 1 event in 10, ClickHouse looked at every ${POLL_MS} ms`,
);
console.log('relays  round  events/s  lag p50 ms  p99 ms  max ms  most waiting  share of each relay  failed batches  events resent');
for (const relayCount of [1, 2]) {
  const rounds: SustainedRound[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const result = await sustainedRound(relayCount, (nextTicket += ticketsOfRound));
    rounds.push(result);
    console.log(
      `${String(relayCount).padStart(6)} ${String(round).padStart(6)} ${fixed(result.perSecond).padStart(9)} ${fixed(result.p50).padStart(11)} ${fixed(result.p99)} ${fixed(result.max)} ${String(result.mostWaiting).padStart(13)}  ${result.shares
        .map((s) => `${(s * 100).toFixed(0)}%`)
        .join(' / ')
        .padEnd(19)}  ${String(result.failedBatches).padStart(14)}  ${String(result.redelivered).padStart(13)}`,
    );
  }
  const of = (pick: (r: SustainedRound) => number) => median(rounds.map(pick));
  console.log(
    `${String(relayCount).padStart(6)} median ${fixed(of((r) => r.perSecond)).padStart(9)} ${fixed(of((r) => r.p50)).padStart(11)} ${fixed(of((r) => r.p99))} ${fixed(of((r) => r.max))} ${String(of((r) => r.mostWaiting)).padStart(13)}  ${''.padEnd(19)}  ${String(of((r) => r.failedBatches)).padStart(14)}  ${String(of((r) => r.redelivered)).padStart(13)}`,
  );
}

console.log(`\ndrain: ${BACKLOG} events waiting in the outbox, one relay, ${ROUNDS} rounds`);
console.log(' batch  round  seconds  events/s  in ClickHouse');
for (const batchSize of [1_000, 5_000]) {
  const rounds: { seconds: number; perSecond: number }[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const result = await drainRound(batchSize, (nextTicket += ticketsOfRound));
    rounds.push(result);
    console.log(
      `${String(batchSize).padStart(6)} ${String(round).padStart(6)} ${fixed(result.seconds, 1)} ${fixed(result.perSecond, 0).padStart(9)}  ${result.inWarehouse}`,
    );
  }
  console.log(
    `${String(batchSize).padStart(6)} median ${fixed(median(rounds.map((r) => r.seconds)), 1)} ${fixed(median(rounds.map((r) => r.perSecond))).padStart(9)}`,
  );
}
console.log(`\nwhole benchmark: ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`);
await Promise.allSettled([sequelize.close(), clickhouse.close()]);
