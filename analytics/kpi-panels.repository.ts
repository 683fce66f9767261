import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { BACKLOG, MAYBE_IN_BACKLOG } from './kpi-events';
import { fromClickhouseTime } from '../tickets/ticket-event';
import { queryRows } from './clickhouse';
import { andAll, clickhouseTime, dimensionConditions, eventsOfPeriod, type KpiFilters } from './kpi-filters';

const number = z.coerce.number();

/** Tickets created in the period per weekday (1 = Monday) and hour, in UTC; empty cells left out. */
export async function kpiHeatmap(clickhouse: ClickHouseClient, filters: KpiFilters) {
  return queryRows(
    clickhouse,
    `SELECT toDayOfWeek(at) AS weekday, toHour(at) AS hour, uniqExact(ticket_id) AS value
     FROM ticket_events WHERE ${eventsOfPeriod(filters)} AND action = 'create'
     GROUP BY weekday, hour ORDER BY weekday, hour`,
    z.object({ weekday: number, hour: number, value: number }),
  );
}

/** The satisfaction answers of the period: their mean and how many gave each rating (1–5). */
export async function kpiSatisfaction(clickhouse: ClickHouseClient, filters: KpiFilters) {
  const rows = await queryRows(
    clickhouse,
    `SELECT given AS rating, count() AS count FROM (
       SELECT ticket_id, max(rating) AS given FROM ticket_events
       WHERE ${eventsOfPeriod(filters)} AND action = 'satisfaction' GROUP BY ticket_id)
     GROUP BY given`,
    z.object({ rating: number, count: number }),
  );
  const counts = new Map(rows.map((row) => [row.rating, row.count]));
  const items = [1, 2, 3, 4, 5].map((rating) => ({ rating, count: counts.get(rating) ?? 0 }));
  const answers = items.reduce((sum, item) => sum + item.count, 0);
  return { mean: answers > 0 ? items.reduce((sum, item) => sum + item.rating * item.count, 0) / answers : null, items };
}

/**
 * Per technician: the tickets in the backlog assigned to them now (latest values), and those they
 * resolved in the period (assigned to them at the resolution).
 */
export async function kpiWorkload(clickhouse: ClickHouseClient, filters: KpiFilters) {
  const where = andAll(dimensionConditions(filters));
  const [open, resolved] = await Promise.all([
    queryRows(
      clickhouse,
      `SELECT technician, value FROM (
         SELECT assignee_id AS technician, countIf(status IN ${BACKLOG}${where}) AS value FROM ${MAYBE_IN_BACKLOG} GROUP BY technician)
       WHERE technician != 0 AND value > 0`,
      z.object({ technician: number, value: number }),
    ),
    queryRows(
      clickhouse,
      `SELECT assignee_id AS technician, uniqExact(ticket_id) AS value FROM ticket_resolutions
       WHERE ${eventsOfPeriod(filters)} AND assignee_id != 0 GROUP BY technician`,
      z.object({ technician: number, value: number }),
    ),
  ]);
  const workload = new Map<number, { technician: number; open: number; resolved: number }>();
  const of = (technician: number) => workload.get(technician) ?? { technician, open: 0, resolved: 0 };
  for (const row of open) workload.set(row.technician, { ...of(row.technician), open: row.value });
  for (const row of resolved) workload.set(row.technician, { ...of(row.technician), resolved: row.value });
  return [...workload.values()].sort((a, b) => b.open + b.resolved - (a.open + a.resolved) || a.technician - b.technician);
}

/**
 * Recurring incidents: a category and a location with at least `minCount` incidents created
 * within one window of `windowDays` (windows follow each other from the period's start).
 */
export async function kpiRecurring(clickhouse: ClickHouseClient, filters: KpiFilters, minCount: number, windowDays: number) {
  const windowSeconds = Math.trunc(windowDays) * 86_400;
  const start = clickhouseTime(filters.from);
  const rows = await queryRows(
    clickhouse,
    `SELECT category, location, toString(toDateTime(toUInt32(${start}) + window * ${windowSeconds})) AS window_start,
       length(tickets) AS count, tickets
     FROM (
       SELECT category, location, intDiv(toUInt32(at) - toUInt32(${start}), ${windowSeconds}) AS window,
         arraySort(groupUniqArray(ticket_id)) AS tickets
       FROM ticket_events
       WHERE ${eventsOfPeriod(filters)} AND action = 'create' AND ticket_type = 'incident' AND location != ''
       GROUP BY category, location, window)
     WHERE count >= ${Math.trunc(minCount)}
     ORDER BY count DESC, category, location, window_start`,
    z.object({ category: z.string(), location: z.string(), window_start: z.string(), count: number, tickets: z.array(number) }),
  );
  return rows.map(({ window_start, ...row }) => ({ ...row, windowStart: fromClickhouseTime(window_start) }));
}
