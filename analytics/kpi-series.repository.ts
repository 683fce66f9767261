import type { ClickHouseClient } from '@clickhouse/client';
import { fromClickhouseTime } from '../tickets/ticket-event';
import { backlogAt, backlogFlowsBy } from './kpi-backlog.repository';
import { bucketsOf, wholeDays } from './kpi-buckets';
import { kpiFiguresOf, NO_TOTALS } from './kpi-figures';
import type { KpiFilters } from './kpi-filters';
import { bucketKey, dimensionKey, type KpiDimension, type KpiInterval } from './kpi-keys';
import type { BreakdownMetric, KpiMetric } from './kpi.schemas';
import { kpiTotalsBy, type KpiPart } from './kpi-totals.repository';

/** Which family of totals a figure comes from, so a series queries only that one. */
const PART_OF: Record<BreakdownMetric, KpiPart> = {
  created: 'counts',
  resolved: 'counts',
  closed: 'counts',
  escalated: 'counts',
  reopened: 'counts',
  breached: 'counts',
  mttoSeconds: 'takings',
  mttoWorkingMinutes: 'takings',
  ttoCompliance: 'takings',
  mttrSeconds: 'resolutions',
  mttrWorkingMinutes: 'resolutions',
  slaCompliance: 'resolutions',
  ttrCompliance: 'resolutions',
  reopenRate: 'resolutions',
  fcrRate: 'resolutions',
  escalationRate: 'resolutions',
  satisfaction: 'ratings',
};

// The backlog at the end of each bucket, walking back from the backlog at the period's end.
async function backlogSeries(clickhouse: ClickHouseClient, filters: KpiFilters, interval: KpiInterval, buckets: string[]) {
  const [end, flows] = await Promise.all([
    backlogAt(clickhouse, filters, filters.to),
    backlogFlowsBy(clickhouse, filters, bucketKey(interval)),
  ]);
  let backlog = end;
  const points = [];
  for (const bucket of [...buckets].reverse()) {
    points.unshift({ at: fromClickhouseTime(bucket), value: backlog });
    backlog -= flows.get(bucket) ?? 0;
  }
  return points;
}

/**
 * A metric per bucket over the period, oldest first, every bucket present (0 or null when no
 * ticket counts). Day, week and month buckets are whole days, so the period widens to whole days.
 */
export async function kpiTimeseries(clickhouse: ClickHouseClient, filters: KpiFilters, metric: KpiMetric, interval: KpiInterval) {
  const period = interval === 'hour' ? filters : { ...filters, ...wholeDays(filters.from, filters.to) };
  const buckets = bucketsOf(period.from, period.to, interval);
  if (metric === 'backlog') return backlogSeries(clickhouse, period, interval, buckets);
  const totals = await kpiTotalsBy(clickhouse, period, bucketKey(interval), [PART_OF[metric]]);
  return buckets.map((bucket) => ({ at: fromClickhouseTime(bucket), value: kpiFiguresOf(totals.get(bucket) ?? NO_TOTALS)[metric] }));
}

const byValue = (a: { key: string; value: number | null }, b: { key: string; value: number | null }) =>
  (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.key.localeCompare(b.key);

/**
 * A metric over the period per value of a dimension (the ticket's value at each event), largest
 * first; values that no ticket counts in (a count of 0, a mean or rate of none) are left out.
 */
export async function kpiBreakdown(clickhouse: ClickHouseClient, filters: KpiFilters, metric: BreakdownMetric, by: KpiDimension) {
  const totals = await kpiTotalsBy(clickhouse, filters, dimensionKey(by), [PART_OF[metric]]);
  return [...totals]
    .map(([key, row]) => ({ key, value: kpiFiguresOf(row)[metric] }))
    .filter((item) => item.value !== null && (item.value > 0 || PART_OF[metric] !== 'counts'))
    .sort(byValue);
}
