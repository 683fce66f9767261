import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileLifecycle } from '../../lifecycles/compile-lifecycle';
import type { LifecycleDefinition } from '../../lifecycles/definition';
import { startPosition } from '../../lifecycles/lifecycle-step';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { ACTION_PAYLOADS } from '../../tickets/ticket.schemas';
import { applyActionUpdate, FORBIDDEN_ACTION, ILLEGAL_ACTION, ticketStateQuery } from '../../workflows/ticket.contracts';
import { allowedByDefinition, lifecyclePaths, missedByPaths, PATH_START_CONTEXT, type PathStep } from '../support/lifecycle-paths';
import { eventually } from '../support/stack';
import { startWorkflowHarness } from '../support/workflow-harness';

const MAX_STEPS = 10;
// Tickets replayed at once: enough to keep the test server busy on two cores.
const CONCURRENT_TICKETS = 16;

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

/** Runs `replay` over `items`, `concurrency` at a time; the first failure fails the whole. */
async function inPool<T>(items: T[], concurrency: number, replay: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await replay(items[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

async function replayPath(definition: LifecycleDefinition, path: PathStep[]): Promise<void> {
  const start = startPosition(compileLifecycle(definition), PATH_START_CONTEXT);
  const { ticketId, handle } = await harness.startTicket({ definition, position: start });
  const expectedRecords = [];
  let from = start;
  for (const [i, { event, position }] of path.entries()) {
    const where = `after step ${i + 1} of\n  ${describePath(path, i + 1)}`;
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: event.type, actor: event.actor, payload: event.payload }] });
    const status = definition.states[position.state]!.status;
    const seq = i + 2;
    const pendingUntil = status === 'pending' && typeof event.payload['until'] === 'string' ? event.payload['until'] : null;
    if (definition.states[position.state]!.final !== true) {
      const state = await handle.query(ticketStateQuery);
      expect({ position: state.position, status: state.status, seq: state.seq, pendingUntil: state.pendingUntil }, where).toEqual({
        position,
        status,
        seq,
        pendingUntil,
      });
    }
    expectedRecords.push({ seq, action: event.type, actor: event.actor, payload: event.payload, from, to: position, toStatus: status });
    from = position;
  }
  const recorded = harness
    .recordsOf(ticketId)
    .map(({ seq, action, actor, payload, from, to, toStatus }) => ({ seq, action, actor, payload, from, to, toStatus }));
  expect(recorded, `records of\n  ${describePath(path)}`).toEqual(expectedRecords);

  if (definition.states[from.state]!.final === true) {
    // Not its result: awaiting one lets the server skip time, for the tickets replayed beside it too.
    await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined));
    return;
  }
  // Whoever took the last step now tries an action they may not take: one of the state's if there is one.
  const actor = path.at(-1)?.event.actor ?? { id: PATH_START_CONTEXT.requester, profile: 'requester' as const };
  const allowed = allowedByDefinition(definition, from, actor);
  const names = [...new Set(definition.actions.map((a) => a.name))].filter((name) => !allowed.includes(name));
  const leaving = names.filter((name) => definition.actions.some((a) => a.name === name && a.from.includes(from.state)));
  const refused = leaving[0] ?? names[0];
  if (refused === undefined) return;
  const error = await handle.executeUpdate(applyActionUpdate, { args: [{ action: refused, actor, payload: {} }] }).catch((e: unknown) => e);
  expect(error, `"${refused}" at the end of\n  ${describePath(path)}`).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
  expect({ type: cause.type, details: cause.details?.[0] }, `"${refused}" at the end of\n  ${describePath(path)}`).toEqual({
    type: leaving[0] === undefined ? ILLEGAL_ACTION : FORBIDDEN_ACTION,
    details: { allowed },
  });
  expect((await handle.query(ticketStateQuery)).seq).toBe(path.length + 1);
}

describe.each(SHIPPED_LIFECYCLES.map((definition) => ({ key: definition.key, definition })))('lifecycle $key', ({ definition }) => {
  const { paths, states, transitions } = lifecyclePaths(definition, { maxSteps: MAX_STEPS });
  const steps = paths.reduce((n, path) => n + path.length, 0);

  it(`its ${paths.length} paths (${steps} steps over ${states} states and ${transitions} transitions) reach every state, action and branch`, () => {
    expect(missedByPaths(definition, paths)).toEqual({ states: [], actions: [], branches: [] });
  });

  it('generates only payloads the API accepts', () => {
    for (const { event } of paths.flat()) {
      const schema = ACTION_PAYLOADS[event.type];
      if (schema) expect(schema.safeParse(event.payload).success, `${event.type} ${JSON.stringify(event.payload)}`).toBe(true);
    }
  });

  it(`replays its ${paths.length} paths through ticket workflows as the machine predicts`, { timeout: 120_000 }, async () => {
    const started = Date.now();
    await inPool(paths, CONCURRENT_TICKETS, (path) => replayPath(definition, path));
    console.log(`${definition.key}: ${paths.length} paths, ${steps} steps replayed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
