// The Temporal server killed (SIGKILL) and started again while people file tickets, take them and
// write followups, each client retrying with its Idempotency-Key until it has a final answer. Every
// answer on the way is honest (503 or 202, never 500), every operation takes effect exactly once,
// and every ticket filed meanwhile gets its workflow.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTicketWorkflowReconciler } from '../../tickets/ticket-workflow-reconciler';
import { burstThroughFault, expectEachOnce } from '../support/fault-burst';
import { startServiceInstance, type ServiceInstance } from '../support/service-instance';
import { startStack, type Stack, type TestUser } from '../support/stack';

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
    const filed: number[] = [];
    const { tally, firstAnswerAfterMs } = await burstThroughFault({
      clients: CLIENTS,
      gapMs: 150,
      work: async (n, step) => {
        const body = {
          title: `Badge ${n} refusé au portique`,
          description: 'Le badge ne passe plus.',
          type: 'incident',
          urgency: 3,
          impact: 2,
        };
        const ticket = await step(`filing ${n}`, 201, (headers) =>
          stack.call('POST', '/api/v1/tickets', { token: requester.token, body, headers }),
        );
        const id = ticket.body.id as number;
        filed.push(id);
        await step(`assign on ${id}`, 200, (headers) =>
          stack.call('POST', `/api/v1/tickets/${id}/actions/assign`, { token: technician.token, body: {}, headers }),
        );
        const content = `Badge ${n} réencodé.`;
        await step(`followup on ${id}`, 201, (headers) =>
          stack.call('POST', `/api/v1/tickets/${id}/followups`, { token: technician.token, body: { content }, headers }),
        );
      },
      strike: () => temporal.kill(),
      outageMs: OUTAGE_MS,
      recover: () => temporal.restart(),
    });
    console.log(
      `Temporal outage: answers by status ${JSON.stringify(tally)}, first final answer ${firstAnswerAfterMs ?? '—'} ms after its return`,
    );
    expect(tally[500] ?? 0).toBe(0);
    expect(tally[503] ?? 0).toBeGreaterThan(0);
    expect(filed).toHaveLength(CLIENTS);

    await expectEachOnce(stack, technician, filed, { actions: ['assign'], followups: 1 });
  }, 180_000);
});
