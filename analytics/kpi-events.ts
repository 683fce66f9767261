/**
 * Which events count for what, as SQL conditions over a `ticket_events` row: shared by the
 * warehouse's materialized views and the queries that read the raw events, so both count alike.
 */

/** The canonical statuses of a ticket in the backlog: open, neither awaiting its requester nor closed. */
export const BACKLOG = "('new', 'assigned', 'planned', 'pending')";

/**
 * `ticket_state` FINAL (each ticket's newest row) for the tickets that may be in the backlog now:
 * those with a row in it at all, as most tickets are long closed and their rows need no merging
 * to be left out. All the rows of a ticket share its id, so this filter may run before FINAL;
 * conditions on the ticket's latest values may not, and go inside the aggregates.
 */
export const MAYBE_IN_BACKLOG = `ticket_state FINAL WHERE ticket_id IN (SELECT ticket_id FROM ticket_state WHERE status IN ${BACKLOG})`;

const enters = (status: string) => `status = '${status}' AND from_status != '${status}'`;

export const ENTERS_RESOLVED = enters('resolved');
export const ENTERS_BACKLOG = `status IN ${BACKLOG} AND from_status NOT IN ${BACKLOG}`;
export const LEAVES_BACKLOG = `status NOT IN ${BACKLOG} AND from_status IN ${BACKLOG}`;

/** The metrics that count distinct tickets, each with the events that count a ticket. */
export const COUNTED_WHEN = {
  created: "action = 'create'",
  resolved: ENTERS_RESOLVED,
  closed: enters('closed'),
  escalated: "action = 'escalate'",
  reopened: "action = 'refuse_solution'",
  breached: "action = 'sla_breach'",
} as const;
export type CountedMetric = keyof typeof COUNTED_WHEN;
export const COUNTED_METRICS = Object.keys(COUNTED_WHEN) as CountedMetric[];

/** A resolution's flags, one bit each, as stored in `ticket_resolutions.flags`. */
export const RESOLUTION_FLAG = {
  underSla: 1,
  ttoBreached: 2,
  ttrBreached: 4,
  reopened: 8,
  escalated: 16,
  firstContact: 32,
} as const;

/** The flags of a resolution event, from its counters and SLA state at that moment. */
export const RESOLUTION_FLAGS = `toUInt8(
    (sla_id > 0) * ${RESOLUTION_FLAG.underSla} + tto_breached * ${RESOLUTION_FLAG.ttoBreached}
    + ttr_breached * ${RESOLUTION_FLAG.ttrBreached} + (reopen_count > 0) * ${RESOLUTION_FLAG.reopened}
    + (escalations > 0) * ${RESOLUTION_FLAG.escalated}
    + (reopen_count = 0 AND escalations = 0 AND assignments <= 1) * ${RESOLUTION_FLAG.firstContact})`;
