// The ticket worker killed (SIGKILL) and started again while technicians take tickets and write
// followups, each client retrying with its Idempotency-Key until it has a final answer. Nothing is
// answered 500, every operation takes effect exactly once, and the workflows agree with MariaDB.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerProcess } from '../support/worker-process';
import { burstThroughFault, expectEachOnce, fileTickets, killProcess } from '../support/fault-burst';
import { startStack, type Stack, type TestUser } from '../support/stack';

const TICKETS = 16;
const OUTAGE_MS = 5_000;

let stack: Stack;
let worker: ChildProcess | undefined;

// The worker in a process of its own, polling once it says "ready".

beforeAll(async () => {
  stack = await startStack({ relay: false, worker: false });
  worker = await startWorkerProcess();
}, 120_000);
afterAll(async () => {
  if (worker) await killProcess(worker);
  await stack?.close();
});

describe('the ticket worker killed and restarted during a burst of actions and followups', () => {
  it('answers nothing 500, and applies every operation exactly once', async () => {
    const requester: TestUser = await stack.userWith('requester');
    const technician: TestUser = await stack.userWith('technician', 'N1');
    const ids = await fileTickets(stack, requester, TICKETS, 'Imprimante bloquée');
    const { tally, firstAnswerAfterMs } = await burstThroughFault({
      clients: TICKETS,
      gapMs: 100,
      work: async (n, step) => {
        const id = ids[n]!;
        const as = (action: string, body: object) => (headers: Record<string, string>) =>
          stack.call('POST', `/api/v1/tickets/${id}/actions/${action}`, { token: technician.token, body, headers });
        await step(`assign on ${id}`, 200, as('assign', {}));
        await step(`resolve on ${id}`, 200, as('resolve', { solution: 'Bourrage retiré.' }));
      },
      strike: () => killProcess(worker!),
      outageMs: OUTAGE_MS,
      recover: async () => {
        worker = await startWorkerProcess();
      },
    });
    console.log(
      `Worker crash: answers by status ${JSON.stringify(tally)}, first final answer ${firstAnswerAfterMs ?? '—'} ms after its return`,
    );
    expect(tally[500] ?? 0).toBe(0);
    await expectEachOnce(stack, technician, ids, { actions: ['assign', 'resolve'], followups: 0 });
  }, 180_000);
});
