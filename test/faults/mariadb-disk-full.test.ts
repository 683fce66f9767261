// MariaDB's disk filled to its last bytes while technicians take tickets and write followups, each
// client retrying with its Idempotency-Key until it has a final answer; the disk is then freed.
// Nothing is answered 500, and every operation takes effect exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { burstThroughFault, expectEachOnce, fileTickets, startOwnMariadb } from '../support/fault-burst';
import type { ServiceInstance } from '../support/service-instance';
import { startStack, type Stack, type TestUser } from '../support/stack';

const TICKETS = 16;
// Longer than the API waits for a change to be recorded (10 s).
const FULL_MS = 12_000;

let mariadb: ServiceInstance;
let stack: Stack;

beforeAll(async () => {
  // Room for MariaDB's own files (its redo log takes 96 MB) and the schema, on a disk of its own.
  const own = await startOwnMariadb(910000000, { diskMb: 320 });
  mariadb = own.mariadb;
  stack = await startStack({ dbUrl: own.url, relay: false });
}, 180_000);
afterAll(async () => {
  await stack?.close();
  await mariadb?.stop();
});

describe('MariaDB’s disk full during a burst of actions and followups', () => {
  it('answers nothing 500 while nothing can be written, and applies every operation exactly once when there is room again', async () => {
    const requester: TestUser = await stack.userWith('requester');
    const technician: TestUser = await stack.userWith('technician', 'N1');
    const ids = await fileTickets(stack, requester, TICKETS, 'Écran noir');
    const { tally, firstAnswerAfterMs } = await burstThroughFault({
      clients: TICKETS,
      gapMs: 100,
      work: async (n, step) => {
        const id = ids[n]!;
        const as = (path: string, body: object) => (headers: Record<string, string>) =>
          stack.call('POST', `/api/v1/tickets/${id}/${path}`, { token: technician.token, body, headers });
        await step(`assign on ${id}`, 200, as('actions/assign', {}));
        await step(`followup on ${id}`, 201, as('followups', { content: `Écran ${id} remplacé, pièce commandée au fournisseur.` }));
      },
      strike: () => mariadb.fillDisk(0),
      outageMs: FULL_MS,
      recover: () => mariadb.freeDisk(),
    });
    console.log(
      `MariaDB disk full: answers by status ${JSON.stringify(tally)}, first final answer ${firstAnswerAfterMs ?? '—'} ms after room was made`,
    );
    expect(tally[500] ?? 0).toBe(0);
    await expectEachOnce(stack, technician, ids, { actions: ['assign'], followups: 1 });
  }, 180_000);
});
