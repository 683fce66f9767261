import { toClickhouseTime } from './clickhouse-time';
import { quoteClickhouse } from './clickhouse';

/** A KPI question's period `[from, to)` and filters; each filter applies to the ticket's values at each event. */
export interface KpiFilters {
  from: Date;
  to: Date;
  /** Category ids, any of which counts (a category with the categories below it). */
  categories?: number[];
  /** Entity ids, any of which counts (an entity with the entities below it). */
  entities?: number[];
  group?: number;
  priority?: number;
  type?: 'incident' | 'request';
  /** The technician the ticket is assigned to. */
  technician?: number;
}

/** A time as a ClickHouse DateTime expression; event times are stored to the second. */
export const clickhouseTime = (date: Date): string => `toDateTime(${quoteClickhouse(toClickhouseTime(date))})`;

const SECOND_MS = 1000;

/**
 * A period in whole seconds, as event times are stored: `from` rounded down and `to` up, so an
 * event of the current second is inside a period that ends now.
 */
export const periodInSeconds = (from: Date, to: Date): { from: Date; to: Date } => ({
  from: new Date(Math.floor(from.getTime() / SECOND_MS) * SECOND_MS),
  to: new Date(Math.ceil(to.getTime() / SECOND_MS) * SECOND_MS),
});

const ids = (values: number[]): string => values.map((id) => String(Math.trunc(id))).join(', ');

/**
 * The filters as SQL conditions on the columns `ticket_events`, `kpi_daily`, `ticket_state` and
 * `ticket_resolutions` share (`assignee_id` is not in `kpi_daily`: a technician filter reads the raw events).
 */
export function dimensionConditions(filters: KpiFilters): string[] {
  return [
    filters.categories ? `category IN (${filters.categories.map((id) => quoteClickhouse(String(Math.trunc(id)))).join(', ')})` : null,
    // No entity at all (a user who reads none of the asked ones) matches nothing.
    filters.entities ? (filters.entities.length > 0 ? `entity_id IN (${ids(filters.entities)})` : '0') : null,
    filters.group !== undefined ? `group_id = ${Math.trunc(filters.group)}` : null,
    filters.priority !== undefined ? `priority = ${Math.trunc(filters.priority)}` : null,
    filters.type ? `ticket_type = ${quoteClickhouse(filters.type)}` : null,
    filters.technician !== undefined ? `assignee_id = ${Math.trunc(filters.technician)}` : null,
  ].filter((condition): condition is string => condition !== null);
}

/** `conditions` joined for a WHERE clause that already has one condition. */
export const andAll = (conditions: string[]): string => conditions.map((condition) => ` AND ${condition}`).join('');

/** The events of the period that the filters keep (`ticket_events`, `ticket_resolutions`). */
export const eventsOfPeriod = (filters: KpiFilters): string =>
  `at >= ${clickhouseTime(filters.from)} AND at < ${clickhouseTime(filters.to)}${andAll(dimensionConditions(filters))}`;

/** The days of the period that the filters keep (`kpi_daily`). */
export const daysOfPeriod = (filters: KpiFilters): string =>
  `day >= toDate(${clickhouseTime(filters.from)}) AND day < toDate(${clickhouseTime(filters.to)})${andAll(dimensionConditions(filters))}`;
