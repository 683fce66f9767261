import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { ForbiddenError } from '../core/errors';
import { kpiBreakdown, kpiTimeseries } from '../analytics/kpi-series.repository';
import { kpiSummary, type KpiFilters } from '../analytics/kpi.repository';
import { KpiBreakdown, KpiBreakdownQuery, KpiSummary, KpiSummaryQuery, KpiTimeseries, KpiTimeseriesQuery } from '../analytics/kpi.schemas';
import { categoryWithChildrenOrFail } from '../organisation/category.repository';
import type { CurrentUser } from '../users/user';
import { route } from './route';

const DAY_MS = 86_400_000;

// The period (default: the last 30 days) and the filters, a category with the categories below it.
async function filtersOf(user: CurrentUser, query: KpiSummaryQuery): Promise<KpiFilters> {
  if (user.profile === 'requester') throw new ForbiddenError('KPIs are for the desk and its managers');
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  const categories = query.category === undefined ? undefined : await categoryWithChildrenOrFail(query.category, 'category');
  return { from, to, group: query.group, priority: query.priority, categories };
}

/** Rows as CSV, a header line first; every value is a number or a plain key. */
const csvOf = (header: string[], rows: (string | number)[][]): string => [header, ...rows].map((row) => row.join(',')).join('\n') + '\n';

export function kpiRoutes(clickhouse: ClickHouseClient) {
  const timeseries = async (user: CurrentUser, query: KpiTimeseriesQuery) => ({
    metric: query.metric,
    interval: query.interval,
    points: await kpiTimeseries(clickhouse, await filtersOf(user, query), query.metric, query.interval),
  });
  const breakdown = async (user: CurrentUser, query: KpiBreakdownQuery) => ({
    metric: query.metric,
    by: query.by,
    items: await kpiBreakdown(clickhouse, await filtersOf(user, query), query.metric, query.by),
  });
  return [
    route({
      method: 'get',
      path: '/api/v1/kpis/summary',
      summary: 'KPI summary for a period (default: the last 30 days), computed in ClickHouse',
      tag: 'KPIs',
      authenticated: true,
      query: KpiSummaryQuery,
      response: KpiSummary,
      handle: async ({ user, query }) => kpiSummary(clickhouse, await filtersOf(user, query)),
    }),
    route({
      method: 'get',
      path: '/api/v1/kpis/timeseries',
      summary: 'A metric (tickets created, resolved, closed, escalated, breaching their SLA) per hour, day, week or month',
      tag: 'KPIs',
      authenticated: true,
      query: KpiTimeseriesQuery,
      response: KpiTimeseries,
      handle: async ({ user, query }) => timeseries(user, query),
    }),
    route({
      method: 'get',
      path: '/api/v1/kpis/timeseries.csv',
      summary: 'The same time series, as CSV',
      tag: 'KPIs',
      authenticated: true,
      query: KpiTimeseriesQuery,
      response: z.string(),
      produces: 'text/csv',
      handle: async ({ user, query }) =>
        csvOf(
          ['at', query.metric],
          (await timeseries(user, query)).points.map((p) => [p.at, p.value]),
        ),
    }),
    route({
      method: 'get',
      path: '/api/v1/kpis/breakdown',
      summary: 'A metric over the period per category, priority, group, type or level (each ticket by its latest value)',
      tag: 'KPIs',
      authenticated: true,
      query: KpiBreakdownQuery,
      response: KpiBreakdown,
      handle: async ({ user, query }) => breakdown(user, query),
    }),
    route({
      method: 'get',
      path: '/api/v1/kpis/breakdown.csv',
      summary: 'The same breakdown, as CSV',
      tag: 'KPIs',
      authenticated: true,
      query: KpiBreakdownQuery,
      response: z.string(),
      produces: 'text/csv',
      handle: async ({ user, query }) =>
        csvOf(
          [query.by, query.metric],
          (await breakdown(user, query)).items.map((i) => [i.key, i.value]),
        ),
    }),
  ];
}
