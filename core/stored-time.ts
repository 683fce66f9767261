import { z } from 'zod';

// MariaDB's DATETIME holds the years 1000 to 9999: a time outside them cannot be stored, and a
// filter on one would compare with nothing.
const FIRST_STORED_MS = Date.UTC(1000, 0, 1);
const PAST_LAST_STORED_MS = Date.UTC(10_000, 0, 1);

/**
 * An ISO 8601 time with its offset, within the years MariaDB stores and compares.
 * @example storedTime.parse('2026-03-01T09:00:00+01:00') // ok; '9999-12-31T23:00:00-05:00' (year 10000) is refused
 */
export const storedTime = z.iso
  .datetime({ offset: true })
  .refine(
    (time) => Date.parse(time) >= FIRST_STORED_MS && Date.parse(time) < PAST_LAST_STORED_MS,
    'give a time between the years 1000 and 9999',
  );

/**
 * A zod check that a period's end comes after its start, reported on the end's field; a period
 * missing either end passes (whether both are needed is the schema's own rule).
 * @example z.object({ start: storedTime, end: storedTime }).superRefine(endsAfterStart('start', 'end'))
 */
export function endsAfterStart<K extends string>(start: K, end: K) {
  return (period: Partial<Record<K, string>>, context: z.RefinementCtx): void => {
    const [from, to] = [period[start], period[end]];
    if (from !== undefined && to !== undefined && !(Date.parse(to) > Date.parse(from))) {
      context.addIssue({ code: 'custom', path: [end], message: `${end} must be after ${start}` });
    }
  };
}
