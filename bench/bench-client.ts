import { readFileSync } from 'node:fs';

/** Where the benchmarks send their load: a running guichet (npm start), on this machine only. */
export const BASE_URL = process.env['GUICHET_BENCH_URL'] ?? 'http://127.0.0.1:3000';

const demoPassword = (): string => process.env['GUICHET_DEMO_PASSWORD'] ?? readFileSync('.data/demo-password', 'utf8').trim();

export async function call(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${BASE_URL}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/**
 * A token of the demo user playing `role`: GUICHET_BENCH_REQUESTER_TOKEN or GUICHET_BENCH_TECHNICIAN_TOKEN
 * when set (a session of another desk's), else a login as alice or tech1.
 */
export async function benchToken(role: 'requester' | 'technician'): Promise<string> {
  const given = process.env[`GUICHET_BENCH_${role.toUpperCase()}_TOKEN`];
  return given ?? loginAs(role === 'requester' ? 'alice' : 'tech1');
}

export async function loginAs(login: string): Promise<string> {
  const response = await call('POST', '/api/v1/auth/login', undefined, { login, password: demoPassword() });
  if (response.status !== 200) throw new Error(`cannot log in as ${login}: ${response.status}; is npm start running?`);
  return response.body.token;
}

export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export const median = (values: number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** Runs `task` `total` times with `concurrency` in flight; returns each call's duration (ms) and the wall time. */
export async function runConcurrently(total: number, concurrency: number, task: (i: number) => Promise<void>) {
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        durations.push(performance.now() - t0);
      }
    }),
  );
  return { durations: durations.sort((a, b) => a - b), wallMs: performance.now() - started };
}

export const newIncident = (i: number) => ({
  title: `Bench ${i}: mon PC rame`,
  description: 'Benchmark ticket',
  type: 'incident',
  urgency: 3,
  impact: 2,
});
