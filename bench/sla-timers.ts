// SLA timers on one worker: GUICHET_BENCH_OPEN_TICKETS open tickets (default 10,000), each with its
// workflow and SLA clocks, of which GUICHET_BENCH_FIRING (default 1,000) breach their TTR within a
// GUICHET_BENCH_WINDOW_S-second window (default 300) and the rest days later. Prints how late each
// breach was recorded after its due time (p50/p99/max) and the worker process's memory over the
// window. Needs the local services (`npm run services:up`) and no `npm start` on the same database.
import { tsToMs } from '@temporalio/common/lib/time';
import { QueryTypes } from 'sequelize';
import { compileLifecycle } from '../lifecycles/compile-lifecycle';
import { latestLifecycleOrFail } from '../lifecycles/lifecycle.repository';
import { startPosition } from '../lifecycles/lifecycle-step';
import { createTicketWorker } from '../runtime/ticket-worker';
import { ALWAYS_OPEN } from '../sla/business-calendar';
import { startClocks } from '../sla/sla-clock';
import { TICKETS_TASK_QUEUE, ticketWorkflowId, type TicketWorkflowInput } from '../workflows/ticket.contracts';
import { BENCH_NAMESPACE, BENCH_TEMPORAL_ADDRESS, benchTemporal, startBenchApi } from './bench-api';
import { percentile } from './bench-client';

const OPEN = Number(process.env['GUICHET_BENCH_OPEN_TICKETS'] ?? 10_000);
const FIRING = Number(process.env['GUICHET_BENCH_FIRING'] ?? 1_000);
const WINDOW_MS = Number(process.env['GUICHET_BENCH_WINDOW_S'] ?? 300) * 1000;
// Time to start every workflow before the first breach is due, with margin.
const LEAD_MS = Number(process.env['GUICHET_BENCH_LEAD_S'] ?? 60) * 1000 + OPEN * 15;
const { sequelize, refs, close } = await startBenchApi();
const client = await benchTemporal();

// The tickets' rows, assigned, their TTO met; each workflow records its breach into its row.
const run = `bench-sla-${Date.now()}`;
const lifecycle = await latestLifecycleOrFail('incident');
const context = { requester: refs.technician, assignee: refs.technician, group: null, level: 1, validator: null };
const position = { ...startPosition(compileLifecycle(lifecycle.definition), context), state: 'assigned', context };
for (let done = 0; done < OPEN; done += 1_000) {
  const rows = Array.from({ length: Math.min(1_000, OPEN - done) }, () => [
    run,
    'incident',
    'assigned',
    'assigned',
    lifecycle.version,
    JSON.stringify(context),
    refs.technician,
  ]);
  await sequelize.query(
    `INSERT INTO tickets (title, description, type, status, state, lifecycle_key, lifecycle_version, context, urgency, impact, priority,
       requester_id, assignee_id, level, source, seq, opened_at, created_at, updated_at, workflow_started_at, created_by)
     VALUES ${rows.map(() => "(?, '', ?, ?, ?, 'incident', ?, ?, 3, 3, 3, ?, ?, 1, 'helpdesk', 1, NOW(3), NOW(3), NOW(3), NOW(3), ?)").join(',')}`,
    { replacements: rows.flatMap((r) => [...r, r[6], r[6]]), type: QueryTypes.INSERT },
  );
}
const ids = (
  await sequelize.query<{ id: number }>('SELECT id FROM tickets WHERE title = ? ORDER BY id', {
    replacements: [run],
    type: QueryTypes.SELECT,
  })
).map((r) => r.id);

const { worker, connection: workerConnection } = await createTicketWorker({
  address: BENCH_TEMPORAL_ADDRESS,
  namespace: BENCH_NAMESPACE,
  sequelize,
});
const working = worker.run();

// Runs `task` over `items`, 16 at a time.
async function inParallel<T>(items: readonly T[], task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < items.length) {
        const index = next++;
        await task(items[index]!, index);
      }
    }),
  );
}

