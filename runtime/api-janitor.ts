import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { forgetExpiredIdempotentRequests } from '../idempotency/idempotent-request.repository';
import { purgeEndedCounters } from '../limits/rate-limit-counter.repository';
import { forgetEndedGlpiSessions } from '../glpi/glpi-session.repository';

const EVERY_MS = 10 * 60_000;
// A rate-limit counter is kept a while past its window: it costs nothing and reads well when looking into a 429.
const COUNTERS_KEPT_MS = 60 * 60_000;

// Deletes what `forget` finds, a batch at a time, until none is left; answers how many went.
async function forgetAll(forget: () => Promise<number>): Promise<number> {
  let forgotten = 0;
  for (let batch = await forget(); batch > 0; batch = await forget()) forgotten += batch;
  return forgotten;
}

/**
 * Every few minutes until `signal` aborts: forgets the outcomes of idempotent writes kept past
 * their time, the rate-limit counters whose window ended long ago and the GLPI sessions over.
 */
export async function runApiJanitor(logger: Logger, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      const keys = await forgetAll(() => forgetExpiredIdempotentRequests(new Date()));
      const counters = await forgetAll(() => purgeEndedCounters(new Date(Date.now() - COUNTERS_KEPT_MS)));
      const sessions = await forgetAll(() => forgetEndedGlpiSessions(new Date()));
      if (keys + counters + sessions > 0)
        logger.info({ keys, counters, sessions }, 'idempotency keys, rate-limit counters and sessions past their time forgotten');
    } catch (error) {
      logger.warn({ err: error }, 'idempotency keys, rate-limit counters and sessions not forgotten this time, will retry');
    }
    await sleep(EVERY_MS, undefined, { signal }).catch(() => undefined);
  }
}
