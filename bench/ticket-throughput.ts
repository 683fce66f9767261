// Ticket creations per second and transition round-trip latency (p50/p99) at concurrency 1, 16
// and 64 (GUICHET_BENCH_LEVELS), against a running guichet (npm start). Bounded: at least
// GUICHET_BENCH_TICKETS tickets (50), and six per concurrent client, per level and round.
import { benchToken, call, newIncident, percentile, runConcurrently } from './bench-client';

const LEVELS = (process.env['GUICHET_BENCH_LEVELS'] ?? '1,16,64').split(',').map(Number);
const ROUNDS = Number(process.env['GUICHET_BENCH_ROUNDS'] ?? 3);
const TICKETS = Number(process.env['GUICHET_BENCH_TICKETS'] ?? 50);
const requester = await benchToken('requester');
const technician = await benchToken('technician');

const expectOk = (status: number, what: string) => {
  if (status !== 200 && status !== 201) throw new Error(`${what} answered ${status}`);
};

console.log('level  round  creations/s  create p50 ms  create p99 ms  transitions/s  transition p50 ms  transition p99 ms');
for (const concurrency of LEVELS) {
  for (let round = 1; round <= ROUNDS; round += 1) {
    const total = Math.max(TICKETS, concurrency * 6);
    const ids: number[] = [];
    const creation = await runConcurrently(total, concurrency, async (i) => {
      const response = await call('POST', '/api/v1/tickets', requester, newIncident(i));
      expectOk(response.status, 'create');
      ids.push(response.body.id);
    });
    // Each ticket takes assign → pend → resume → resolve, its steps one after the other;
    // `concurrency` tickets are worked at once, and every step's round trip is timed.
    const steps: [string, object][] = [
      ['assign', {}],
      ['pend', { reason: 'bench' }],
      ['resume', {}],
      ['resolve', { solution: 'bench' }],
    ];
    const stepDurations: number[] = [];
    const worked = await runConcurrently(ids.length, concurrency, async (i) => {
      for (const [action, body] of steps) {
        const t0 = performance.now();
        const response = await call('POST', `/api/v1/tickets/${ids[i]}/actions/${action}`, technician, body);
        expectOk(response.status, action);
        stepDurations.push(performance.now() - t0);
      }
    });
    const transitions = { durations: stepDurations.sort((a, b) => a - b), wallMs: worked.wallMs };
    console.log(
      [
        String(concurrency).padStart(5),
        String(round).padStart(5),
        ((total / creation.wallMs) * 1000).toFixed(1).padStart(12),
        percentile(creation.durations, 50).toFixed(1).padStart(14),
        percentile(creation.durations, 99).toFixed(1).padStart(14),
        ((transitions.durations.length / transitions.wallMs) * 1000).toFixed(1).padStart(14),
        percentile(transitions.durations, 50).toFixed(1).padStart(18),
        percentile(transitions.durations, 99).toFixed(1).padStart(18),
      ].join(' '),
    );
  }
}
