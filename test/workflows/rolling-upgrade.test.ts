import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTicketWorker, WORKFLOWS_PATH } from '../../runtime/ticket-worker';
import { releaseBuild, releaseIfFirst } from '../../runtime/worker-deployment';
import { ensureTicketSearchAttributes } from '../../runtime/search-attributes';
import { ticketStateQuery, ticketWorkflowId } from '../../workflows/ticket.contracts';
import { registerNamespace } from '../support/temporal-namespace';
import { eventually, startStack, type Stack, type TestUser } from '../support/stack';

// Workers of the release before and of the next one, whose ticket workflow changes a decision behind patched().
const NAMESPACE = 'guichet-rolling-upgrade';
const TICKETS = 100;
const LOADER = join(import.meta.dirname, '..', 'support', 'patched-change-loader.cjs');

let stack: Stack;
let technician: TestUser;
let requester: TestUser;
let nextRelease: string;

beforeAll(async () => {
  await registerNamespace(NAMESPACE);
  stack = await startStack({ worker: false, relay: false, namespace: NAMESPACE });
  await ensureTicketSearchAttributes(stack.temporal, NAMESPACE);
  technician = await stack.userWith('technician', 'N1');
  requester = await stack.userWith('requester');
  const built = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
    webpackConfigHook: (webpack) => {
      webpack.module?.rules?.push({ test: /workflows[\\/]ticket-run\.ts$/, enforce: 'pre', use: [{ loader: LOADER }] });
      return webpack;
    },
  });
  nextRelease = built.code;
}, 180_000);
afterAll(async () => stack?.close());

async function startWorker(buildId: string, code: string) {
  const { worker, connection } = await createTicketWorker({
    address: inject('temporalAddress'),
    namespace: NAMESPACE,
    sequelize: stack.sequelize,
    temporal: stack.temporal,
    workflowBundle: { code },
    buildId,
  });
  const running = worker.run();
  return {
    // As SIGTERM does: the worker finishes its tasks, then stops.
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

// The next step of a ticket's working life, round and round: taken, waiting on a supplier, taken again.
const nextAction = (status: string): [string, object] =>
  status === 'new'
    ? ['assign', { assignee: technician.id }]
    : status === 'assigned'
      ? ['pend', { reason: 'Attente du fournisseur' }]
      : ['resume', {}];

describe('a rolling upgrade of the workers', () => {
  it('moves 100 open tickets to the next release, worker by worker, under load: no request refused, no task failed, every ticket on the new code', async () => {
    const before = [await startWorker('release-1', inject('workflowBundle')), await startWorker('release-1', inject('workflowBundle'))];
    await releaseIfFirst(stack.temporal, 'release-1');

    const tickets: number[] = [];
    for (let n = 0; n < TICKETS; n++) {
      const created = await stack.call('POST', '/api/v1/tickets', {
        token: requester.token,
        body: {
          title: `Poste ${n} : session qui se ferme`,
          description: 'La session se ferme toute seule.',
          type: 'incident',
          urgency: 3,
          impact: 2,
        },
      });
      expect(created.status).toBe(201);
      tickets.push(created.body.id);
    }

    // Four technicians' worth of actions, without a pause, until the upgrade is over.
    const status = new Map(tickets.map((id) => [id, 'new']));
    const lastAction = new Map<number, string>();
    // When each ticket's last action was asked for.
    const askedAt = new Map<number, number>();
    const answers: number[] = [];
    let upgrading = true;
    const lane = async (first: number) => {
      for (let i = first; upgrading; i += 4) {
        const id = tickets[i % TICKETS]!;
        const [action, body] = nextAction(status.get(id)!);
        const asked = performance.now();
        const answer = await stack.call('POST', `/api/v1/tickets/${id}/actions/${action}`, { token: technician.token, body });
        answers.push(answer.status);
        if (answer.status === 200) {
          status.set(id, answer.body.status);
          lastAction.set(id, action);
          askedAt.set(id, asked);
        }
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(lane));
    // Until every ticket has taken an action asked for from now on.
    const everyTicketActs = () => {
      const from = performance.now();
      return eventually(async () => (tickets.every((id) => (askedAt.get(id) ?? 0) > from) ? true : undefined), 60_000);
    };

    await everyTicketActs();
    const after = [await startWorker('release-2', nextRelease)];
    await releaseBuild(stack.temporal, 'release-2');
    await before[0]!.stop();
    await everyTicketActs();
    after.push(await startWorker('release-2', nextRelease));
    await before[1]!.stop();
    await everyTicketActs();
    upgrading = false;
    await load;

    expect(answers.filter((code) => code !== 200)).toEqual([]);
    const histories: { workflowId: string; history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>> }[] = [];
    for (const id of tickets) {
      const handle = stack.temporal.workflow.getHandle(ticketWorkflowId(id));
      const described = await handle.describe();
      expect(described.status.name).toBe('RUNNING');
      // The new code took each ticket's next action: the memo it writes names the last one.
      expect(described.memo).toEqual({ lastAction: lastAction.get(id) });
      // MariaDB, the workflow and what the technician was answered agree.
      const ticket = await stack.call('GET', `/api/v1/tickets/${id}`, { token: technician.token });
      expect((await handle.query(ticketStateQuery)).status).toBe(ticket.body.status);
      expect(ticket.body.status).toBe(status.get(id));
      const history = await handle.fetchHistory();
      expect(history.events?.filter((event) => event.workflowTaskFailedEventAttributes)).toEqual([]);
      histories.push({ workflowId: ticketWorkflowId(id), history });
    }
    await Promise.all(after.map((worker) => worker.stop()));

    // Each history replays on the new release; the release before could not have run them: versioning kept it away.
    const replayOn = async (code: string, some: typeof histories) => {
      let failed = 0;
      for await (const { error } of Worker.runReplayHistories({ workflowBundle: { code } }, some)) if (error) failed++;
      return failed;
    };
    expect(await replayOn(nextRelease, histories)).toBe(0);
    expect(await replayOn(inject('workflowBundle'), histories.slice(0, 5))).toBe(5);
  }, 300_000);
});
