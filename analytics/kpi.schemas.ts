import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

export const KpiSummaryQuery = z
  .object({
    from: isoTime.optional(),
    to: isoTime.optional(),
    /** A category and all the categories below it. */
    category: z.coerce.number().int().positive().optional(),
    group: z.coerce.number().int().positive().optional(),
    priority: z.coerce.number().int().min(1).max(6).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { path: ['to'], message: 'to must be after from' });
export type KpiSummaryQuery = z.infer<typeof KpiSummaryQuery>;

const rate = z.number().min(0).max(1).nullable();

export const KpiSummary = z.object({
  from: z.string(),
  to: z.string(),
  created: z.number(),
  resolved: z.number(),
  closed: z.number(),
  backlog: z.number(),
  mttoSeconds: z.number().nullable(),
  mttrSeconds: z.number().nullable(),
  slaCompliance: rate,
  reopenRate: rate,
  fcrRate: rate,
  /** Resolved tickets escalated at least once ÷ resolved tickets. */
  escalationRate: rate,
  satisfaction: z.number().nullable(),
});
export type KpiSummary = z.infer<typeof KpiSummary>;

/** A row of the summary query as ClickHouse sends it: 64-bit counts arrive as strings. */
export const KpiSummaryRow = z.object({
  created: z.coerce.number(),
  resolved: z.coerce.number(),
  closed: z.coerce.number(),
  backlog: z.coerce.number(),
  taken: z.coerce.number(),
  mtto: z.coerce.number(),
  mttr: z.coerce.number(),
  reopened: z.coerce.number(),
  first_contact: z.coerce.number(),
  escalated: z.coerce.number(),
  resolved_under_sla: z.coerce.number(),
  resolved_in_time: z.coerce.number(),
  rated: z.coerce.number(),
  rating_sum: z.coerce.number(),
});

export const SeriesMetric = z.enum(['created', 'resolved', 'closed', 'escalated', 'breached']);
export type SeriesMetric = z.infer<typeof SeriesMetric>;
export const SeriesInterval = z.enum(['hour', 'day', 'week', 'month']);
export type SeriesInterval = z.infer<typeof SeriesInterval>;
export const BreakdownDimension = z.enum(['category', 'priority', 'group', 'type', 'level']);
export type BreakdownDimension = z.infer<typeof BreakdownDimension>;

export const KpiTimeseriesQuery = KpiSummaryQuery.and(z.object({ metric: SeriesMetric, interval: SeriesInterval.default('day') }));
export type KpiTimeseriesQuery = z.infer<typeof KpiTimeseriesQuery>;
export const KpiTimeseries = z.object({
  metric: SeriesMetric,
  interval: SeriesInterval,
  points: z.array(z.object({ at: z.string(), value: z.number() })),
});

export const KpiBreakdownQuery = KpiSummaryQuery.and(z.object({ metric: SeriesMetric, by: BreakdownDimension }));
export type KpiBreakdownQuery = z.infer<typeof KpiBreakdownQuery>;
export const KpiBreakdown = z.object({
  metric: SeriesMetric,
  by: BreakdownDimension,
  items: z.array(z.object({ key: z.string(), value: z.number() })),
});
