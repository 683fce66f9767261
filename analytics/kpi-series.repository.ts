import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { latestValueConditions, periodOf, type KpiFilters } from './kpi.repository';
import type { BreakdownDimension, SeriesInterval, SeriesMetric } from './kpi.schemas';

// When each metric counts a ticket: at its opening, or at one of its events. Every count is of
// distinct tickets, so a redelivered event changes nothing.
const EVENT_OF: Record<SeriesMetric, string | null> = {
  created: null,
  resolved: "status = 'resolved'",
  closed: "status = 'closed'",
  escalated: "action = 'escalate'",
  breached: "action = 'sla_breach'",
};

const BUCKET: Record<SeriesInterval, (column: string) => string> = {
  hour: (column) => `toStartOfHour(${column})`,
  day: (column) => `toStartOfDay(${column})`,
  // Weeks and months start on a date: made a time again, so every bucket reads the same.
  week: (column) => `toDateTime(toMonday(${column}))`,
  month: (column) => `toDateTime(toStartOfMonth(${column}))`,
};

const COLUMN_OF: Record<BreakdownDimension, string> = {
  category: 'category',
  priority: 'priority',
  group: 'group_id',
  type: 'ticket_type',
  level: 'level',
};

// The tickets the filters keep, judged on their latest values.
function ticketsKept(filters: KpiFilters): string {
  const having = latestValueConditions(filters);
  if (having.length === 0) return '';
  return `AND ticket_id IN (
    SELECT ticket_id FROM (
      SELECT ticket_id, argMax(category, seq) AS last_category, argMax(group_id, seq) AS last_group, argMax(priority, seq) AS last_priority
      FROM ticket_events GROUP BY ticket_id HAVING ${having.join(' AND ')}))`;
}

const PointRow = z.object({ bucket: z.string(), value: z.coerce.number() });
const KeyRow = z.object({ key: z.coerce.string(), value: z.coerce.number() });

/** A metric per interval over the period, oldest first; intervals without tickets are left out. */
export async function kpiTimeseries(clickhouse: ClickHouseClient, filters: KpiFilters, metric: SeriesMetric, interval: SeriesInterval) {
  const { from, to } = periodOf(filters);
  const event = EVENT_OF[metric];
  const time = event ? 'at' : 'opened_at';
  const query = `
    SELECT toString(${BUCKET[interval](time)}) AS bucket, uniqExact(ticket_id) AS value
    FROM ticket_events
    WHERE ${time} >= toDateTime(${from}) AND ${time} < toDateTime(${to}) ${event ? `AND ${event}` : ''} ${ticketsKept(filters)}
    GROUP BY bucket ORDER BY bucket`;
  const rows = PointRow.array().parse(await (await clickhouse.query({ query, format: 'JSONEachRow' })).json());
  return rows.map((row) => ({ at: `${row.bucket.replace(' ', 'T')}Z`, value: row.value }));
}

/** A metric over the period, per value of a ticket's dimension (its latest), largest first. */
export async function kpiBreakdown(clickhouse: ClickHouseClient, filters: KpiFilters, metric: SeriesMetric, by: BreakdownDimension) {
  const { from, to } = periodOf(filters);
  const event = EVENT_OF[metric];
  const counted = event ? `countIf(${event} AND at >= toDateTime(${from})) > 0` : `any(opened_at) >= toDateTime(${from})`;
  const query = `
    SELECT key, count() AS value FROM (
      SELECT ticket_id, argMax(${COLUMN_OF[by]}, seq) AS key, ${counted} AS counted
      FROM ticket_events
      WHERE at < toDateTime(${to}) ${ticketsKept(filters)}
      GROUP BY ticket_id)
    WHERE counted
    GROUP BY key ORDER BY value DESC, key`;
  return KeyRow.array().parse(await (await clickhouse.query({ query, format: 'JSONEachRow' })).json());
}
