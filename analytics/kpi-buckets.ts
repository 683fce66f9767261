import { DAY_MS, HOUR_MS } from '../core/durations';
import { toClickhouseTime } from './clickhouse-time';
import type { KpiInterval } from './kpi-keys';

/** The start (UTC) of the bucket of `interval` that `date` falls in; weeks start on Monday. */
export function bucketStart(date: Date, interval: KpiInterval): Date {
  const t = date.getTime();
  if (interval === 'hour') return new Date(t - (t % HOUR_MS));
  const day = new Date(t - (t % DAY_MS));
  if (interval === 'day') return day;
  if (interval === 'week') return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
}

function nextBucket(start: Date, interval: KpiInterval): Date {
  if (interval === 'hour') return new Date(start.getTime() + HOUR_MS);
  if (interval === 'day') return new Date(start.getTime() + DAY_MS);
  if (interval === 'week') return new Date(start.getTime() + 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/**
 * The buckets that meet `[from, to)`, oldest first, each as ClickHouse writes its start
 * ('YYYY-MM-DD hh:mm:ss', UTC).
 * @example bucketsOf(new Date('2026-11-30T12:00Z'), new Date('2026-12-02T00:00Z'), 'day') // ['2026-11-30 00:00:00', '2026-12-01 00:00:00']
 */
export function bucketsOf(from: Date, to: Date, interval: KpiInterval): string[] {
  const buckets: string[] = [];
  for (let start = bucketStart(from, interval); start < to; start = nextBucket(start, interval)) {
    buckets.push(toClickhouseTime(start));
  }
  return buckets;
}

/** The period widened to whole days, so that the daily aggregate answers it. */
export const wholeDays = (from: Date, to: Date): { from: Date; to: Date } => ({
  from: bucketStart(from, 'day'),
  to: to.getTime() % DAY_MS === 0 ? to : new Date(bucketStart(to, 'day').getTime() + DAY_MS),
});
