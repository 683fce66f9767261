import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startDesk, type Desk, type TestUser } from '../support/stack';

let desk: Desk;
const relays = new Set<RelayProcess>();

beforeAll(async () => {
  // No relay in this process: the only relays are the child processes the test kills.
  desk = await startDesk({ relay: false });
});
afterAll(async () => {
  relays.forEach((relay) => relay.child.kill('SIGKILL'));
  await clickhouseService('up');
  await desk?.stack.close();
});

// The project's own ClickHouse can be stopped and started; a configured one is not ours to stop.
const ownClickhouse = process.env['GUICHET_CLICKHOUSE_URL'] === undefined;
const run = promisify(execFile);
// Asynchronous, so that the API and the worker in this process keep recording meanwhile.
const clickhouseService = async (verb: 'up' | 'down') => {
  if (ownClickhouse) await run('bash', ['scripts/services.sh', verb, 'clickhouse']);
};

const BATCH_SIZE = 20;
const IDLE_MS = 20;
const TICKETS = 72;

// ---------- the work: tickets taken along the lifecycle's paths through the API ----------

interface Step {
  action: string;
  by: 'technician' | 'requester';
  body: object;
}
const byTechnician = (action: string, body: object = {}): Step => ({ action, by: 'technician', body });
const byRequester = (action: string, body: object = {}): Step => ({ action, by: 'requester', body });
const solution = { solution: 'Profil Outlook recréé' };
const pendingReason = { reason: 'En attente du fournisseur' };

const PATHS: Step[][] = [
  [byTechnician('assign'), byTechnician('resolve', solution), byRequester('accept_solution')],
  [byTechnician('assign'), byTechnician('pend', pendingReason), byTechnician('resume'), byTechnician('resolve', solution)],
  [
    byTechnician('assign'),
    byTechnician('resolve', solution),
    byRequester('refuse_solution', { reason: 'Toujours en boucle' }),
    byTechnician('resolve', solution),
    byTechnician('close'),
  ],
  [byTechnician('assign'), byTechnician('escalate', { reason: 'Serveur de messagerie à examiner' })],
  [byTechnician('pend', pendingReason), byTechnician('resume'), byTechnician('assign')],
  [byTechnician('assign'), byTechnician('resolve', solution)],
];

interface WorkedTicket {
  id: number;
  priority: number;
  path: Step[];
  done: number;
  status: string;
}

async function answerOf(response: Promise<{ status: number; body: any }>, status: number, what: string) {
  const answer = await response;
  if (answer.status !== status) throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Runs `task` on every item, a few at a time, as several people at their desks would. */
async function together<T, R>(items: T[], task: (item: T, i: number) => Promise<R>, concurrency = 6): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i]!, i);
      }
    }),
  );
  return results;
}

async function fileTicket(category: number, i: number): Promise<WorkedTicket> {
  const created = await answerOf(
    desk.stack.call('POST', '/api/v1/tickets', {
      token: desk.alice.token,
      body: {
        title: `Plus d’accès à ma messagerie (${i})`,
        description: 'Outlook demande le mot de passe en boucle.',
        type: 'incident',
        urgency: 1 + (i % 5),
        impact: 1 + (Math.floor(i / 5) % 5),
        category,
      },
    }),
    201,
    'filing',
  );
  return { id: created.id, priority: created.priority, path: PATHS[i % PATHS.length]!, done: 0, status: created.status };
}

/** Takes each ticket along its path up to step `upTo`. */
const takeSteps = (tickets: WorkedTicket[], upTo: number) =>
  together(tickets, async (ticket) => {
    for (const step of ticket.path.slice(ticket.done, upTo)) {
      const user: TestUser = step.by === 'requester' ? desk.alice : desk.tech1;
      const path = `/api/v1/tickets/${ticket.id}/actions/${step.action}`;
      ticket.status = (await answerOf(desk.stack.call('POST', path, { token: user.token, body: step.body }), 200, path)).status;
      ticket.done += 1;
    }
  });

// ---------- the relays, each in a process of its own ----------

interface RelayProcess {
  child: ChildProcess;
  /** Its reports, one a line: "sending …", "delivered …" or "failed …" (see run-outbox-relay.ts). */
  lines: string[];
  reports: EventEmitter;
  ready: Promise<void>;
}

