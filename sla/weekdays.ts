/** The days of a business calendar's week, as its hours name them (read by the web UI too). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