const startedAt = Date.now();
const windowStart = startedAt + LEAD_MS;
console.log(
  `${OPEN} open tickets, ${FIRING} breaching between +${Math.round((windowStart - startedAt) / 1000)} s and +${Math.round((windowStart + WINDOW_MS - startedAt) / 1000)} s`,
);
const dueOf = new Map<number, number>();
await inParallel(ids, async (ticketId, i) => {
  const due = i < FIRING ? windowStart + Math.floor((i / FIRING) * WINDOW_MS) : windowStart + 7 * 86_400_000;
  dueOf.set(ticketId, due);
  const opened = new Date(startedAt);
  const ttrMinutes = (due - opened.getTime()) / 60_000;
  const sla = { ...startClocks({ slaId: 0, calendar: ALWAYS_OPEN, ttoMinutes: 1, ttrMinutes, levels: [], levelClocks: [] }, opened) };
  sla.tto = { ...sla.tto, metAt: opened.toISOString() };
  sla.ttr = { ...sla.ttr, due: new Date(due).toISOString() };
  const input: TicketWorkflowInput = {
    ticketId,
    definition: lifecycle.definition,
    lifecycleVersion: lifecycle.version,
    position,
    seq: 1,
    priority: 3,
    sla,
  };
  await client.workflow.start('ticketWorkflow', { taskQueue: TICKETS_TASK_QUEUE, workflowId: ticketWorkflowId(ticketId), args: [input] });
});
console.log(`started ${ids.length} workflows in ${Math.round((Date.now() - startedAt) / 1000)} s`);

const recordedBreaches = () =>
  sequelize.query<{ ticket_id: number; at: Date }>(
    "SELECT ticket_id, at FROM ticket_events WHERE action = 'sla_breach' AND ticket_id BETWEEN ? AND ?",
    { replacements: [ids[0], ids.at(-1)], type: QueryTypes.SELECT },
  );
const memory: number[] = [];
const sampler = setInterval(() => memory.push(process.memoryUsage().rss / 1_048_576), 10_000);
// Until every breach is recorded, or 15 s past the window: a missing one is reported, not waited for.
let breaches = await recordedBreaches();
while (breaches.length < FIRING && Date.now() < windowStart + WINDOW_MS + 15_000) {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  breaches = await recordedBreaches();
}
clearInterval(sampler);
const lateness = breaches.map((b) => new Date(b.at).getTime() - dueOf.get(b.ticket_id)!).sort((a, b) => a - b);
console.log(`breaches recorded: ${breaches.length} of ${FIRING}; early ones: ${lateness.filter((l) => l < 0).length}`);
console.log(`lateness ms: p50 ${percentile(lateness, 50)}, p99 ${percentile(lateness, 99)}, max ${lateness.at(-1)}`);
console.log(`worker process RSS MiB every 10 s: ${memory.map((m) => m.toFixed(0)).join(' ')}`);

// Where the lateness comes from, read in the histories of up to 100 breached tickets: from the due
// time to the server's TimerFired, then to the WorkflowTaskStarted that took it (the workflow's now).
// The TimerFired is split at the timer's aim (its TimerStarted, when the server took the command,
// plus its duration, which the workflow counted from its own now, the start of that task).
const sample = breaches.filter((_, i) => i % Math.max(1, Math.floor(breaches.length / 100)) === 0).slice(0, 100);
const firing: number[] = [];
const aiming: number[] = [];
const queueing: number[] = [];
const dispatch: number[] = [];
for (const breach of sample) {
  const due = dueOf.get(breach.ticket_id)!;
  const events = (await client.workflow.getHandle(ticketWorkflowId(breach.ticket_id)).fetchHistory()).events ?? [];
  const fired = events.findIndex((event) => event.timerFiredEventAttributes && tsToMs(event.eventTime) >= due - 1);
  const started = events.findIndex((event, i) => i > fired && event.workflowTaskStartedEventAttributes);
  if (fired < 0 || started < 0) continue;
  const firedAt = tsToMs(events[fired]!.eventTime);
  const timer = events.find((event) => Number(event.eventId) === Number(events[fired]!.timerFiredEventAttributes!.startedEventId));
  const aim = tsToMs(timer!.eventTime) + tsToMs(timer!.timerStartedEventAttributes!.startToFireTimeout);
  firing.push(firedAt - due);
  aiming.push(aim - due);
  queueing.push(firedAt - aim);
  dispatch.push(tsToMs(events[started]!.eventTime) - firedAt);
}
for (const [name, values] of [
  ['due → TimerFired', firing],
  ["  due → the timer's aim", aiming],
  ["  the timer's aim → TimerFired", queueing],
  ['TimerFired → WorkflowTaskStarted', dispatch],
] as const) {
  values.sort((a, b) => a - b);
  console.log(
    `${name} ms over ${values.length} histories: p50 ${percentile(values, 50)}, p99 ${percentile(values, 99)}, max ${values.at(-1)}`,
  );
}

// Ends the bench's workflows, so that they hold no timers once it is over.
await inParallel(ids, async (id) => {
  await client.workflow
    .getHandle(ticketWorkflowId(id))
    .terminate('benchmark over')
    .catch(() => undefined);
});
worker.shutdown();
await working;
await workerConnection.close();
await client.connection.close();
await close();
