import type { DayOfWeek, ScheduleSpec } from '@temporalio/client';
import { DateTime } from 'luxon';
import type { WEEKDAYS } from '../sla/weekdays';
import type { RecurrenceSchedule } from './recurring-ticket.schemas';

const DAYS: Record<(typeof WEEKDAYS)[number], DayOfWeek> = {
  mon: 'MONDAY',
  tue: 'TUESDAY',
  wed: 'WEDNESDAY',
  thu: 'THURSDAY',
  fri: 'FRIDAY',
  sat: 'SATURDAY',
  sun: 'SUNDAY',
};
const DAY_MS = 86_400_000;

/**
 * The Temporal schedule spec of a recurrence in `timezone`. Days of the week and of the month
 * follow the zone's clock, summer time included. Every N days counts whole days of 24 hours from
 * the first occurrence, so across a change of summer time its hour moves by one until the next.
 */
export function scheduleSpecOf(schedule: RecurrenceSchedule, timezone: string): ScheduleSpec {
  const [hour, minute] = schedule.time.split(':').map(Number) as [number, number];
  switch (schedule.every) {
    case 'week':
      return { calendars: [{ dayOfWeek: schedule.days.map((day) => DAYS[day]), hour, minute }], timezone };
    case 'month':
      return { calendars: [{ dayOfMonth: schedule.day, hour, minute }], timezone };
    case 'days': {
      const first = DateTime.fromISO(`${schedule.from}T${schedule.time}`, { zone: timezone }).toMillis();
      const every = schedule.interval * DAY_MS;
      return { intervals: [{ every, offset: ((first % every) + every) % every }], startAt: new Date(first), timezone };
    }
  }
}
