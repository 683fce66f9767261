import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileLifecycle } from '../../lifecycles/compile-lifecycle';
import type { CanonicalStatus, LifecycleDefinition } from '../../lifecycles/definition';
import { nextPosition, refusalOf, startPosition, type LifecyclePosition } from '../../lifecycles/lifecycle-step';
import { timerDelayMs } from '../../lifecycles/state-timers';
import { SYSTEM_ACTOR, type TicketEvent } from '../../lifecycles/ticket-context';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { ACTION_PAYLOADS } from '../../tickets/ticket.schemas';
import { applyActionUpdate, FORBIDDEN_ACTION, ILLEGAL_ACTION, ticketStateQuery } from '../../workflows/ticket.contracts';
import {
  allowedByDefinition,
  mayTakeByRoles,
  lifecyclePaths,
  missedByPaths,
  PATH_START_CONTEXT,
  type LifecyclePath,
  type PathStep,
} from '../support/lifecycle-paths';
import { eventually } from '../support/stack';
import { startWorkflowHarness } from '../support/workflow-harness';

const MAX_STEPS = 10;
// Tickets replayed at once: enough to keep the test server busy on two cores.
const CONCURRENT_TICKETS = 16;
// One path in so many runs on a ticket whose workflow continues as new after every transition.
const CONTINUING_EVERY = 8;

let harness: Awaited<ReturnType<typeof startWorkflowHarness>>;
beforeAll(async () => {
  harness = await startWorkflowHarness();
});
afterAll(async () => harness?.close());

const describePath = (path: PathStep[], upTo = path.length): string =>
  path
    .slice(0, upTo)
    .map(
      ({ event, position }) =>
        `${event.type} by ${event.actor.profile}${event.actor.id ?? ''} ${JSON.stringify(event.payload)} → ${position.state}`,
    )
    .join('\n  ');

/** Runs `replay` over `items`, `concurrency` at a time; after a failure no other item starts, and the first failure fails the whole. */
async function inPool<T>(items: T[], concurrency: number, replay: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      try {
        await replay(items[next++]!);
      } catch (error) {
        next = items.length;
        throw error;
      }
    }
  };
  // Every lane ends before the test does, so none replays on a harness already closed.
  const failed = (await Promise.allSettled(Array.from({ length: concurrency }, lane))).find((lane) => lane.status === 'rejected');
  if (failed) throw failed.reason;
}

// The date a pending ticket resumes by itself, set by the action that pends it and kept by those that keep it pending.
function pendingUntilAfter(event: TicketEvent, status: CanonicalStatus, before: CanonicalStatus, date: string | null): string | null {
  if (status !== 'pending') return null;
  if (typeof event.payload['until'] === 'string') return event.payload['until'];
  return before === 'pending' ? date : null;
}

type TicketHandle = Awaited<ReturnType<typeof harness.startTicket>>['handle'];

/** Takes each step through the workflow's update and checks its state (query) and records against the machine's prediction. */
async function expectStepsAsPredicted(
  definition: LifecycleDefinition,
  path: PathStep[],
  start: LifecyclePosition,
  ticketId: number,
  handle: TicketHandle,
) {
  const expectedRecords = [];
  let from = start;
  let pendingUntil: string | null = null;
  for (const [i, { event, position }] of path.entries()) {
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: event.type, actor: event.actor, payload: event.payload }] });
    const status = definition.states[position.state]!.status;
    const seq = i + 2;
    pendingUntil = pendingUntilAfter(event, status, definition.states[from.state]!.status, pendingUntil);
    if (definition.states[position.state]!.final !== true) {
      const state = await handle.query(ticketStateQuery);
      expect(
        { position: state.position, status: state.status, seq: state.seq, pendingUntil: state.pendingUntil },
        `after step ${i + 1} of\n  ${describePath(path, i + 1)}`,
      ).toEqual({ position, status, seq, pendingUntil });
    }
    expectedRecords.push({ seq, action: event.type, actor: event.actor, payload: event.payload, from, to: position, toStatus: status });
    from = position;
  }
  const recorded = harness
    .recordsOf(ticketId)
    .map(({ seq, action, actor, payload, from, to, toStatus }) => ({ seq, action, actor, payload, from, to, toStatus }));
  expect(recorded, `records of\n  ${describePath(path)}`).toEqual(expectedRecords);
}

