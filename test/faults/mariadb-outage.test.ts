// MariaDB killed (SIGKILL) and started again while technicians take tickets and write followups,
// each client retrying with its Idempotency-Key until it has a final answer, as integrations and the
// web UI do. Every answer on the way is honest (503 or 202, never 500), and every operation takes
// effect exactly once: no ghost success, no double. A clock due meanwhile fires once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketRow } from '../../tickets/ticket.models';
import { burstThroughFault, expectEachOnce, fileTickets, startOwnMariadb } from '../support/fault-burst';
import type { ServiceInstance } from '../support/service-instance';
import { eventually, startStack, type Stack, type TestUser } from '../support/stack';

const TICKETS = 24;
const OUTAGE_MS = 6_000;

let mariadb: ServiceInstance;
let stack: Stack;

beforeAll(async () => {
  const own = await startOwnMariadb(900000000);
  mariadb = own.mariadb;
  stack = await startStack({ dbUrl: own.url, relay: false });
}, 180_000);
afterAll(async () => {
  await stack?.close();
  await mariadb?.stop();
});

describe('MariaDB killed and restarted during a burst of actions and followups', () => {
  it('answers 503 or 202 while it is gone, and applies every operation exactly once', async () => {
    const requester = await stack.userWith('requester');
    const technician: TestUser = await stack.userWith('technician', 'N1');
    const ids = await fileTickets(stack, requester, TICKETS, 'Poste sans réseau');
    // A ticket pending until a date that falls while MariaDB is gone: its clock fires once all the same.
    const [waiting] = await fileTickets(stack, requester, 1, 'Attente du fournisseur');
    await stack.call('POST', `/api/v1/tickets/${waiting}/actions/assign`, { token: technician.token, body: {} });
    const pendUntilSoon = async () => {
      const until = new Date(Date.now() + 2_000).toISOString();
      const body = { reason: 'Pièce commandée', waitingFor: 'supplier', until };
      const pended = await stack.call('POST', `/api/v1/tickets/${waiting}/actions/pend`, { token: technician.token, body });
      expect(pended.status).toBe(200);
    };

    const { tally, firstAnswerAfterMs } = await burstThroughFault({
      clients: TICKETS,
      gapMs: 100,
      work: async (n, step) => {
        const id = ids[n]!;
        await step(`assign on ${id}`, 200, (headers) =>
          stack.call('POST', `/api/v1/tickets/${id}/actions/assign`, { token: technician.token, body: {}, headers }),
        );
        const content = `Je passe voir le poste ${id}.`;
        await step(`followup on ${id}`, 201, (headers) =>
          stack.call('POST', `/api/v1/tickets/${id}/followups`, { token: technician.token, body: { content }, headers }),
        );
      },
      strike: async () => {
        await pendUntilSoon();
        await mariadb.kill();
      },
      outageMs: OUTAGE_MS,
      recover: () => mariadb.restart(),
    });
    console.log(
      `MariaDB outage: answers by status ${JSON.stringify(tally)}, first final answer ${firstAnswerAfterMs ?? '—'} ms after its return`,
    );
    expect(tally[500] ?? 0).toBe(0);
    expect(tally[503] ?? 0).toBeGreaterThan(0);

    await expectEachOnce(stack, technician, ids, { actions: ['assign'], followups: 1 });
    await eventually(async () => ((await TicketRow.findByPk(waiting))?.seq === 4 ? true : undefined));
    await expectEachOnce(stack, technician, [waiting!], { actions: ['assign', 'pend', 'resume'], followups: 0 });
  }, 180_000);
});
