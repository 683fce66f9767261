// What a guichet transition costs beside a bare Temporal Update on the same server: the Update of a
// workflow whose handler only counts; the same with what a transition asks of the engine (a local
// activity that does nothing, a search attribute); and a ticket's pend/resume through the API
// (authentication, the Update into the ticket's workflow, its recording), each at the concurrency
// levels asked for.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { percentile } from './bench-client';
import { noopActivities, noopUpdate, recordingUpdate } from './noop-update.workflow';

export interface TransitionTarget {
  /** The API, and a technician's token for it. */
  baseUrl: string;
  token: string;
  /** The Temporal server the API's workflows run on, and a client of the same namespace. */
  address: string;
  namespace: string;
  temporal: Client;
}

interface Figures {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LevelFigures {
  concurrency: number;
  bare: Figures;
  /** A bare Update that also runs a local activity and upserts a search attribute: the engine's part of a transition. */
  engine: Figures;
  transition: Figures;
  /** Transitions per second over bare Updates per second, and the p50s the other way round. */
  throughputRatio: number;
  p50Ratio: number;
}

const figuresOf = (run: { durations: number[]; wallMs: number }): Figures => ({
  perSecond: (run.durations.length * 1000) / run.wallMs,
  p50Ms: percentile(run.durations, 50),
  p99Ms: percentile(run.durations, 99),
});

async function send(target: TransitionTarget, path: string, body: object): Promise<{ id?: number }> {
  const response = await fetch(`${target.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 200 && response.status !== 201) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as { id?: number };
}

// `total` calls of `task`, `concurrency` at a time, each runner on a slot of its own, one call after the other.
async function bySlot(total: number, concurrency: number, task: (slot: number) => Promise<void>) {
  const durations: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, slot) => {
      for (let done = slot; done < total; done += concurrency) {
        const t0 = performance.now();
        await task(slot);
        durations.push(performance.now() - t0);
      }
    }),
  );
  return { durations: durations.sort((x, y) => x - y), wallMs: performance.now() - started };
}

/** `perLevel` bare Updates and `perLevel` transitions at each of `levels` concurrencies; one ticket and one workflow per slot. */
export async function measureTransitionOverhead(target: TransitionTarget, perLevel: number, levels: number[]): Promise<LevelFigures[]> {
  const taskQueue = `bench-noop-${randomUUID()}`;
  const connection = await NativeConnection.connect({ address: target.address });
  const worker = await Worker.create({
    connection,
    namespace: target.namespace,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./noop-update.workflow.ts', import.meta.url)),
    activities: noopActivities,
  });
  const figures: LevelFigures[] = [];
  await worker.runUntil(async () => {
    for (const concurrency of levels) {
      const slots = Array.from({ length: concurrency }, (_, i) => i);
      const handles = await Promise.all(
        slots.map((slot) =>
          target.temporal.workflow.start('noopUpdateWorkflow', { taskQueue, workflowId: `${taskQueue}-${concurrency}-${slot}` }),
        ),
      );
      const tickets = await Promise.all(
        slots.map(async (slot) => {
          const { id } = await send(target, '/api/v1/tickets', {
            title: `Transition bench ${slot}`,
            description: 'Benchmark ticket',
            type: 'incident',
            urgency: 3,
            impact: 3,
          });
          await send(target, `/api/v1/tickets/${id}/actions/assign`, {});
          return { id: id!, pending: false };
        }),
      );
      // Each slot works its own workflow, one call after the other, as concurrent people do.
      const bare = await bySlot(perLevel, concurrency, async (slot) => {
        await handles[slot]!.executeUpdate(noopUpdate);
      });
      const engine = await bySlot(perLevel, concurrency, async (slot) => {
        await handles[slot]!.executeUpdate(recordingUpdate);
      });
      const transition = await bySlot(perLevel, concurrency, async (slot) => {
        const ticket = tickets[slot]!;
        await send(
          target,
          `/api/v1/tickets/${ticket.id}/actions/${ticket.pending ? 'resume' : 'pend'}`,
          ticket.pending ? {} : { reason: 'bench' },
        );
        ticket.pending = !ticket.pending;
      });
      await Promise.all(handles.map((handle) => handle.terminate('benchmark done')));
      const [b, t] = [figuresOf(bare), figuresOf(transition)];
      figures.push({
        concurrency,
        bare: b,
        engine: figuresOf(engine),
        transition: t,
        throughputRatio: t.perSecond / b.perSecond,
        p50Ratio: t.p50Ms / b.p50Ms,
      });
    }
  });
  await connection.close();
  return figures;
}
