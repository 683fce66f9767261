import { DAY_MS } from '../core/durations';
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { NO_TOTALS, type KpiTotals } from './kpi-figures';
import { COUNTED_METRICS, COUNTED_WHEN, RESOLUTION_FLAG } from './kpi-events';
import { queryRows } from './clickhouse';
import { daysOfPeriod, eventsOfPeriod, type KpiFilters } from './kpi-filters';
import type { KpiKey } from './kpi-keys';

const isMidnight = (date: Date): boolean => date.getTime() % DAY_MS === 0;

// `kpi_daily` answers when the period is made of whole days and holds the key and every filter.
const dailyKeyOf = (filters: KpiFilters, key: KpiKey): string | null =>
  key.daily !== null && filters.technician === undefined && isMidnight(filters.from) && isMidnight(filters.to) ? key.daily : null;

/** Distinct tickets per counted metric and key, from the daily aggregate when it can answer, else from the raw events. */
function countsQuery(filters: KpiFilters, key: KpiKey): string {
  const daily = dailyKeyOf(filters, key);
  if (daily !== null) {
    return `SELECT ${daily} AS key, ${COUNTED_METRICS.map((m) => `uniqExactIfMerge(${m}) AS ${m}`).join(', ')}
      FROM kpi_daily WHERE ${daysOfPeriod(filters)} GROUP BY key`;
  }
  return `SELECT ${key.event} AS key, ${COUNTED_METRICS.map((m) => `uniqExactIf(ticket_id, ${COUNTED_WHEN[m]}) AS ${m}`).join(', ')}
    FROM ticket_events WHERE ${eventsOfPeriod(filters)} GROUP BY key`;
}
const count = z.coerce.number();
const CountsRow = z.object({
  key: z.string(),
  created: count,
  resolved: count,
  closed: count,
  escalated: count,
  reopened: count,
  breached: count,
});

const has = (flag: number) => `bitAnd(last_flags, ${flag}) != 0`;
// Each ticket's last resolution in the period, per key: a redelivered row is the same (ticket, seq).
const resolutionsQuery = (filters: KpiFilters, key: KpiKey) => `
  SELECT key, count() AS resolutions, sum(last_seconds) AS resolve_seconds, sum(last_working) AS resolve_working,
    countIf(${has(RESOLUTION_FLAG.underSla)}) AS under_sla,
    countIf(${has(RESOLUTION_FLAG.underSla)} AND NOT ${has(RESOLUTION_FLAG.ttoBreached)} AND NOT ${has(RESOLUTION_FLAG.ttrBreached)}) AS in_time,
    countIf(${has(RESOLUTION_FLAG.underSla)} AND NOT ${has(RESOLUTION_FLAG.ttrBreached)}) AS ttr_in_time,
    countIf(${has(RESOLUTION_FLAG.reopened)}) AS reopened, countIf(${has(RESOLUTION_FLAG.escalated)}) AS escalated,
    countIf(${has(RESOLUTION_FLAG.firstContact)}) AS first_contact
  FROM (
    SELECT ${key.event} AS key, ticket_id, argMax(seconds, seq) AS last_seconds, argMax(working_minutes, seq) AS last_working,
      argMax(flags, seq) AS last_flags
    FROM ticket_resolutions WHERE ${eventsOfPeriod(filters)} GROUP BY key, ticket_id)
  GROUP BY key`;
const ResolutionsRow = z.object({
  key: z.string(),
  resolutions: z.coerce.number(),
  resolve_seconds: z.coerce.number(),
  resolve_working: z.coerce.number(),
  under_sla: z.coerce.number(),
  in_time: z.coerce.number(),
  ttr_in_time: z.coerce.number(),
  reopened: z.coerce.number(),
  escalated: z.coerce.number(),
  first_contact: z.coerce.number(),
});

