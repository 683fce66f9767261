import { IANAZone } from 'luxon';
import { z } from 'zod';
import { minutesOf } from './clock-time';
import { WEEKDAYS } from './weekdays';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** A working range of one day, local time: `["08:00", "12:00"]`; `24:00` ends at midnight. */
const WorkingRange = z
  .tuple([z.string().regex(CLOCK, 'use HH:MM'), z.string().regex(CLOCK, 'use HH:MM')])
  .refine(([start, end]) => minutesOf(start) < minutesOf(end), 'a range ends after it starts');

const DayRanges = z
  .array(WorkingRange)
  .max(8)
  .refine(
    (ranges) => ranges.every((range, i) => i === 0 || minutesOf(ranges[i - 1]![1]) <= minutesOf(range[0])),
    'ranges go in order, without overlap',
  );

/** Working hours per weekday in a time zone, and holidays (a fixed date, or every year on that day). */
export const BusinessCalendar = z.object({
  timezone: z.string().refine((zone) => IANAZone.isValidZone(zone), 'use an IANA time zone, e.g. Europe/Paris'),
  hours: z.object(Object.fromEntries(WEEKDAYS.map((day) => [day, DayRanges])) as Record<(typeof WEEKDAYS)[number], typeof DayRanges>),
  holidays: z
    .array(z.object({ date: z.iso.date(), yearly: z.boolean().default(false) }))
    .max(1000)
    .default([]),
});
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;
