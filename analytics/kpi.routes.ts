import { z } from 'zod';

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
} from './kpi.schemas';
import type { KpiService } from './kpi.service';
import type { CurrentUser } from '../users/user';
import { route, type Route } from '../api/route';

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
  answer: (user: CurrentUser, query: Q) => Promise<R>;
  csv: (answer: R, query: Q) => { header: string[]; rows: Cell[][] };
}): Route[] {
  const { answer } = question;
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

export function kpiRoutes(kpis: KpiService): Route[] {
  return [
    ...kpiQuestion({
      path: '/api/v1/kpis/summary',
      summary: 'KPI summary for a period (default: the last 30 days), computed in ClickHouse',
      query: KpiQuery,
      response: KpiSummary,
      answer: kpis.summary,
      csv: (summary) => ({ header: Object.keys(summary), rows: [Object.values(summary)] }),
    }),
    ...kpiQuestion({
      path: '/api/v1/kpis/timeseries',
      summary: 'A KPI per hour, day, week or month over the period',
      query: KpiTimeseriesQuery,
      response: KpiTimeseries,
      answer: kpis.timeseries,
      csv: (series) => ({ header: ['at', series.metric], rows: series.points.map((p) => [p.at, p.value]) }),
    }),
    ...kpiQuestion({
      path: '/api/v1/kpis/breakdown',
      summary: 'A KPI over the period per category, priority, group, type, entity, level, source or technician',
      query: KpiBreakdownQuery,
      response: KpiBreakdown,
      answer: kpis.breakdown,
      csv: (breakdown) => ({ header: [breakdown.by, breakdown.metric], rows: breakdown.items.map((i) => [i.key, i.value]) }),
    }),
    ...kpiQuestion({
      path: '/api/v1/kpis/heatmap',
      summary: 'Tickets created per weekday (1 = Monday) and hour of the day (UTC)',
      query: KpiQuery,
      response: KpiHeatmap,
      answer: kpis.heatmap,
      csv: (heatmap) => ({ header: ['weekday', 'hour', 'created'], rows: heatmap.items.map((c) => [c.weekday, c.hour, c.value]) }),
    }),
    ...kpiQuestion({
      path: '/api/v1/kpis/satisfaction',
      summary: 'Satisfaction answers of the period: their mean and how many gave each rating',
      query: KpiQuery,
      response: KpiSatisfaction,
      answer: kpis.satisfaction,
      csv: (satisfaction) => ({ header: ['rating', 'count'], rows: satisfaction.items.map((i) => [i.rating, i.count]) }),
    }),
    ...kpiQuestion({
      path: '/api/v1/kpis/workload',
      summary: "Technicians' workload: tickets assigned to each now, and resolved by each in the period",
      query: KpiQuery,
      response: KpiWorkload,
      answer: kpis.workload,
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
      answer: kpis.recurring,
      csv: (recurring) => ({
        header: ['category', 'location', 'windowStart', 'count'],
        rows: recurring.items.map((i) => [i.category, i.location, i.windowStart, i.count]),
      }),
    }),
  ];
}