function startRelay(): RelayProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/run-outbox-relay.ts', String(BATCH_SIZE), String(IDLE_MS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const reports = new EventEmitter();
  const ready = new Promise<void>((resolve, reject) => {
    reports.once('ready', () => resolve());
    child.once('exit', (code, signal) => reject(new Error(`relay exited before it was ready (${code ?? signal})`)));
  });
  ready.catch(() => undefined);
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const complete = (partial + chunk.toString()).split('\n');
    partial = complete.pop()!;
    for (const line of complete) {
      if (line !== 'ready') lines.push(line);
      reports.emit(line.split(' ')[0]!);
    }
  });
  const relay = { child, lines, reports, ready };
  relays.add(relay);
  child.once('exit', () => relays.delete(relay));
  return relay;
}

async function stopRelay(relay: RelayProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  const exited = once(relay.child, 'exit');
  relay.child.kill(signal);
  await exited;
}

const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

/** Resolves true at the relay's next `report` of a batch, false if none comes within a second. */
const nextReport = (relay: RelayProcess, report: 'sending' | 'delivered'): Promise<boolean> =>
  once(relay.reports, report, { signal: AbortSignal.timeout(1_000) }).then(
    () => true,
    () => false,
  );

/**
 * Kills the relay in a random batch among its next few: as soon as it starts sending to ClickHouse
 * (the batch in flight), or at a random moment just after ClickHouse has the batch, before or after
 * the outbox rows are deleted. Reports how many events were left waiting, and whether the batch
 * taken last never committed. A batch takes a few milliseconds: a kill that waited after "sending"
 * would often find it committed, and a run whose kills all came too late would prove nothing.
 */
async function killMidBatch(relay: RelayProcess): Promise<{ left: number; midBatch: boolean }> {
  const report = Math.random() < 0.5 ? 'sending' : 'delivered';
  let batches = randomBetween(1, 4);
  while (batches > 0 && (await nextReport(relay, report))) batches -= 1;
  if (report === 'delivered') await sleep(randomBetween(0, 5));
  await stopRelay(relay, 'SIGKILL');
  return { left: await outboxSize(), midBatch: await interruptedMidBatch(relay) };
}

const pairsOf = (line: string): string[] => line.slice(line.indexOf(' ') + 1).split(',');

