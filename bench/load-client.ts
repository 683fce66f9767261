// How the simulated people talk to the desk: as the web UI and integrations do, a write keeps one
// Idempotency-Key and is sent again until its answer is final (not 502, 503, 504, 429, 202 or a key
// still running), honouring Retry-After; every try is timed and counted by kind of request and status.
import { randomUUID } from 'node:crypto';
import { setTimeout as pause } from 'node:timers/promises';

/** Tries by status (0: no answer, the connection refused or cut) and final answers' durations, per kind of request. */
export interface KindFigures {
  statuses: Record<number, number>;
  /** From the first try to the final answer, retries included (ms). */
  durations: number[];
  /** Requests still without a final answer when the run ended. */
  unfinished: number;
  /** Final refusals (4xx) by status and error code, each with the message of its first. */
  refusals: Record<string, { count: number; message: string }>;
}

export type LoadTally = Map<string, KindFigures>;

export interface Answer {
  status: number;
  body: any;
}

// A request that got no answer is sent again after this pause.
const NO_ANSWER_PAUSE_MS = 250;

// Not final: a service out of reach (502 and 504 from the balancer), a limit, a change still
// recording, the same key still running.
const UNSETTLED_STATUSES = new Set([202, 429, 502, 503, 504]);
const isFinal = (answer: Answer) =>
  !UNSETTLED_STATUSES.has(answer.status) && !(answer.status === 409 && answer.body?.error?.code === 'request_in_progress');

// Counts a final refusal under its status and code, keeping the first one's message.
function refused(figures: KindFigures, answer: Answer): void {
  const key = `${answer.status} ${answer.body?.error?.code ?? '?'}`;
  const seen = (figures.refusals[key] ??= { count: 0, message: String(answer.body?.error?.message ?? '') });
  seen.count += 1;
}

export function loadClient(baseUrl: string, tally: LoadTally, stopAt: () => number) {
  const figuresOf = (kind: string): KindFigures => {
    let figures = tally.get(kind);
    if (!figures) tally.set(kind, (figures = { statuses: {}, durations: [], unfinished: 0, refusals: {} }));
    return figures;
  };

  /** Sends the request until its answer is final; null when the run ended first. */
  async function send(kind: string, token: string, method: string, path: string, body?: unknown): Promise<Answer | null> {
    const figures = figuresOf(kind);
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (method !== 'GET') headers['idempotency-key'] = randomUUID();
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    // Retries go on a little past the run's end, so a request cut by the last fault still gets its answer.
    while (Date.now() < stopAt() + 60_000) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      }).catch(() => null);
      if (!response) {
        figures.statuses[0] = (figures.statuses[0] ?? 0) + 1;
        await pause(NO_ANSWER_PAUSE_MS);
        continue;
      }
      const answer = { status: response.status, body: await response.json().catch(() => null) };
      figures.statuses[answer.status] = (figures.statuses[answer.status] ?? 0) + 1;
      if (isFinal(answer)) {
        figures.durations.push(performance.now() - started);
        if (answer.status >= 400) refused(figures, answer);
        return answer;
      }
      await pause(Math.min(2_000, Number(response.headers.get('retry-after') ?? 1) * 1_000 * (0.5 + Math.random())));
    }
    figures.unfinished += 1;
    return null;
  }
  return { send };
}
