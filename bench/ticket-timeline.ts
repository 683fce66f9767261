// Timeline of a ticket with 500 items (250 followups, 100 tasks, 150 recorded events): p50/p99 of
// GET /api/v1/tickets/{id}/timeline through the real HTTP API in this process, on the benchmark
// database of bench/bench-api.ts.
import { startBenchApi } from './bench-api';
import { busyTicket } from './bench-tickets';
import { percentile } from './bench-client';

const ROUNDS = Number(process.env['GUICHET_BENCH_ROUNDS'] ?? 3);
const SAMPLES = Number(process.env['GUICHET_BENCH_SAMPLES'] ?? 100);
const { refs, call, close } = await startBenchApi();

const ticket = await busyTicket(refs);

console.log(`timeline of ticket ${ticket.id}: 500 items; ${SAMPLES} reads per round`);
console.log('round  p50 ms  p99 ms  items  bytes');
for (let round = 1; round <= ROUNDS; round += 1) {
  const durations: number[] = [];
  let last = { status: 0, body: { items: [] as unknown[] } };
  for (let i = 0; i < SAMPLES; i += 1) {
    const result = await call(`/api/v1/tickets/${ticket.id}/timeline`);
    durations.push(result.ms);
    last = result;
  }
  if (last.status !== 200) throw new Error(`timeline answered ${last.status}`);
  const sorted = durations.sort((a, b) => a - b);
  console.log(
    round,
    percentile(sorted, 50).toFixed(1),
    percentile(sorted, 99).toFixed(1),
    last.body.items.length,
    JSON.stringify(last.body).length,
  );
}
await close();
