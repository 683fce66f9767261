/**
 * A time as ClickHouse's DateTime columns write and read it: 'YYYY-MM-DD hh:mm:ss', UTC, which
 * ClickHouse 18.16 and 24.x alike understand.
 * @example toClickhouseTime(new Date('2026-12-01T08:30:00Z')) // '2026-12-01 08:30:00'
 */
export const toClickhouseTime = (date: Date): string => date.toISOString().slice(0, 19).replace('T', ' ');
