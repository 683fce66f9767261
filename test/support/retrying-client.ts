// A client as integrations and the web UI are: it sends a write with one Idempotency-Key and sends
// it again with the same key until the answer is final.
import { randomUUID } from 'node:crypto';
import { setTimeout as pause } from 'node:timers/promises';
import { expect } from 'vitest';
import type { ApiResponse } from './stack';

/** Answers counted by status, over every try; 0 counts the tries that got no answer (connection refused or cut). */
export type Tally = Record<number, number>;

const NO_ANSWER_PAUSE_MS = 200;

const stillRunning = (answer: ApiResponse) =>
  answer.status === 409 && (answer.body as { error?: { code?: string } } | null)?.error?.code === 'request_in_progress';

/** Sends the request with one key until the answer is final, counting every answer; returns the final one. */
export async function untilFinal(tally: Tally, send: (headers: Record<string, string>) => Promise<ApiResponse>): Promise<ApiResponse> {
  const headers = { 'Idempotency-Key': randomUUID() };
  for (;;) {
    const answer = await send(headers).catch(() => null);
    if (!answer) {
      tally[0] = (tally[0] ?? 0) + 1;
      await pause(NO_ANSWER_PAUSE_MS);
      continue;
    }
    tally[answer.status] = (tally[answer.status] ?? 0) + 1;
    if (answer.status !== 503 && answer.status !== 202 && !stillRunning(answer)) return answer;
    if (answer.status === 202) expect(answer.headers.get('location')).toMatch(/^\/api\/v1\/tickets\/\d+$/);
    else expect(answer.headers.get('retry-after'), `${answer.status} without Retry-After`).toBeTruthy();
    // A client's backoff, capped so the test stays short.
    await pause(Math.min(1_000, Number(answer.headers.get('retry-after') ?? 1) * 1_000));
  }
}

/** When the service came back, and how long after it the clients had their first final answer. */
export function recoveryWatch() {
  let backAt = 0;
  let firstAnswerAfterMs: number | null = null;
  return {
    back(): void {
      backAt = Date.now();
    },
    answered(): void {
      if (backAt && firstAnswerAfterMs === null) firstAnswerAfterMs = Date.now() - backAt;
    },
    get firstAnswerAfterMs(): number | null {
      return firstAnswerAfterMs;
    },
  };
}
