import type { IncrementResponse, Options, Store } from 'express-rate-limit';
import { countHit, forgetCounter, uncountHit } from '../limits/rate-limit-counter.repository';

/**
 * express-rate-limit's counters kept in MariaDB: every API process counts in the same rows, so N
 * processes behind a balancer enforce one limit. `prefix` keeps each limiter's clients apart.
 */
export class MariadbRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(readonly prefix: string) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const { hits, resetAt } = await countHit(this.prefix + key, this.windowMs);
    return { totalHits: hits, resetTime: resetAt };
  }

  decrement = (key: string): Promise<void> => uncountHit(this.prefix + key);

  resetKey = (key: string): Promise<void> => forgetCounter(this.prefix + key);
}