// Each ticket is taken into account once; its copies carry the same values.
const takingsQuery = (filters: KpiFilters, key: KpiKey) => `
  SELECT key, count() AS taken, sum(to_own) AS take_seconds, sum(to_own_working) AS take_working,
    countIf(held) AS under_sla, countIf(held AND NOT late) AS in_time
  FROM (
    SELECT ${key.event} AS key, ticket_id, any(toInt64(at) - toInt64(opened_at)) AS to_own,
      any(working_minutes) AS to_own_working, any(sla_id > 0) AS held, any(tto_breached) AS late
    FROM ticket_events WHERE ${eventsOfPeriod(filters)} AND taken = 1 GROUP BY key, ticket_id)
  GROUP BY key`;
const TakingsRow = z.object({
  key: z.string(),
  taken: z.coerce.number(),
  take_seconds: z.coerce.number(),
  take_working: z.coerce.number(),
  under_sla: z.coerce.number(),
  in_time: z.coerce.number(),
});

// A requester answers a ticket's survey once.
const ratingsQuery = (filters: KpiFilters, key: KpiKey) => `
  SELECT key, count() AS rated, sum(given) AS rating_sum FROM (
    SELECT ${key.event} AS key, ticket_id, max(rating) AS given
    FROM ticket_events WHERE ${eventsOfPeriod(filters)} AND action = 'satisfaction' GROUP BY key, ticket_id)
  GROUP BY key`;
const RatingsRow = z.object({ key: z.string(), rated: z.coerce.number(), rating_sum: z.coerce.number() });

/** The four families of totals, each from a query of its own. */
export type KpiPart = 'counts' | 'resolutions' | 'takings' | 'ratings';
export const ALL_PARTS: readonly KpiPart[] = ['counts', 'resolutions', 'takings', 'ratings'];

/**
 * The period's totals per value of `key`, ordered by key: the queries of the `parts` asked for
 * (counts, resolutions, takings into account, satisfaction answers) at once, joined on the key;
 * the totals of the parts not asked for stay 0.
 */
export async function kpiTotalsBy(
  clickhouse: ClickHouseClient,
  filters: KpiFilters,
  key: KpiKey,
  parts: readonly KpiPart[] = ALL_PARTS,
): Promise<Map<string, KpiTotals>> {
  const asked = <T>(part: KpiPart, query: string, schema: z.ZodType<T>): Promise<T[]> =>
    parts.includes(part) ? queryRows(clickhouse, query, schema) : Promise.resolve([]);
  const [counts, resolutions, takings, ratings] = await Promise.all([
    asked('counts', countsQuery(filters, key), CountsRow),
    asked('resolutions', resolutionsQuery(filters, key), ResolutionsRow),
    asked('takings', takingsQuery(filters, key), TakingsRow),
    asked('ratings', ratingsQuery(filters, key), RatingsRow),
  ]);
  const totals = new Map<string, KpiTotals>();
  const add = (key: string, part: Partial<KpiTotals>) => totals.set(key, { ...(totals.get(key) ?? NO_TOTALS), ...part });
  for (const { key, ...row } of counts) add(key, row);
  for (const r of resolutions) {
    add(r.key, {
      resolutions: r.resolutions,
      resolveSeconds: r.resolve_seconds,
      resolveWorkingMinutes: r.resolve_working,
      resolvedUnderSla: r.under_sla,
      resolvedInTime: r.in_time,
      resolvedTtrInTime: r.ttr_in_time,
      resolvedReopened: r.reopened,
      resolvedEscalated: r.escalated,
      resolvedFirstContact: r.first_contact,
    });
  }
  for (const t of takings) {
    add(t.key, {
      taken: t.taken,
      takeSeconds: t.take_seconds,
      takeWorkingMinutes: t.take_working,
      takenUnderSla: t.under_sla,
      takenInTime: t.in_time,
    });
  }
  for (const r of ratings) add(r.key, { rated: r.rated, ratingSum: r.rating_sum });
  return new Map([...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
