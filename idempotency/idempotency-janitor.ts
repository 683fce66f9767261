import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { forgetExpiredIdempotentRequests } from './idempotent-request.repository';

const EVERY_MS = 10 * 60_000;

/** Forgets the outcomes of idempotent writes kept past their time, every few minutes until `signal` aborts. */
export async function runIdempotencyJanitor(logger: Logger, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      let forgotten = 0;
      for (
        let batch = await forgetExpiredIdempotentRequests(new Date());
        batch > 0;
        batch = await forgetExpiredIdempotentRequests(new Date())
      ) {
        forgotten += batch;
      }
      if (forgotten > 0) logger.info({ forgotten }, 'idempotency keys past their time forgotten');
    } catch (error) {
      logger.warn({ err: error }, 'idempotency keys not forgotten this time, will retry');
    }
    await sleep(EVERY_MS, undefined, { signal }).catch(() => undefined);
  }
}
