// A guichet transition beside a bare Temporal Update, on the same server in one run: GUICHET_BENCH_CALLS
// (300) of each at concurrency 1 and 16, with their rates, p50/p99 and the ratios (transition over
// bare Update); between them, the engine's part of a transition (an Update with a local activity
// and a search attribute). The API runs in this process on the benchmark database, its tickets' workflows on a
// worker of its own in the benchmarks' namespace. Needs the local services (`npm run services:up`).
import { createTicketWorker } from '../runtime/ticket-worker';
import { BENCH_NAMESPACE, BENCH_TEMPORAL_ADDRESS, benchTemporal, startBenchApi } from './bench-api';
import { measureTransitionOverhead } from './transition-overhead-measure';

const CALLS = Number(process.env['GUICHET_BENCH_CALLS'] ?? 300);

// The namespace first: on a new Temporal server, the API's calls into it would find none.
const temporal = await benchTemporal();
const { sequelize, base, token, close } = await startBenchApi(BENCH_NAMESPACE);
const { worker, connection } = await createTicketWorker({ address: BENCH_TEMPORAL_ADDRESS, namespace: BENCH_NAMESPACE, sequelize });
const figures = await worker.runUntil(
  measureTransitionOverhead(
    { baseUrl: base, token, address: BENCH_TEMPORAL_ADDRESS, namespace: BENCH_NAMESPACE, temporal },
    CALLS,
    [1, 16],
  ),
);
const row = (level: string, kind: string, f: { perSecond: number; p50Ms: number; p99Ms: number }, ratios = '') =>
  console.log(
    [
      level.padStart(5),
      kind.padEnd(10),
      f.perSecond.toFixed(0).padStart(6),
      f.p50Ms.toFixed(1).padStart(8),
      f.p99Ms.toFixed(1).padStart(8),
      ratios,
    ].join('  '),
  );
console.log('level  kind            /s   p50 ms   p99 ms  transition ÷ bare: throughput, p50');
for (const f of figures) {
  row(String(f.concurrency), 'bare', f.bare);
  row('', 'engine', f.engine);
  row('', 'transition', f.transition, `${f.throughputRatio.toFixed(2)}, ${f.p50Ratio.toFixed(2)}`);
}
await connection.close();
await temporal.connection.close();
await close();
