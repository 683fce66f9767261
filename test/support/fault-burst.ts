// What the fault tests share: tickets to work on, a child process killed as a crash kills it, and
// the check that every operation took effect exactly once.
import type { ChildProcess } from 'node:child_process';
import { setTimeout as pause } from 'node:timers/promises';
import { expect } from 'vitest';
import { mariadbMigrator } from '../../db/migrate';
import { connectDatabase } from '../../db/sequelize';
import { TicketRow } from '../../tickets/ticket.models';
import { ticketStateQuery, ticketWorkflowId } from '../../workflows/ticket.contracts';
import { recoveryWatch, untilFinal, type Tally } from './retrying-client';
import { startServiceInstance } from './service-instance';
import { eventually, type ApiResponse, type Stack, type TestUser } from './stack';

/** Files `count` incidents as `requester`; returns their ids. */
export async function fileTickets(stack: Stack, requester: TestUser, count: number, title: string): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const filed = await stack.call('POST', '/api/v1/tickets', {
      token: requester.token,
      body: { title: `${title} ${i}`, description: 'Signalé par téléphone.', type: 'incident', urgency: 3, impact: 2 },
    });
    ids.push(filed.body.id as number);
  }
  return ids;
}

/** Kills the process with SIGKILL, as a crash does, and waits until it is gone. */
export async function killProcess(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
}

/**
 * Each ticket's history is its creation and then `actions`, once each, with no gap in its sequence;
 * it has `followups` followups; its workflow runs and agrees with MariaDB on its state.
 */
export async function expectEachOnce(
  stack: Stack,
  reader: TestUser,
  ids: number[],
  { actions, followups }: { actions: string[]; followups: number },
) {
  for (const id of ids) {
    const history = await stack.call('GET', `/api/v1/tickets/${id}/history`, { token: reader.token });
    const events = history.body.items as { action: string; seq: number }[];
    expect(
      events.map(({ action, seq }) => `${seq} ${action}`),
      `history of ${id}`,
    ).toEqual(['create', ...actions].map((action, i) => `${i + 1} ${action}`));
    const timeline = await stack.call('GET', `/api/v1/tickets/${id}/timeline`, { token: reader.token });
    expect(
      (timeline.body.items as { type: string }[]).filter((item) => item.type === 'followup'),
      `followups of ${id}`,
    ).toHaveLength(followups);
    const row = await TicketRow.findByPk(id, { rejectOnEmpty: true });
    const workflow = await eventually(() =>
      stack.temporal.workflow
        .getHandle(ticketWorkflowId(id))
        .query(ticketStateQuery)
        .catch(() => undefined),
    );
    expect({ state: workflow.position.state, seq: workflow.seq }, `workflow of ${id}`).toEqual({ state: row.state, seq: row.seq });
  }
}

/** Sends one request until its answer is final (see `untilFinal`) and expects that answer's status. */
export type Step = (
  what: string,
  expected: number,
  send: (headers: Record<string, string>) => Promise<ApiResponse>,
) => Promise<ApiResponse>;

export interface Burst {
  /** How many clients, started `gapMs` apart, each running `work` once. */
  clients: number;
  gapMs: number;
  work: (client: number, step: Step) => Promise<void>;
  /** The fault: it strikes once a quarter of the clients are done, lasts `outageMs`, and `recover` ends it. */
  strike: () => Promise<void>;
  outageMs: number;
  recover: () => Promise<void>;
}

/** Runs the burst through the fault; returns the answers by status and how long after recovery the first final one came. */
export async function burstThroughFault({ clients, gapMs, work, strike, outageMs, recover }: Burst) {
  const tally: Tally = {};
  const recovery = recoveryWatch();
  let finished = 0;
  const step: Step = async (what, expected, send) => {
    const answer = await untilFinal(tally, send);
    expect(answer.status, what).toBe(expected);
    recovery.answered();
    return answer;
  };
  const running = Array.from({ length: clients }, async (_, n) => {
    await pause(n * gapMs);
    await work(n, step);
    finished += 1;
  });
  while (finished < clients / 4) await pause(20);
  await strike();
  await pause(outageMs);
  await recover();
  recovery.back();
  await Promise.all(running);
  return { tally, firstAnswerAfterMs: recovery.firstAnswerAfterMs };
}

/**
 * A MariaDB of the test's own (see `startServiceInstance`), migrated, whose ticket ids start at
 * `firstTicketId`: workflow ids are ticket-<id> on the run's one Temporal server, so each such test
 * keeps its tickets far from the other files'.
 */
export async function startOwnMariadb(firstTicketId: number, options: { diskMb?: number } = {}) {
  const mariadb = await startServiceInstance('mariadb', options);
  const url = `mariadb://guichet:guichet@127.0.0.1:${mariadb.port}/guichet`;
  const migrating = connectDatabase(url, 1);
  await mariadbMigrator(migrating).up();
  await migrating.query(`ALTER TABLE tickets AUTO_INCREMENT = ${firstTicketId}`);
  await migrating.close();
  return { mariadb, url };
}
