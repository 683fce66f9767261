import { DateTime } from 'luxon';
import { BusinessCalendar } from '../../sla/business-calendar.schema';

/** Monday to Friday, 08:00–17:00, in Paris, with the given holidays. */
export const parisOffice = (holidays: { date: string; yearly?: boolean }[] = []): BusinessCalendar =>
  BusinessCalendar.parse({
    timezone: 'Europe/Paris',
    hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day, i) => [day, i < 5 ? [['08:00', '17:00']] : []])),
    holidays,
  });

/** An instant given as Paris local time, e.g. `paris('2026-12-18T16:00')`. */
export const paris = (iso: string): Date => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toJSDate();
