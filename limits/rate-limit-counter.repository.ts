import { Op, QueryTypes } from 'sequelize';
import { RateLimitCounterRow } from './rate-limit.models';

const sequelize = () => RateLimitCounterRow.sequelize!;

/**
 * Counts one request of `key` in its window of `windowMs`, a new window starting when the last
 * one has ended; answers the hits so far and when the window ends. The database's clock decides,
 * so every process counts alike.
 */
export async function countHit(key: string, windowMs: number): Promise<{ hits: number; resetAt: Date }> {
  const microseconds = Math.round(windowMs * 1000);
  // One statement, the counter as it is after this hit (RETURNING gives the row as updated).
  const [row] = await sequelize().query<{ hits: number; reset_at: Date }>(
    'INSERT INTO rate_limit_counters (counter_key, hits, reset_at) VALUES (?, 1, NOW(3) + INTERVAL ? MICROSECOND) ' +
      'ON DUPLICATE KEY UPDATE hits = IF(reset_at <= NOW(3), 1, hits + 1), reset_at = IF(reset_at <= NOW(3), VALUES(reset_at), reset_at) ' +
      'RETURNING hits, reset_at',
    { replacements: [key, microseconds], type: QueryTypes.SELECT },
  );
  return { hits: Number(row!.hits), resetAt: new Date(row!.reset_at) };
}

/** Takes back one request of `key` (one the limiter chose not to count). */
export async function uncountHit(key: string): Promise<void> {
  await RateLimitCounterRow.decrement('hits', { where: { counter_key: key, hits: { [Op.gt]: 0 } } });
}

export async function forgetCounter(key: string): Promise<void> {
  await RateLimitCounterRow.destroy({ where: { counter_key: key } });
}

/** Removes up to `batch` counters whose window ended before `before`; answers how many. */
export async function purgeEndedCounters(before: Date, batch = 1000): Promise<number> {
  return RateLimitCounterRow.destroy({ where: { reset_at: { [Op.lt]: before } }, limit: batch });
}