const outboxSize = async (): Promise<number> =>
  Number((await desk.stack.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM outbox', { type: QueryTypes.SELECT }))[0]!.n);

/** Whether the batch the relay took last is still in the outbox: its transaction never committed. */
async function interruptedMidBatch(relay: RelayProcess): Promise<boolean> {
  const last = relay.lines.at(-1);
  if (last === undefined || last.startsWith('failed')) return false;
  const rows = pairsOf(last).map((pair) => `(${pair.split(':').map(Number).join(',')})`);
  const query = `SELECT COUNT(*) AS n FROM outbox WHERE (ticket_id, seq) IN (${rows.join(',')})`;
  const [left] = await desk.stack.sequelize.query<{ n: number }>(query, { type: QueryTypes.SELECT });
  return Number(left!.n) > 0;
}

// ---------- what each side holds ----------

async function historyPairs(ids: number[]): Promise<string[]> {
  const rows = await desk.stack.sequelize.query<{ ticket_id: number; seq: number }>(
    'SELECT ticket_id, seq FROM ticket_events WHERE ticket_id IN (:ids) ORDER BY ticket_id, seq',
    { replacements: { ids }, type: QueryTypes.SELECT },
  );
  return rows.map((r) => `${r.ticket_id}:${r.seq}`);
}

async function warehousePairs(ids: number[]): Promise<string[]> {
  const result = await desk.stack.clickhouse.query({
    query: `SELECT ticket_id, seq FROM ticket_events FINAL WHERE ticket_id IN (${ids.join(',')}) ORDER BY ticket_id, seq`,
    format: 'JSONEachRow',
  });
  return (await result.json<{ ticket_id: number; seq: number }>()).map((r) => `${r.ticket_id}:${r.seq}`);
}

/** Rows of the raw table beyond one per event: redeliveries that no merge has collapsed yet. */
async function uncollapsedCopies(ids: number[]): Promise<number> {
  const result = await desk.stack.clickhouse.query({
    query: `SELECT count() - uniqExact(ticket_id, seq) AS extra FROM ticket_events WHERE ticket_id IN (${ids.join(',')})`,
    format: 'JSONEachRow',
  });
  return Number((await result.json<{ extra: string }>())[0]!.extra);
}

const period = `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 3_600_000).toISOString()}`;
const kpi = async (path: string) => (await desk.stack.call('GET', `/api/v1/kpis/${path}`, { token: desk.manager.token })).body;

const BACKLOG = ['new', 'assigned', 'planned', 'pending'];
const took = (ticket: WorkedTicket, action: string) => ticket.path.some((step) => step.action === action);

describe('outbox relay killed mid-batch', () => {
  it('loses no event and doubles none when relays are killed and ClickHouse restarts', async () => {
    const category = await desk.stack.newCategory();
    const rounds: { left: number; midBatch: boolean }[] = [];
    const delivered: string[] = [];
    const killedRelay = async (whileRunning: (relay: RelayProcess) => Promise<void> = async () => undefined) => {
      const relay = startRelay();
      await relay.ready;
      await whileRunning(relay);
      rounds.push(await killMidBatch(relay));
      delivered.push(...relay.lines.filter((line) => line.startsWith('delivered')));
    };

    // The work comes in five waves, each left in the outbox for a relay that dies; ClickHouse
    // stops under the third one's relay while that wave is recorded, and comes back.
    const tickets = await together(
      Array.from({ length: TICKETS }, (_, i) => i),
      (i) => fileTicket(category, i),
    );
    await killedRelay();
    await takeSteps(tickets, 1);
    await killedRelay();
    await killedRelay(async (relay) => {
      await clickhouseService('down');
      await takeSteps(tickets, 2);
      if (!ownClickhouse) return;
      const before = relay.lines.length;
      await clickhouseService('up');
      await eventually(async () => (relay.lines.slice(before).some((l) => l.startsWith('delivered')) ? true : undefined), 20_000);
    });
    await takeSteps(tickets, 3);
    await killedRelay();
    await takeSteps(tickets, Infinity);
    await killedRelay();

    const drain = startRelay();
    await drain.ready;
    await eventually(async () => ((await outboxSize()) === 0 ? true : undefined), 30_000);
    await stopRelay(drain, 'SIGTERM');
    expect(drain.child.exitCode).toBe(0);
    delivered.push(...drain.lines.filter((line) => line.startsWith('delivered')));

    // The kills were real: some left events waiting, and at least one interrupted a
    // batch in flight or made a batch reach ClickHouse twice (seen in two relays' reports, or as
    // copies in the raw table that no merge has collapsed yet).
    const ids = tickets.map((ticket) => ticket.id);
    const times = new Map<string, number>();
    for (const pair of delivered.flatMap(pairsOf)) times.set(pair, (times.get(pair) ?? 0) + 1);
    const reportedTwice = [...times.values()].filter((n) => n > 1).length;
    const extraCopies = await uncollapsedCopies(ids);
    expect(rounds.filter((round) => round.left > 0).length).toBeGreaterThan(0);
    expect(rounds.filter((round) => round.midBatch).length + reportedTwice + extraCopies).toBeGreaterThan(0);

    // Every recorded event is in the warehouse once, and only those.
    expect(await outboxSize()).toBe(0);
    const history = await historyPairs(ids);
    expect(history).toHaveLength(TICKETS + tickets.reduce((n, ticket) => n + ticket.path.length, 0));
    expect(await warehousePairs(ids)).toEqual(history);

    // The KPIs are those of the work done, whatever was delivered twice.
    const countOf = (test: (ticket: WorkedTicket) => boolean) => tickets.filter(test).length;
    const expected = {
      created: TICKETS,
      resolved: countOf((t) => took(t, 'resolve')),
      closed: countOf((t) => t.status === 'closed'),
      escalated: countOf((t) => took(t, 'escalate')),
      reopened: countOf((t) => took(t, 'refuse_solution')),
      backlog: countOf((t) => BACKLOG.includes(t.status)),
    };
    const summaryPath = `summary?category=${category}&${period}`;
    // The materialized views follow the raw insert: wait until the aggregates have everything.
    const summary = await eventually(async () => {
      const answer = await kpi(summaryPath);
      return Object.entries(expected).every(([figure, value]) => answer[figure] === value) ? answer : undefined;
    }).catch(() => kpi(summaryPath));
    expect(summary).toMatchObject(expected);

    const created = await kpi(`timeseries?metric=created&interval=day&category=${category}`);
    expect(created.points.reduce((n: number, point: { value: number }) => n + point.value, 0)).toBe(TICKETS);
    const resolvedByPriority = new Map<string, number>();
    for (const { priority } of tickets.filter((t) => took(t, 'resolve'))) {
      resolvedByPriority.set(String(priority), (resolvedByPriority.get(String(priority)) ?? 0) + 1);
    }
    const breakdown = await kpi(`breakdown?metric=resolved&by=priority&category=${category}&${period}`);
    expect(new Map(breakdown.items.map((item: { key: string; value: number }) => [item.key, item.value]))).toEqual(resolvedByPriority);
  }, 90_000);
});