/** Whoever took the last step tries an action they may not take (one of the state's if there is one): refused with what they may take. */
async function expectRefusalAtEnd(
  definition: LifecycleDefinition,
  { ticket, steps: path }: LifecyclePath,
  end: LifecyclePosition,
  handle: TicketHandle,
) {
  const actor = path.at(-1)?.event.actor ?? { id: PATH_START_CONTEXT.requester, profile: 'requester' as const };
  const allowed = allowedByDefinition(definition, end, actor, ticket);
  const names = [...new Set(definition.actions.map((a) => a.name))].filter((name) => !allowed.includes(name));
  const leaving = names.filter((name) => definition.actions.some((a) => a.name === name && a.from.includes(end.state)));
  const refused = leaving[0] ?? names[0];
  if (refused === undefined) return;
  const where = `"${refused}" by ${actor.profile} at the end of\n  ${describePath(path)}`;
  const error = await handle.executeUpdate(applyActionUpdate, { args: [{ action: refused, actor, payload: {} }] }).catch((e: unknown) => e);
  expect(error, where).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
  // Not theirs to take is forbidden; theirs, but with a guard or condition that cannot hold now, is illegal now.
  const theirs = definition.actions.some((a) => a.name === refused && a.from.includes(end.state) && mayTakeByRoles(a, actor, end.context));
  expect({ type: cause.type, details: cause.details?.[0] }, where).toEqual({
    type: theirs || leaving[0] === undefined ? ILLEGAL_ACTION : FORBIDDEN_ACTION,
    details: { allowed },
  });
  expect((await handle.query(ticketStateQuery)).seq, where).toBe(path.length + 1);
}

async function replayPath(definition: LifecycleDefinition, { ticket, steps }: LifecyclePath, maxTransitionsPerRun?: number): Promise<void> {
  const start = startPosition(compileLifecycle(definition), PATH_START_CONTEXT);
  const { ticketId, handle } = await harness.startTicket({
    definition,
    position: start,
    priority: ticket.priority,
    ticketType: ticket.type,
    maxTransitionsPerRun,
  });
  await expectStepsAsPredicted(definition, steps, start, ticketId, handle);
  const end = steps.at(-1)?.position ?? start;
  const { final, status } = definition.states[end.state]!;
  // Not its result: awaiting one lets the server skip time, for the tickets replayed beside it too.
  const described = await eventually(async () => {
    const description = await handle.describe();
    return final === true && description.status.name !== 'COMPLETED' ? undefined : description;
  });
  expect(described.searchAttributes['TicketStatus'], describePath(steps)).toEqual([status]);
  if (final !== true) await expectRefusalAtEnd(definition, { ticket, steps }, end, handle);
}

// The shortest generated way into each state that has a timer running out after a delay.
function pathsIntoTimedStates(definition: LifecycleDefinition, paths: LifecyclePath[]): LifecyclePath[] {
  const into = new Map<string, LifecyclePath>();
  for (const { ticket, steps } of paths) {
    steps.forEach(({ position }, i) => {
      const timed = definition.states[position.state]?.timers?.some((timer) => 'after' in timer) === true;
      const known = into.get(position.state);
      if (timed && (!known || known.steps.length > i + 1)) into.set(position.state, { ticket, steps: steps.slice(0, i + 1) });
    });
  }
  return [...into.values()];
}

