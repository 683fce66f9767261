// Dates and times as the user's language writes them, the same on every page.

/** A date and time in full, as on the ticket list and page: `04/12/2026 11:05:09`. */
export const dateTime = (at, locale) => new Date(at).toLocaleString(locale);

/** A day, date and time in a time zone of its own, as a recurring ticket's next ones: `lun. 07/12/2026 08:00 (Europe/Paris)`. */
export const zonedDateTime = (at, locale, timeZone) =>
  `${new Date(at).toLocaleString(locale, { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone })} (${timeZone})`;

/** A date and time, short, as on the lifecycle pages: `04/12/2026 11:05`. */
export const shortDateTime = (at, locale) => new Date(at).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });

/** A UTC day (`2026-12-04`) as its day and month, as on the dashboards' axis: `04/12`. */
export const dayMonth = (day, locale) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(locale, { day: '2-digit', month: '2-digit', timeZone: 'UTC' });

/** The time of day on a 24-hour clock, as in "updated at": `11:05:09`. */
export const timeOfDay = (at, locale) =>
  new Date(at).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
