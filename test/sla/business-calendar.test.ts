import fc from 'fast-check';
import { DateTime } from 'luxon';
import { paris, parisOffice as office } from '../support/calendars';
import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, ALWAYS_OPEN, nextWorkingPeriods, WEEKDAYS, workingMinutesBetween } from '../../sla/business-calendar';
import { BusinessCalendar } from '../../sla/business-calendar.schema';

const local = (date: Date) => DateTime.fromJSDate(date, { zone: 'Europe/Paris' }).toFormat('ccc yyyy-MM-dd HH:mm');

describe('business calendar', () => {
  it('previews the next working periods from now, the one under way cut at now, holidays and weekends left out', () => {
    const calendar = office([{ date: '2026-12-25', yearly: true }]);
    const periods = nextWorkingPeriods(calendar, paris('2026-12-24T16:00'), 3).map(
      ({ start, end }) => `${local(new Date(start))} → ${local(new Date(end)).slice(-5)}`,
    );
    expect(periods).toEqual(['Thu 2026-12-24 16:00 → 17:00', 'Mon 2026-12-28 08:00 → 17:00', 'Tue 2026-12-29 08:00 → 17:00']);
  });

  it('counts 1 h on Friday and 7 h on Tuesday when Monday is a holiday', () => {
    const calendar = office([{ date: '2026-12-21' }]);
    const opened = paris('2026-12-18T16:00');
    expect(local(addWorkingMinutes(calendar, opened, 8 * 60))).toBe('Tue 2026-12-22 15:00');
    expect(local(addWorkingMinutes(calendar, opened, 6 * 60))).toBe('Tue 2026-12-22 13:00');
  });

  it('gives the same local times across a daylight-saving change', () => {
    const calendar = office([{ date: '2026-10-26' }]);
    const opened = paris('2026-10-23T16:00');
    expect(local(addWorkingMinutes(calendar, opened, 8 * 60))).toBe('Tue 2026-10-27 15:00');
    expect(local(addWorkingMinutes(calendar, opened, 6 * 60))).toBe('Tue 2026-10-27 13:00');
  });

  it('skips yearly holidays in any year, and several ranges a day', () => {
    const calendar = BusinessCalendar.parse({
      ...office(),
      hours: {
        ...office().hours,
        thu: [
          ['08:00', '12:00'],
          ['13:30', '17:30'],
        ],
      },
      holidays: [{ date: '2020-12-24', yearly: true }],
    });
    // Wednesday 23 December 2026, 16:00: 1 h that day, Thursday 24 is off, then Friday.
    expect(local(addWorkingMinutes(calendar, paris('2026-12-23T16:00'), 120))).toBe('Fri 2026-12-25 09:00');
    expect(workingMinutesBetween(calendar, paris('2026-12-31T07:00'), paris('2026-12-31T18:00'))).toBe(8 * 60);
  });

  it('refuses ranges that overlap or end before they start, and unknown time zones', () => {
    expect(BusinessCalendar.safeParse({ ...office(), timezone: 'Mars/Olympus' }).success).toBe(false);
    expect(BusinessCalendar.safeParse({ ...office(), hours: { ...office().hours, mon: [['12:00', '08:00']] } }).success).toBe(false);
    expect(
      BusinessCalendar.safeParse({
        ...office(),
        hours: {
          ...office().hours,
          mon: [
            ['08:00', '12:00'],
            ['11:00', '14:00'],
          ],
        },
      }).success,
    ).toBe(false);
  });

  it('keeps its promise: working time from start to due, less the paused working time, is the duration', () => {
    const range = fc
      .tuple(fc.integer({ min: 0, max: 22 }), fc.integer({ min: 1, max: 10 }))
      .map(
        ([start, length]) =>
          [`${String(start).padStart(2, '0')}:00`, `${String(Math.min(24, start + length)).padStart(2, '0')}:00`] as [string, string],
      );
    const calendar = fc
      .record({
        timezone: fc.constantFrom('Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'UTC'),
        days: fc.array(fc.option(range, { nil: null }), { minLength: 7, maxLength: 7 }),
      })
      .filter(({ days }) => days.some((day) => day !== null))
      .map(({ timezone, days }) =>
        BusinessCalendar.parse({
          timezone,
          hours: Object.fromEntries(WEEKDAYS.map((day, i) => [day, days[i] ? [days[i]] : []])),
          holidays: [],
        }),
      );
    fc.assert(
      fc.property(
        calendar,
        fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 5_000 })), { maxLength: 3 }),
        (cal, start, duration, pauses) => {
          // Walk the clock: run until the next pause, wait (paused), then run again with what was left.
          let at = start;
          let left = duration;
          let pausedWorking = 0;
          for (const [runMinutes, waitMinutes] of pauses) {
            const pauseAt = new Date(at.getTime() + runMinutes * 60_000);
            const due = addWorkingMinutes(cal, at, left);
            if (pauseAt >= due) break;
            left -= workingMinutesBetween(cal, at, pauseAt);
            const resumeAt = new Date(pauseAt.getTime() + waitMinutes * 60_000);
            pausedWorking += workingMinutesBetween(cal, pauseAt, resumeAt);
            at = resumeAt;
          }
          const due = addWorkingMinutes(cal, at, left);
          expect(Math.round(workingMinutesBetween(cal, start, due) - pausedWorking)).toBe(duration);
        },
      ),
      { numRuns: 200 },
    );
    expect(addWorkingMinutes(ALWAYS_OPEN, new Date('2026-01-01T00:00:00Z'), 90).toISOString()).toBe('2026-01-01T01:30:00.000Z');
  });
});
