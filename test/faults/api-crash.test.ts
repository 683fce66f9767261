// The API process killed (SIGKILL) and started again while technicians take tickets and write
// followups, each client retrying with its Idempotency-Key until it has a final answer: requests
// cut by the crash are taken over by their retry once the dead process's lease on the key runs
// out, and every operation takes effect exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as pause } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { burstThroughFault, expectEachOnce, fileTickets, killProcess } from '../support/fault-burst';
import { freePort } from '../support/free-port';
import { apiClient, startStack, type Stack, type TestUser } from '../support/stack';
import { TEST_CLICKHOUSE, TEST_DB_URL } from '../support/test-settings';

const TICKETS = 16;
const OUTAGE_MS = 3_000;

let stack: Stack;
let port: number;
let api: ChildProcess | undefined;

// The API alone in a process of its own (the stack's process runs the worker), ready once /healthz answers.
async function startApi(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], {
    stdio: 'ignore',
    env: {
      ...process.env,
      GUICHET_ROLES: 'api',
      GUICHET_PORT: String(port),
      GUICHET_LOG_LEVEL: 'silent',
      GUICHET_DB_URL: TEST_DB_URL,
      GUICHET_CLICKHOUSE_URL: TEST_CLICKHOUSE.url,
      GUICHET_CLICKHOUSE_DATABASE: TEST_CLICKHOUSE.database,
      GUICHET_TEMPORAL_ADDRESS: inject('temporalAddress'),
    },
  });
  while (
    !(await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.ok)
      .catch(() => false))
  )
    await pause(50);
  return child;
}

beforeAll(async () => {
  stack = await startStack({ relay: false });
  port = await freePort();
  api = await startApi();
}, 120_000);
afterAll(async () => {
  if (api) await killProcess(api);
  await stack?.close();
});

describe('the API process killed and restarted during a burst of actions and followups', () => {
  it('loses no operation and doubles none: cut requests are taken over by their retries', async () => {
    const call = apiClient(`http://127.0.0.1:${port}`);
    const requester: TestUser = await stack.userWith('requester');
    const technician: TestUser = await stack.userWith('technician', 'N1');
    const ids = await fileTickets(stack, requester, TICKETS, 'Session figée');
    const { tally, firstAnswerAfterMs } = await burstThroughFault({
      clients: TICKETS,
      gapMs: 60,
      work: async (n, step) => {
        const id = ids[n]!;
        await step(`assign on ${id}`, 200, (headers) =>
          call('POST', `/api/v1/tickets/${id}/actions/assign`, { token: technician.token, body: {}, headers }),
        );
        const content = `Session ${id} rouverte.`;
        await step(`followup on ${id}`, 201, (headers) =>
          call('POST', `/api/v1/tickets/${id}/followups`, { token: technician.token, body: { content }, headers }),
        );
      },
      strike: () => killProcess(api!),
      outageMs: OUTAGE_MS,
      recover: async () => {
        api = await startApi();
      },
    });
    console.log(
      `API crash: answers by status ${JSON.stringify(tally)} (0: no answer), first final answer ${firstAnswerAfterMs ?? '—'} ms after its return`,
    );
    expect(tally[500] ?? 0).toBe(0);
    await expectEachOnce(stack, technician, ids, { actions: ['assign'], followups: 1 });
  }, 180_000);
});
