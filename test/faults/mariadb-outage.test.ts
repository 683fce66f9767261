// MariaDB killed (SIGKILL) and started again while technicians take tickets and write followups,
// each client retrying with its Idempotency-Key until it has a final answer, as integrations and the
// web UI do. Every answer on the way is honest (503 or 202, never 500), and every operation takes
// effect exactly once: no ghost success, no double.
import { setTimeout as pause } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mariadbMigrator } from '../../db/migrate';
import { connectDatabase } from '../../db/sequelize';
import { TicketRow } from '../../tickets/ticket.models';
import { ticketStateQuery, ticketWorkflowId } from '../../workflows/ticket.contracts';
import { recoveryWatch, untilFinal, type Tally } from '../support/retrying-client';
import { startServiceInstance, type ServiceInstance } from '../support/service-instance';
import { startStack, type Stack, type TestUser } from '../support/stack';

const TICKETS = 24;
const OUTAGE_MS = 6_000;

let mariadb: ServiceInstance;
let stack: Stack;

beforeAll(async () => {
  mariadb = await startServiceInstance('mariadb');
  const url = `mariadb://guichet:guichet@127.0.0.1:${mariadb.port}/guichet`;
  const migrating = connectDatabase(url, 1);
  await mariadbMigrator(migrating).up();
  // Workflow ids are ticket-<id> on the run's one Temporal server: these tickets' ids are far from the other files'.
  await migrating.query('ALTER TABLE tickets AUTO_INCREMENT = 900000000');
  await migrating.close();
  stack = await startStack({ dbUrl: url, relay: false });
}, 180_000);
afterAll(async () => {
  await stack?.close();
  await mariadb?.stop();
});

describe('MariaDB killed and restarted during a burst of actions and followups', () => {
  it('answers 503 or 202 while it is gone, and applies every operation exactly once', async () => {
    const requester = await stack.userWith('requester');
    const technician: TestUser = await stack.userWith('technician', 'N1');
    const ids: number[] = [];
    for (let i = 0; i < TICKETS; i += 1) {
      const filed = await stack.call('POST', '/api/v1/tickets', {
        token: requester.token,
        body: { title: `Poste ${i} sans réseau`, description: 'Plus de réseau depuis ce matin.', type: 'incident', urgency: 3, impact: 2 },
      });
      ids.push(filed.body.id as number);
    }

    const tally: Tally = {};
    const finished: number[] = [];
    const recovery = recoveryWatch();
    const work = async (id: number, delay: number) => {
      await pause(delay);
      const assigned = await untilFinal(tally, (headers) =>
        stack.call('POST', `/api/v1/tickets/${id}/actions/assign`, { token: technician.token, body: {}, headers }),
      );
      expect(assigned.status, `assign on ${id}`).toBe(200);
      recovery.answered();
      const followup = await untilFinal(tally, (headers) =>
        stack.call('POST', `/api/v1/tickets/${id}/followups`, {
          token: technician.token,
          body: { content: `Je passe voir le poste ${id}.` },
          headers,
        }),
      );
      expect(followup.status, `followup on ${id}`).toBe(201);
      recovery.answered();
      finished.push(id);
    };
    // The clients start one after another, so that some are mid-request when the server dies.
    const clients = ids.map((id, i) => work(id, i * 100));

    while (finished.length < TICKETS / 4) await pause(20);
    await mariadb.kill();
    await pause(OUTAGE_MS);
    await mariadb.restart();
    recovery.back();
    await Promise.all(clients);

    console.log(
      `MariaDB outage: answers by status ${JSON.stringify(tally)}, first final answer ${recovery.firstAnswerAfterMs ?? '—'} ms after its return`,
    );
    expect(tally[500] ?? 0).toBe(0);
    expect(tally[503] ?? 0).toBeGreaterThan(0);

    for (const id of ids) {
      const history = await stack.call('GET', `/api/v1/tickets/${id}/history`, { token: technician.token });
      const actions = (history.body.items as { action: string; seq: number }[]).map((event) => event.action);
      expect(
        actions.filter((action) => action === 'assign'),
        `assignments of ${id}`,
      ).toHaveLength(1);
      const seqs = (history.body.items as { seq: number }[]).map((event) => event.seq);
      expect(seqs, `history of ${id}`).toEqual(seqs.map((_, i) => i + 1));
      const timeline = await stack.call('GET', `/api/v1/tickets/${id}/timeline`, { token: technician.token });
      expect(
        (timeline.body.items as { type: string }[]).filter((item) => item.type === 'followup'),
        `followups of ${id}`,
      ).toHaveLength(1);
      const row = await TicketRow.findByPk(id, { rejectOnEmpty: true });
      const workflow = await stack.temporal.workflow.getHandle(ticketWorkflowId(id)).query(ticketStateQuery);
      expect({ state: workflow.position.state, seq: workflow.seq }, `workflow of ${id}`).toEqual({ state: row.state, seq: row.seq });
    }
  }, 180_000);
});