/** Takes `steps`, lets the last state's first timer run out, and checks the workflow took its action as system as the machine says (or stayed, refused). */
async function expectTimerAsPredicted(definition: LifecycleDefinition, { ticket, steps }: LifecyclePath): Promise<void> {
  const machine = compileLifecycle(definition);
  const start = startPosition(machine, PATH_START_CONTEXT);
  // No auto-close of a resolved ticket before its state's own timer.
  const autoCloseAfterMs = 365 * 86_400_000;
  const { ticketId, handle } = await harness.startTicket({
    definition,
    position: start,
    priority: ticket.priority,
    ticketType: ticket.type,
    autoCloseAfterMs,
  });
  for (const { event } of steps) {
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: event.type, actor: event.actor, payload: event.payload }] });
  }
  const end = steps.at(-1)!.position;
  const delays = (definition.states[end.state]!.timers ?? []).flatMap((timer) =>
    'after' in timer ? [{ timer, ms: timerDelayMs(timer.after) }] : [],
  );
  const { timer, ms } = delays.sort((a, b) => a.ms - b.ms)[0]!;
  await harness.env.sleep(ms + 60_000);
  const fired = harness.recordsOf(ticketId).filter((r) => r.seq > steps.length + 1);
  // The timer's payload is the workflow's to choose; the machine says where the action goes with it.
  const event = { type: timer.action, actor: SYSTEM_ACTOR, payload: fired[0]?.payload ?? {}, ticket };
  const expected = refusalOf(machine, end, event) === null ? nextPosition(machine, end, event) : null;
  const where = `${timer.action} after ${timer.after} at the end of\n  ${describePath(steps)}`;
  expect(
    fired.map((r) => ({ action: r.action, actor: r.actor, to: r.to })),
    where,
  ).toEqual(expected ? [{ action: timer.action, actor: SYSTEM_ACTOR, to: expected }] : []);
  const state = await handle.query(ticketStateQuery);
  expect({ position: state.position, seq: state.seq }, where).toEqual({ position: expected ?? end, seq: steps.length + 1 + fired.length });
}

describe.each(SHIPPED_LIFECYCLES.map((definition) => ({ key: definition.key, definition })))('lifecycle $key', ({ definition }) => {
  const { paths, states, transitions } = lifecyclePaths(definition, { maxSteps: MAX_STEPS });
  const steps = paths.reduce((n, path) => n + path.steps.length, 0);
  const tickets = new Set(paths.map((path) => JSON.stringify(path.ticket))).size;

  it(`its ${paths.length} paths (${steps} steps over ${states} states and ${transitions} transitions, on ${tickets} kinds of ticket) reach every state, action and branch`, () => {
    expect(missedByPaths(definition, paths)).toEqual({ states: [], actions: [], branches: [] });
  });

  it('generates only payloads the API accepts', () => {
    for (const { event } of paths.flatMap((path) => path.steps)) {
      const schema = ACTION_PAYLOADS[event.type];
      if (schema) expect(schema.safeParse(event.payload).success, `${event.type} ${JSON.stringify(event.payload)}`).toBe(true);
    }
  });

  it(
    `replays its ${paths.length} paths through ticket workflows as the machine predicts, one in ${CONTINUING_EVERY} continuing as new after every step`,
    { timeout: 120_000 },
    async () => {
      const started = Date.now();
      const runs = paths.map((path, i) => ({ path, maxTransitionsPerRun: i % CONTINUING_EVERY === 0 ? 1 : undefined }));
      await inPool(runs, CONCURRENT_TICKETS, ({ path, maxTransitionsPerRun }) => replayPath(definition, path, maxTransitionsPerRun));
      console.log(`${definition.key}: ${paths.length} paths, ${steps} steps replayed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
  );

  // Last: skipping time reaches every ticket still open on the server.
  const timed = pathsIntoTimedStates(definition, paths);
  if (timed.length > 0) {
    it(`takes the timer of ${timed.map((p) => p.steps.at(-1)!.position.state).join(', ')} as system once its delay ran out`, async () => {
      for (const path of timed) await expectTimerAsPredicted(definition, path);
    });
  }
});
