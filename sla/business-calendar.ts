import { DateTime } from 'luxon';
import type { BusinessCalendar } from './business-calendar.schema';
import { minutesOf } from './clock-time';
import { WEEKDAYS } from './weekdays';

export { WEEKDAYS };
export type { BusinessCalendar };

/** Every hour of every day, in UTC: the calendar of an SLA that names none. */
export const ALWAYS_OPEN: BusinessCalendar = {
  timezone: 'UTC',
  hours: Object.fromEntries(WEEKDAYS.map((day) => [day, [['00:00', '24:00']]])) as BusinessCalendar['hours'],
  holidays: [],
};

// A calendar without a single working minute in ten years has no answer.
const HORIZON_DAYS = 3_660;

const isHoliday = (calendar: BusinessCalendar, day: DateTime): boolean => {
  const date = day.toISODate()!;
  return calendar.holidays.some((holiday) => holiday.date === date || (holiday.yearly && holiday.date.slice(5) === date.slice(5)));
};

/** The working intervals (epoch ms) from `from` on, in order, the first one clipped to start at `from`. */
export function* workingIntervals(calendar: BusinessCalendar, from: Date): Generator<[number, number]> {
  const start = from.getTime();
  let day = DateTime.fromMillis(start, { zone: calendar.timezone }).startOf('day');
  for (let n = 0; n < HORIZON_DAYS; n += 1, day = day.plus({ days: 1 })) {
    if (isHoliday(calendar, day)) continue;
    for (const [open, close] of calendar.hours[WEEKDAYS[day.weekday - 1]!]) {
      const begins = day.plus({ minutes: minutesOf(open) }).toMillis();
      const ends = close === '24:00' ? day.plus({ days: 1 }).toMillis() : day.plus({ minutes: minutesOf(close) }).toMillis();
      if (ends > start) yield [Math.max(begins, start), ends];
    }
  }
  throw new RangeError('this calendar has no working time within ten years');
}

/** The next `count` working periods from `from` (the first one starting at `from` when it is under way). */
export function nextWorkingPeriods(calendar: BusinessCalendar, from: Date, count: number): { start: string; end: string }[] {
  const periods: { start: string; end: string }[] = [];
  for (const [start, end] of workingIntervals(calendar, from)) {
    periods.push({ start: new Date(start).toISOString(), end: new Date(end).toISOString() });
    if (periods.length === count) break;
  }
  return periods;
}

/** Whether the calendar has a working minute within ten years of `from`: without one, it cannot time an SLA. */
export function hasWorkingTime(calendar: BusinessCalendar, from = new Date()): boolean {
  try {
    workingIntervals(calendar, from).next();
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

const MINUTE = 60_000;

/**
 * The instant `minutes` working minutes after `from`.
 * @example addWorkingMinutes(ALWAYS_OPEN, new Date('2026-01-01T00:00:00Z'), 90) // 2026-01-01T01:30:00Z
 */
export function addWorkingMinutes(calendar: BusinessCalendar, from: Date, minutes: number): Date {
  let left = minutes * MINUTE;
  if (left <= 0) return from;
  for (const [start, end] of workingIntervals(calendar, from)) {
    if (end - start >= left) return new Date(start + left);
    left -= end - start;
  }
  throw new RangeError('unreachable: workingIntervals ends by throwing');
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function workingMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  let total = 0;
  if (to.getTime() <= from.getTime()) return 0;
  for (const [start, end] of workingIntervals(calendar, from)) {
    if (start >= to.getTime()) break;
    total += Math.min(end, to.getTime()) - start;
  }
  return total / MINUTE;
}
