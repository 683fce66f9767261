/** What a licence's renewal clock needs: when it expires, and how many days before to alert. */
export interface LicenceTerms {
  /** The last day it is valid (YYYY-MM-DD), or null when it does not expire. */
  expiresOn: string | null;
  /** Days before expiry to alert, each once. */
  alertDays: number[];
}

/** The days before expiry an entity's licences alert, unless one says otherwise. */
export const DEFAULT_ALERT_DAYS = [30, 7];

/** An alert is sent at this hour (UTC) of its day: early in the European morning. */
const ALERT_HOUR_UTC = 6;
const DAY_MS = 86_400_000;

/** The key of one alert: a threshold of one expiry date, so that a renewed licence alerts again. */
export const alertKey = (thresholdDays: number, expiresOn: string) => `${expiresOn}/${thresholdDays}`;

/** The next alert the terms call for, and the thresholds it makes pointless to send (see below). */
export interface NextLicenceAlert {
  thresholdDays: number;
  at: Date;
  /** Thresholds already past along with this one: a licence recorded late alerts for the nearest only. */
  superseded: number[];
}

/**
 * The next alert the terms call for that is not among `sent`, as of `now`: when thresholds are
 * past (a licence recorded or renewed late), the nearest of them, at once; else the next to come.
 * None once the licence has expired, nor for one that does not expire.
 * @example nextLicenceAlert({ expiresOn: '2027-01-31', alertDays: [30, 7] }, [], new Date('2026-12-06')) // { thresholdDays: 30, at: 2027-01-01T06:00Z, superseded: [] }
 */
export function nextLicenceAlert(terms: LicenceTerms, sent: readonly string[], now: Date): NextLicenceAlert | null {
  if (terms.expiresOn === null) return null;
  const expiresOn = terms.expiresOn;
  const expiry = Date.parse(`${expiresOn}T00:00:00Z`);
  if (expiry <= now.getTime()) return null;
  const unsent = [...new Set(terms.alertDays)]
    .filter((days) => !sent.includes(alertKey(days, expiresOn)))
    .map((days) => ({ thresholdDays: days, at: new Date(expiry - days * DAY_MS + ALERT_HOUR_UTC * 3_600_000) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const past = unsent.filter((alert) => alert.at.getTime() <= now.getTime());
  if (past.length > 0) {
    const nearest = past.at(-1)!;
    return { ...nearest, superseded: past.slice(0, -1).map((alert) => alert.thresholdDays) };
  }
  return unsent[0] ? { ...unsent[0], superseded: [] } : null;
}
