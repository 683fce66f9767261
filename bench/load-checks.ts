// What must hold once a load run with failures is over: every ticket has its workflow, which
// agrees with MariaDB on its state; its history in MariaDB is its events in ClickHouse, each once;
// every hold's clock that came due during the run ended that hold once, not before its date.
import { setTimeout as pause } from 'node:timers/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Client } from '@temporalio/client';
import { QueryTypes, type Sequelize } from 'sequelize';
import { ticketStateQuery, ticketWorkflowId } from '../workflows/ticket.contracts';
import type { LoadOutcome } from './load-people';

export interface RunChecks {
  tickets: number;
  events: number;
  /** Tickets whose workflow does not answer. */
  withoutWorkflow: number[];
  /** Tickets whose workflow and MariaDB row disagree (state or version). */
  workflowDisagrees: number[];
  /** Tickets whose events in ClickHouse are not their history in MariaDB. */
  warehouseDisagrees: number[];
  clocks: { due: number; endedOnce: number; notEnded: number[]; endedTwice: number[]; early: number[] };
}

interface EventRow {
  ticket_id: number;
  seq: number;
  action: string;
  at: Date;
  data: string;
}

const HOLD_CLOCK = 'pending_until_reached';

async function inBatches<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 16) await Promise.all(items.slice(i, i + 16).map(task));
}

async function warehouseEvents(clickhouse: ClickHouseClient, ids: readonly number[]): Promise<Map<number, number[]>> {
  const result = await clickhouse.query({
    query: `SELECT ticket_id, seq FROM ticket_events FINAL WHERE ticket_id IN (${ids.join(',')}) ORDER BY ticket_id, seq`,
    format: 'JSONEachRow',
  });
  const byTicket = new Map<number, number[]>();
  for (const row of await result.json<{ ticket_id: number; seq: number }>()) {
    byTicket.set(Number(row.ticket_id), [...(byTicket.get(Number(row.ticket_id)) ?? []), Number(row.seq)]);
  }
  return byTicket;
}

/** Checks the run's tickets, giving the relay up to `settleMs` to bring the warehouse level with MariaDB. */
export async function checkRun(
  { sequelize, clickhouse, temporal }: { sequelize: Sequelize; clickhouse: ClickHouseClient; temporal: Client },
  outcome: LoadOutcome,
  settleMs: number,
): Promise<RunChecks> {
  const ids = [...new Set(outcome.tickets)].sort((a, b) => a - b);
  const checks: RunChecks = {
    tickets: ids.length,
    events: 0,
    withoutWorkflow: [],
    workflowDisagrees: [],
    warehouseDisagrees: [],
    clocks: { due: 0, endedOnce: 0, notEnded: [], endedTwice: [], early: [] },
  };
  if (ids.length === 0) return checks;
  // MariaDB and ClickHouse are read together until they agree (the relay is given its time, and
  // clocks may still be firing); what still differs after it is reported.
  const readHistory = () =>
    sequelize.query<EventRow>(
      'SELECT ticket_id, seq, action, at, data FROM ticket_events WHERE ticket_id IN (:ids) ORDER BY ticket_id, seq',
      {
        replacements: { ids },
        type: QueryTypes.SELECT,
      },
    );
  const deadline = Date.now() + settleMs;
  let readAt = Date.now();
  let [history, warehouse] = await Promise.all([readHistory(), warehouseEvents(clickhouse, ids)]);
  const seqsOf = () => {
    const seqs = new Map<number, number[]>();
    for (const event of history) seqs.set(event.ticket_id, [...(seqs.get(event.ticket_id) ?? []), event.seq]);
    return seqs;
  };
  let inMariadb = seqsOf();
  const differs = (id: number) => (warehouse.get(id) ?? []).join() !== (inMariadb.get(id) ?? []).join();
  while (ids.some(differs) && Date.now() < deadline) {
    await pause(1_000);
    readAt = Date.now();
    [history, warehouse] = await Promise.all([readHistory(), warehouseEvents(clickhouse, ids)]);
    inMariadb = seqsOf();
  }
  checks.events = history.length;
  checks.warehouseDisagrees = ids.filter(differs);

  // A change still in flight (a clock firing) parts them for a moment: they must come to agree.
  const rowOf = async (id: number) =>
    (
      await sequelize.query<{ state: string; seq: number }>('SELECT state, seq FROM tickets WHERE id = ?', {
        replacements: [id],
        type: QueryTypes.SELECT,
      })
    )[0];
  await inBatches(ids, async (id) => {
    for (let attempt = 1; ; attempt += 1) {
      const row = await rowOf(id);
      const workflow = await temporal.workflow
        .getHandle(ticketWorkflowId(id))
        .query(ticketStateQuery)
        .catch(() => null);
      if (workflow && row && workflow.position.state === row.state && workflow.seq === row.seq) return;
      if (attempt === 10) {
        (workflow ? checks.workflowDisagrees : checks.withoutWorkflow).push(id);
        return;
      }
      await pause(500);
    }
  });

  // Holds due a few seconds before the history was read: each ended by its clock once, at or after its date.
  const dueBefore = readAt - 5_000;
  for (const hold of outcome.holds.filter((h) => h.until < dueBefore)) {
    checks.clocks.due += 1;
    const ended = history.filter(
      (e) => e.ticket_id === hold.ticket && e.action === 'resume' && (JSON.parse(e.data) as { reason?: string }).reason === HOLD_CLOCK,
    );
    if (ended.length === 0) checks.clocks.notEnded.push(hold.ticket);
    else if (ended.length > 1) checks.clocks.endedTwice.push(hold.ticket);
    // The event's time is to the millisecond; the hold's date went out as ISO, to the millisecond too.
    else if (new Date(ended[0]!.at).getTime() < Math.floor(hold.until)) checks.clocks.early.push(hold.ticket);
    else checks.clocks.endedOnce += 1;
  }
  return checks;
}
