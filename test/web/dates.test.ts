import { describe, expect, it } from 'vitest';

type Format = (at: string | number, locale: string) => string;

/** The module of web/src, which the server's type check does not read. */
const { dateTime, dayMonth, shortDateTime, timeOfDay } = (await import(new URL('../../web/src/dates.js', import.meta.url).href)) as Record<
  'dateTime' | 'dayMonth' | 'shortDateTime' | 'timeOfDay',
  Format
>;

const AT = '2026-12-04T09:05:07Z';

describe('the web UI date formats', () => {
  it.each(['fr-FR', 'en-GB'])('writes a time of day in %s on a 24-hour clock, as the browser does by default', (locale) => {
    expect(timeOfDay(AT, locale)).toBe(new Date(AT).toLocaleTimeString(locale));
    expect(timeOfDay(AT, locale)).toMatch(/^\d{2}:05:07$/);
  });

  it.each(['fr-FR', 'en-GB'])('writes dates in %s in full, short, and as a day and month', (locale) => {
    expect(dateTime(AT, locale)).toBe(new Date(AT).toLocaleString(locale));
    expect(shortDateTime(AT, locale)).toMatch(/^04\/12\/2026,? \d{2}:05$/);
    expect(dayMonth('2026-12-04', locale)).toBe('04/12');
  });
});
