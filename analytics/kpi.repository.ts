import type { ClickHouseClient } from '@clickhouse/client';
import { toClickhouseTime } from '../tickets/ticket-event';
import { quoteClickhouse } from './clickhouse';
import { KpiSummaryRow, type KpiSummary } from './kpi.schemas';

export interface KpiFilters {
  from: Date;
  to: Date;
  /** Category ids, any of which counts. */
  categories?: number[];
  group?: number;
  priority?: number;
}

/** The period's bounds as ClickHouse literals; event times are stored to the second, so the exclusive end is rounded up. */
export const periodOf = (filters: KpiFilters) => ({
  from: quoteClickhouse(toClickhouseTime(filters.from)),
  to: quoteClickhouse(toClickhouseTime(new Date(Math.ceil(filters.to.getTime() / 1000) * 1000))),
});

/** Filters on each ticket's latest values, as HAVING conditions over last_category, last_group, last_priority. */
export function latestValueConditions(filters: KpiFilters): string[] {
  return [
    filters.categories ? `last_category IN (${filters.categories.map((id) => quoteClickhouse(String(Math.trunc(id)))).join(', ')})` : null,
    filters.group !== undefined ? `last_group = ${Math.trunc(filters.group)}` : null,
    filters.priority !== undefined ? `last_priority = ${Math.trunc(filters.priority)}` : null,
  ].filter((condition): condition is string => condition !== null);
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * The KPI summary for a period, from the raw events. Each ticket is first reduced to one row
 * (min/max/argMax/uniqExact), so a redelivered event cannot change any figure. Formulas are in
 * docs/kpis.md.
 */
export async function kpiSummary(clickhouse: ClickHouseClient, filters: KpiFilters): Promise<KpiSummary> {
  const { from, to } = periodOf(filters);
  const having = latestValueConditions(filters);
  const query = `
    SELECT
      countIf(opened >= toDateTime(${from})) AS created,
      countIf(resolved_in_period) AS resolved,
      countIf(closed_in_period) AS closed,
      countIf(status_at_end NOT IN ('resolved', 'closed')) AS backlog,
      countIf(taken_in_period) AS taken,
      sumIf(toInt64(first_taken) - toInt64(opened), taken_in_period) AS mtto,
      sumIf(toInt64(last_resolved) - toInt64(opened), resolved_in_period) AS mttr,
      countIf(resolved_in_period AND refusals > 0) AS reopened,
      countIf(resolved_in_period AND refusals = 0 AND escalations = 0 AND assignments <= 1) AS first_contact,
      countIf(resolved_in_period AND escalations > 0) AS escalated,
      countIf(resolved_in_period AND sla > 0) AS resolved_under_sla,
      countIf(resolved_in_period AND sla > 0 AND breaches = 0) AS resolved_in_time,
      countIf(rated_in_period) AS rated,
      sumIf(rating, rated_in_period) AS rating_sum
    FROM (
      SELECT
        ticket_id,
        any(opened_at) AS opened,
        argMax(status, seq) AS status_at_end,
        argMax(category, seq) AS last_category,
        argMax(group_id, seq) AS last_group,
        argMax(priority, seq) AS last_priority,
        minIf(at, assignee_id != 0 OR group_id != 0) AS first_taken,
        countIf(assignee_id != 0 OR group_id != 0) > 0 AND first_taken >= toDateTime(${from}) AS taken_in_period,
        maxIf(at, status = 'resolved') AS last_resolved,
        countIf(status = 'resolved' AND at >= toDateTime(${from})) > 0 AS resolved_in_period,
        countIf(status = 'closed' AND at >= toDateTime(${from})) > 0 AS closed_in_period,
        uniqExactIf(seq, action = 'refuse_solution') AS refusals,
        uniqExactIf(seq, action = 'escalate') AS escalations,
        uniqExactIf(seq, action = 'assign') AS assignments,
        maxIf(rating, action = 'satisfaction') AS rating,
        max(sla_id) AS sla,
        uniqExactIf(seq, action = 'sla_breach') AS breaches,
        countIf(action = 'satisfaction' AND at >= toDateTime(${from})) > 0 AS rated_in_period
      FROM ticket_events
      WHERE at < toDateTime(${to})
      GROUP BY ticket_id
      ${having.length > 0 ? `HAVING ${having.join(' AND ')}` : ''}
    )`;
  const result = await clickhouse.query({ query, format: 'JSONEachRow' });
  const row = KpiSummaryRow.parse((await result.json())[0]);
  return {
    from: filters.from.toISOString(),
    to: filters.to.toISOString(),
    created: row.created,
    resolved: row.resolved,
    closed: row.closed,
    backlog: row.backlog,
    mttoSeconds: row.taken > 0 ? row.mtto / row.taken : null,
    mttrSeconds: row.resolved > 0 ? row.mttr / row.resolved : null,
    slaCompliance: ratio(row.resolved_in_time, row.resolved_under_sla),
    reopenRate: ratio(row.reopened, row.resolved),
    fcrRate: ratio(row.first_contact, row.resolved),
    escalationRate: ratio(row.escalated, row.resolved),
    satisfaction: row.rated > 0 ? row.rating_sum / row.rated : null,
  };
}
