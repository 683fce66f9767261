/**
 * Which events count for what, as SQL conditions over a `ticket_events` row: shared by the
 * warehouse's materialized views and the queries that read the raw events, so both count alike.
 */

/** The canonical statuses of a ticket in the backlog: open, neither awaiting its requester nor closed. */
const BACKLOG = "('new', 'assigned', 'planned', 'pending')";

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
