/**
 * What KPI figures are grouped by: the whole period, a time bucket, or a ticket's dimension. Each
 * key is an SQL expression over the raw events (and `ticket_resolutions`, which share their
 * column names), and over `kpi_daily` where that table holds it.
 */
export interface KpiKey {
  event: string;
  daily: string | null;
}

export const TOTAL_KEY: KpiKey = { event: "''", daily: "''" };

export type KpiInterval = 'hour' | 'day' | 'week' | 'month';

// Buckets as 'YYYY-MM-DD hh:mm:ss' text in UTC; weeks start on Monday.
const BUCKETS: Record<KpiInterval, KpiKey> = {
  hour: { event: 'toString(toStartOfHour(at))', daily: null },
  day: { event: 'toString(toStartOfDay(at))', daily: 'toString(toDateTime(day))' },
  week: { event: 'toString(toDateTime(toMonday(at)))', daily: 'toString(toDateTime(toMonday(day)))' },
  month: { event: 'toString(toDateTime(toStartOfMonth(at)))', daily: 'toString(toDateTime(toStartOfMonth(day)))' },
};
export const bucketKey = (interval: KpiInterval): KpiKey => BUCKETS[interval];

export type KpiDimension =
  'category' | 'priority' | 'group' | 'type' | 'entity' | 'level' | 'source' | 'technician' | 'manufacturer' | 'model';

const column = (name: string, inDaily: boolean): KpiKey => ({ event: `toString(${name})`, daily: inDaily ? `toString(${name})` : null });
// A ticket counts once for each maker or model of the assets it concerns; one without any is left out.
const eachOf = (array: string): KpiKey => ({ event: `arrayJoin(${array})`, daily: null });
const DIMENSIONS: Record<KpiDimension, KpiKey> = {
  category: column('category', true),
  priority: column('priority', true),
  group: column('group_id', true),
  type: column('ticket_type', true),
  entity: column('entity_id', true),
  level: column('level', false),
  source: column('source', false),
  technician: column('assignee_id', false),
  manufacturer: eachOf('asset_manufacturers'),
  model: eachOf('asset_models'),
};
export const dimensionKey = (dimension: KpiDimension): KpiKey => DIMENSIONS[dimension];
