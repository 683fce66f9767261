import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';

import { periodInSeconds, type KpiFilters } from '../analytics/kpi-filters';
import { kpiHeatmap, kpiRecurring, kpiSatisfaction, kpiWorkload } from '../analytics/kpi-panels.repository';
import { kpiBreakdown, kpiTimeseries } from '../analytics/kpi-series.repository';
import { kpiSummary } from '../analytics/kpi.repository';
import {
  KpiBreakdown,
  KpiBreakdownQuery,
  KpiHeatmap,
  KpiQuery,
  KpiRecurring,
  KpiRecurringQuery,
  KpiSatisfaction,
  KpiSummary,
  KpiTimeseries,
  KpiTimeseriesQuery,
  KpiWorkload,
} from '../analytics/kpi.schemas';
import { categoryWithChildrenOrFail } from '../organisation/category.repository';
import { allEntityIds, entityWithChildrenOrFail } from '../organisation/entity.repository';
import { entitiesWith } from '../users/access';
import { RIGHTS } from '../users/profiles';
import { userNamesOf } from '../users/user-names.repository';
import type { CurrentUser } from '../users/user';
import { route, type Route } from './route';

const DAY_MS = 86_400_000;

// Figures cover the entities where the user reads tickets: all of them (no filter) when that is every entity.
async function readableEntities(user: CurrentUser, asked: number | undefined): Promise<number[] | undefined> {
  const readable = entitiesWith(user.scopes, RIGHTS.readers);
  const wanted = asked === undefined ? await allEntityIds() : await entityWithChildrenOrFail(asked, 'entity');
  const within = wanted.filter((id) => readable.includes(id));
  return asked === undefined && within.length === wanted.length ? undefined : within;
}

// The period (default: the last 30 days) and the filters; a category or an entity with those below it.
async function filtersOf(user: CurrentUser, query: KpiQuery): Promise<KpiFilters> {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  return {
    ...periodInSeconds(from, to),
    group: query.group,
    priority: query.priority,
    type: query.type,
    technician: query.technician,
    categories: query.category === undefined ? undefined : await categoryWithChildrenOrFail(query.category, 'category'),
    entities: await readableEntities(user, query.entity),
  };
}

type Cell = string | number | null;
// RFC 4180 quoting; a text that a spreadsheet would take for a formula is made plain text.
function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
/** Rows as CSV, a header line first; an empty cell is no value. */
const csvOf = (header: string[], rows: Cell[][]): string => [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';

/** A KPI question answered as JSON at `path` and as CSV at `path.csv`. */
function kpiQuestion<Q extends KpiQuery, R>(question: {
  path: string;
  summary: string;
  query: z.ZodType<Q>;
  response: z.ZodType<R>;
  answer: (filters: KpiFilters, query: Q) => Promise<R>;
  csv: (answer: R, query: Q) => { header: string[]; rows: Cell[][] };
}): Route[] {
  const answer = async (user: CurrentUser, query: Q) => question.answer(await filtersOf(user, query), query);
  return [
    route({
      method: 'get',
      path: question.path,
      summary: question.summary,
      tag: 'KPIs',
      allow: 'readers',
      query: question.query,
      response: question.response,
      handle: ({ user, query }) => answer(user, query),
    }),
    route({
      method: 'get',
      path: `${question.path}.csv`,
      summary: `${question.summary}, as CSV`,
      tag: 'KPIs',
      allow: 'readers',
      query: question.query,
      response: z.string(),
      produces: 'text/csv',
      handle: async ({ user, query }) => {
        const { header, rows } = question.csv(await answer(user, query), query);
        return csvOf(header, rows);
      },
    }),
  ] as Route[];
}

export function kpiRoutes(clickhouse: ClickHouseClient): Route[] {
  return [
    ...kpiQuestion({
      path: '/api/v1/kpis/summary',
      summary: 'KPI summary for a period (default: the last 30 days), computed in ClickHouse',
      query: KpiQuery,
      response: KpiSummary,
      answer: (filters) => kpiSummary(clickhouse, filters),
      csv: (summary) => ({ header: Object.keys(summary), rows: [Object.values(summary)] }),
    }),
    ...kpiQuestion({
      path: '/api/v1/kpis/timeseries',
      summary: 'A KPI per hour, day, week or month over the period',
      query: KpiTimeseriesQuery,
      response: KpiTimeseries,
      answer: async (filters, query) => ({
        metric: query.metric,
        interval: query.interval,
        points: await kpiTimeseries(clickhouse, filters, query.metric, query.interval),
      }),
      csv: (series) => ({ header: ['at', series.metric], rows: series.points.map((p) => [p.at, p.value]) }),
    }),
    ...kpiQuestion({
      path: '/api/v1/kpis/breakdown',
      summary: 'A KPI over the period per category, priority, group, type, entity, level, source or technician',
      query: KpiBreakdownQuery,
      response: KpiBreakdown,
      answer: async (filters, query) => ({
        metric: query.metric,
        by: query.by,
        items: await kpiBreakdown(clickhouse, filters, query.metric, query.by),
      }),
      csv: (breakdown) => ({ header: [breakdown.by, breakdown.metric], rows: breakdown.items.map((i) => [i.key, i.value]) }),
    }),
    ...kpiQuestion({
      path: '/api/v1/kpis/heatmap',
      summary: 'Tickets created per weekday (1 = Monday) and hour of the day (UTC)',
      query: KpiQuery,
      response: KpiHeatmap,
      answer: async (filters) => ({ items: await kpiHeatmap(clickhouse, filters) }),
      csv: (heatmap) => ({ header: ['weekday', 'hour', 'created'], rows: heatmap.items.map((c) => [c.weekday, c.hour, c.value]) }),
    }),
    ...kpiQuestion({
      path: '/api/v1/kpis/satisfaction',
      summary: 'Satisfaction answers of the period: their mean and how many gave each rating',
      query: KpiQuery,
      response: KpiSatisfaction,
      answer: (filters) => kpiSatisfaction(clickhouse, filters),
      csv: (satisfaction) => ({ header: ['rating', 'count'], rows: satisfaction.items.map((i) => [i.rating, i.count]) }),
    }),
    ...kpiQuestion({
      path: '/api/v1/kpis/workload',
      summary: "Technicians' workload: tickets assigned to each now, and resolved by each in the period",
      query: KpiQuery,
      response: KpiWorkload,
      answer: async (filters) => {
        const items = await kpiWorkload(clickhouse, filters);
        const names = await userNamesOf(items.map((item) => item.technician));
        return { items: items.map((item) => ({ ...item, name: names.get(item.technician) ?? `#${item.technician}` })) };
      },
      csv: (workload) => ({
        header: ['technician', 'name', 'open', 'resolved'],
        rows: workload.items.map((i) => [i.technician, i.name, i.open, i.resolved]),
      }),
    }),
    ...kpiQuestion({
      path: '/api/v1/kpis/recurring',
      summary: 'Recurring incidents: a category and a location with at least minCount incidents within windowDays',
      query: KpiRecurringQuery,
      response: KpiRecurring,
      answer: async (filters, query) => ({ items: await kpiRecurring(clickhouse, filters, query.minCount, query.windowDays) }),
      csv: (recurring) => ({
        header: ['category', 'location', 'windowStart', 'count'],
        rows: recurring.items.map((i) => [i.category, i.location, i.windowStart, i.count]),
      }),
    }),
  ];
}
