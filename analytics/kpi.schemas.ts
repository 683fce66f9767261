import { z } from 'zod';
import { DAY_MS, HOUR_MS } from '../core/durations';

/** A KPI question with no start covers the 30 days before its end. */
export const DEFAULT_PERIOD_MS = 30 * DAY_MS;

// ClickHouse's DateTime holds the seconds from 1970 up to 2105: a period outside would wrap around.
const LAST_TIME_MS = Date.UTC(2106, 0, 1);
const isoTime = z.iso
  .datetime({ offset: true })
  .refine((time) => Date.parse(time) >= 0 && Date.parse(time) < LAST_TIME_MS, 'give a time between 1970 and 2105');
const id = z.coerce.number().int().positive();

/** The period (default: the last 30 days) and the filters every KPI question takes. */
export const KpiQuery = z
  .object({
    from: isoTime.optional(),
    to: isoTime.optional(),
    /** A category and all the categories below it. */
    category: id.optional(),
    /** An entity and all the entities below it. */
    entity: id.optional(),
    group: id.optional(),
    priority: z.coerce.number().int().min(1).max(6).optional(),
    type: z.enum(['incident', 'request']).optional(),
    /** The technician the tickets are assigned to. */
    technician: id.optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { path: ['to'], message: 'to must be after from' });
export type KpiQuery = z.infer<typeof KpiQuery>;

const rate = z.number().min(0).max(1).nullable();

export const KpiSummary = z.object({
  from: z.string(),
  to: z.string(),
  created: z.number(),
  resolved: z.number(),
  closed: z.number(),
  /** Tickets open at `to`, neither resolved nor closed. */
  backlog: z.number(),
  escalated: z.number(),
  reopened: z.number(),
  breached: z.number(),
  mttoSeconds: z.number().nullable(),
  mttrSeconds: z.number().nullable(),
  mttoWorkingMinutes: z.number().nullable(),
  mttrWorkingMinutes: z.number().nullable(),
  slaCompliance: rate,
  ttoCompliance: rate,
  ttrCompliance: rate,
  reopenRate: rate,
  fcrRate: rate,
  /** Resolved tickets escalated at least once ÷ resolved tickets. */
  escalationRate: rate,
  satisfaction: z.number().nullable(),
});
export type KpiSummary = z.infer<typeof KpiSummary>;

/** Every figure of the summary, by name: what a time series or a breakdown can show. */
export const KpiMetric = z.enum([
  'created',
  'resolved',
  'closed',
  'escalated',
  'reopened',
  'breached',
  'backlog',
  'mttoSeconds',
  'mttrSeconds',
  'mttoWorkingMinutes',
  'mttrWorkingMinutes',
  'slaCompliance',
  'ttoCompliance',
  'ttrCompliance',
  'reopenRate',
  'fcrRate',
  'escalationRate',
  'satisfaction',
]);
export type KpiMetric = z.infer<typeof KpiMetric>;
export const SeriesInterval = z.enum(['hour', 'day', 'week', 'month']);
/** `manufacturer` and `model` are those of the assets a ticket concerns ("maker model"); a ticket about none is in neither. */
export const BreakdownDimension = z.enum([
  'category',
  'priority',
  'group',
  'type',
  'entity',
  'level',
  'source',
  'technician',
  'manufacturer',
  'model',
]);
/** The backlog is a point in time, not a count over a period: a breakdown cannot split it. */
export const BreakdownMetric = KpiMetric.exclude(['backlog']);
export type BreakdownMetric = z.infer<typeof BreakdownMetric>;

/** The most points a series has: a period of years by the hour would be millions. */
export const MAX_SERIES_POINTS = 10_000;
// The shortest bucket of each interval (a month of February), so that no period can exceed the bound.
const BUCKET_MS = { hour: HOUR_MS, day: DAY_MS, week: 7 * DAY_MS, month: 28 * DAY_MS };

// The period as the KPI routes read it: up to now, and 30 days long, unless told otherwise.
function periodMs(query: { from?: string; to?: string }): number {
  const to = query.to ? Date.parse(query.to) : Date.now();
  return to - (query.from ? Date.parse(query.from) : to - DEFAULT_PERIOD_MS);
}

export const KpiTimeseriesQuery = KpiQuery.and(z.object({ metric: KpiMetric, interval: SeriesInterval.default('day') })).refine(
  (q) => periodMs(q) / BUCKET_MS[q.interval] <= MAX_SERIES_POINTS,
  { path: ['from'], message: `a series holds at most ${MAX_SERIES_POINTS} points: shorten the period or take a longer interval` },
);
export type KpiTimeseriesQuery = z.infer<typeof KpiTimeseriesQuery>;
export const KpiPoint = z.object({ at: z.string(), value: z.number().nullable() });
export const KpiTimeseries = z.object({ metric: KpiMetric, interval: SeriesInterval, points: z.array(KpiPoint) });
export type KpiTimeseries = z.infer<typeof KpiTimeseries>;

export const KpiBreakdownQuery = KpiQuery.and(z.object({ metric: BreakdownMetric, by: BreakdownDimension }));
export type KpiBreakdownQuery = z.infer<typeof KpiBreakdownQuery>;
export const KpiBreakdownItem = z.object({ key: z.string(), value: z.number().nullable() });
export const KpiBreakdown = z.object({ metric: BreakdownMetric, by: BreakdownDimension, items: z.array(KpiBreakdownItem) });
export type KpiBreakdown = z.infer<typeof KpiBreakdown>;

/** Tickets created per weekday (1 = Monday) and hour of the day, in UTC. */
export const KpiHeatmapCell = z.object({ weekday: z.number().int(), hour: z.number().int(), value: z.number() });
export const KpiHeatmap = z.object({ items: z.array(KpiHeatmapCell) });
export type KpiHeatmap = z.infer<typeof KpiHeatmap>;

export const KpiSatisfaction = z.object({
  mean: z.number().nullable(),
  items: z.array(z.object({ rating: z.number().int(), count: z.number() })),
});
export type KpiSatisfaction = z.infer<typeof KpiSatisfaction>;

export const KpiWorkloadItem = z.object({
  technician: z.number(),
  name: z.string(),
  /** Tickets in the backlog assigned to the technician now. */
  open: z.number(),
  /** Tickets the technician resolved in the period. */
  resolved: z.number(),
});
export const KpiWorkload = z.object({ items: z.array(KpiWorkloadItem) });
export type KpiWorkload = z.infer<typeof KpiWorkload>;

export const KpiRecurringQuery = KpiQuery.and(
  z.object({
    /** Incidents of one category at one location, at least this many… */
    minCount: z.coerce.number().int().min(2).max(1000).default(3),
    /** …within a window of this many days (windows follow each other from the period's start). */
    windowDays: z.coerce.number().int().min(1).max(366).default(7),
  }),
);
export type KpiRecurringQuery = z.infer<typeof KpiRecurringQuery>;
export const KpiRecurringItem = z.object({
  category: z.string(),
  location: z.string(),
  windowStart: z.string(),
  count: z.number(),
  tickets: z.array(z.number()),
});
export const KpiRecurring = z.object({ items: z.array(KpiRecurringItem) });
export type KpiRecurring = z.infer<typeof KpiRecurring>;
