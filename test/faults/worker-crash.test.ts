// The ticket worker killed (SIGKILL) and started again while technicians take tickets and write
// followups, each client retrying with its Idempotency-Key until it has a final answer. Nothing is
// answered 500, every operation takes effect exactly once, and the workflows agree with MariaDB.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TicketRow } from '../../tickets/ticket.models';
import { ticketStateQuery, ticketWorkflowId } from '../../workflows/ticket.contracts';
import { recoveryWatch, untilFinal, type Tally } from '../support/retrying-client';
import { startStack, type Stack, type TestUser } from '../support/stack';

const TICKETS = 16;
const OUTAGE_MS = 5_000;

let stack: Stack;
const bundlePath = join(mkdtempSync(join(tmpdir(), 'guichet-worker-')), 'workflows.js');
let worker: ChildProcess | undefined;

// The worker in a process of its own, polling once it says "ready".
async function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/run-ticket-worker.ts', inject('temporalAddress'), bundlePath], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve()));
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
}

beforeAll(async () => {
  writeFileSync(bundlePath, inject('workflowBundle'));
  stack = await startStack({ relay: false, worker: false });
  worker = await startWorker();
}, 120_000);
afterAll(async () => {
  if (worker) await kill(worker);
  await stack?.close();
});

describe('the ticket worker killed and restarted during a burst of actions and followups', () => {
  it('answers nothing 500, and applies every operation exactly once', async () => {
    const requester: TestUser = await stack.userWith('requester');
    const technician: TestUser = await stack.userWith('technician', 'N1');
    const ids: number[] = [];
    for (let i = 0; i < TICKETS; i += 1) {
      const filed = await stack.call('POST', '/api/v1/tickets', {
        token: requester.token,
        body: { title: `Imprimante ${i} bloquée`, description: 'Bourrage papier.', type: 'incident', urgency: 3, impact: 2 },
      });
      ids.push(filed.body.id as number);
    }
    const tally: Tally = {};
    let finished = 0;
    const recovery = recoveryWatch();
    const work = async (id: number, delay: number) => {
      await pause(delay);
      const assigned = await untilFinal(tally, (headers) =>
        stack.call('POST', `/api/v1/tickets/${id}/actions/assign`, { token: technician.token, body: {}, headers }),
      );
      expect(assigned.status, `assign on ${id}`).toBe(200);
      recovery.answered();
      const resolved = await untilFinal(tally, (headers) =>
        stack.call('POST', `/api/v1/tickets/${id}/actions/resolve`, {
          token: technician.token,
          body: { solution: 'Bourrage retiré.' },
          headers,
        }),
      );
      expect(resolved.status, `resolve on ${id}`).toBe(200);
      recovery.answered();
      finished += 1;
    };
    const clients = ids.map((id, i) => work(id, i * 100));

    while (finished < TICKETS / 4) await pause(20);
    await kill(worker!);
    await pause(OUTAGE_MS);
    worker = await startWorker();
    recovery.back();
    await Promise.all(clients);

    console.log(
      `Worker crash: answers by status ${JSON.stringify(tally)}, first final answer ${recovery.firstAnswerAfterMs ?? '—'} ms after its return`,
    );
    expect(tally[500] ?? 0).toBe(0);
    for (const id of ids) {
      const history = await stack.call('GET', `/api/v1/tickets/${id}/history`, { token: technician.token });
      const events = history.body.items as { action: string; seq: number }[];
      expect(
        events.map((event) => event.action),
        `history of ${id}`,
      ).toEqual(['create', 'assign', 'resolve']);
      expect(
        events.map((event) => event.seq),
        `history of ${id}`,
      ).toEqual([1, 2, 3]);
      const row = await TicketRow.findByPk(id, { rejectOnEmpty: true });
      const workflow = await stack.temporal.workflow.getHandle(ticketWorkflowId(id)).query(ticketStateQuery);
      expect({ state: workflow.position.state, seq: workflow.seq }, `workflow of ${id}`).toEqual({ state: row.state, seq: row.seq });
    }
  }, 180_000);
});
