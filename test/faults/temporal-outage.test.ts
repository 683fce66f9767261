// The Temporal server killed (SIGKILL) and started again while people file tickets, take them and
// write followups, each client retrying with its Idempotency-Key until it has a final answer. Every
// answer on the way is honest (503 or 202, never 500), every operation takes effect exactly once,
// and every ticket filed meanwhile gets its workflow.
import { setTimeout as pause } from 'node:timers/promises';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketRow } from '../../tickets/ticket.models';
import { runTicketWorkflowReconciler } from '../../tickets/ticket-workflow-reconciler';
import { ticketStateQuery, ticketWorkflowId } from '../../workflows/ticket.contracts';
import { recoveryWatch, untilFinal, type Tally } from '../support/retrying-client';
import { startServiceInstance, type ServiceInstance } from '../support/service-instance';
import { eventually, startStack, type Stack, type TestUser } from '../support/stack';

const CLIENTS = 16;
// Longer than the API waits for the engine to take a change (15 s), so some answers are 503.
const OUTAGE_MS = 18_000;

let temporal: ServiceInstance;
let stack: Stack;
const reconciler = new AbortController();
let reconciling: Promise<void> | undefined;

beforeAll(async () => {
  temporal = await startServiceInstance('temporal');
  stack = await startStack({ temporalAddress: `127.0.0.1:${temporal.port}`, relay: false });
  // As in the worker process: tickets whose workflow could not be started get it later.
  reconciling = runTicketWorkflowReconciler(stack.temporal, 1, pino({ level: 'silent' }), reconciler.signal);
}, 180_000);
afterAll(async () => {
  reconciler.abort();
  await reconciling;
  await stack?.close();
  await temporal?.stop();
});

describe('the Temporal server killed and restarted during a burst of filings, actions and followups', () => {
  it('answers 503 or 202 while it is gone, applies every operation exactly once, and gives every ticket its workflow', async () => {
    const requester: TestUser = await stack.userWith('requester');
    const technician: TestUser = await stack.userWith('technician', 'N1');
    const tally: Tally = {};
    const filed: number[] = [];
    let finished = 0;
    const recovery = recoveryWatch();

    const work = async (n: number) => {
      await pause(n * 150);
      const ticket = await untilFinal(tally, (headers) =>
        stack.call('POST', '/api/v1/tickets', {
          token: requester.token,
          body: { title: `Badge ${n} refusé au portique`, description: 'Le badge ne passe plus.', type: 'incident', urgency: 3, impact: 2 },
          headers,
        }),
      );
      expect(ticket.status, `filing ${n}`).toBe(201);
      const id = ticket.body.id as number;
      filed.push(id);
      recovery.answered();
      const assigned = await untilFinal(tally, (headers) =>
        stack.call('POST', `/api/v1/tickets/${id}/actions/assign`, { token: technician.token, body: {}, headers }),
      );
      expect(assigned.status, `assign on ${id}`).toBe(200);
      recovery.answered();
      const followup = await untilFinal(tally, (headers) =>
        stack.call('POST', `/api/v1/tickets/${id}/followups`, {
          token: technician.token,
          body: { content: `Badge ${n} réencodé.` },
          headers,
        }),
      );
      expect(followup.status, `followup on ${id}`).toBe(201);
      recovery.answered();
      finished += 1;
    };
    const clients = Array.from({ length: CLIENTS }, (_, n) => work(n));

    while (finished < CLIENTS / 4) await pause(20);
    await temporal.kill();
    await pause(OUTAGE_MS);
    await temporal.restart();
    recovery.back();
    await Promise.all(clients);

    console.log(
      `Temporal outage: answers by status ${JSON.stringify(tally)}, first final answer ${recovery.firstAnswerAfterMs ?? '—'} ms after its return`,
    );
    expect(tally[500] ?? 0).toBe(0);
    expect(tally[503] ?? 0).toBeGreaterThan(0);
    expect(filed).toHaveLength(CLIENTS);

    for (const id of filed) {
      const history = await stack.call('GET', `/api/v1/tickets/${id}/history`, { token: technician.token });
      const events = history.body.items as { action: string; seq: number }[];
      expect(
        events.map((event) => event.action).filter((action) => action === 'assign'),
        `assignments of ${id}`,
      ).toHaveLength(1);
      expect(
        events.map((event) => event.seq),
        `history of ${id}`,
      ).toEqual(events.map((_, i) => i + 1));
      const timeline = await stack.call('GET', `/api/v1/tickets/${id}/timeline`, { token: technician.token });
      expect(
        (timeline.body.items as { type: string }[]).filter((item) => item.type === 'followup'),
        `followups of ${id}`,
      ).toHaveLength(1);
      // No ticket without its workflow, and the workflow agrees with MariaDB.
      const row = await TicketRow.findByPk(id, { rejectOnEmpty: true });
      const workflow = await eventually(() =>
        stack.temporal.workflow
          .getHandle(ticketWorkflowId(id))
          .query(ticketStateQuery)
          .catch(() => undefined),
      );
      expect({ state: workflow.position.state, seq: workflow.seq }, `workflow of ${id}`).toEqual({ state: row.state, seq: row.seq });
    }
  }, 180_000);
});
