// Lag from a transition's HTTP answer to its event being queryable in ClickHouse (p50/p99),
// against a running guichet (npm start) and its ClickHouse. Bounded: GUICHET_BENCH_SAMPLES transitions (60).
import { connectClickhouse } from '../analytics/clickhouse';
import { config } from '../config/config';
import { benchToken, call, newIncident, percentile } from './bench-client';

const SAMPLES = Number(process.env['GUICHET_BENCH_SAMPLES'] ?? 60);
const clickhouse = connectClickhouse({
  url: config.clickhouseUrl,
  database: config.clickhouseDatabase,
  user: config.clickhouseUser,
  password: config.clickhousePassword,
});
const requester = await benchToken('requester');
const technician = await benchToken('technician');

async function arrived(ticketId: number, seq: number): Promise<boolean> {
  const result = await clickhouse.query({
    query: `SELECT count() AS n FROM ticket_events WHERE ticket_id = ${ticketId} AND seq = ${seq}`,
    format: 'JSONEachRow',
  });
  return Number((await result.json<{ n: string }>())[0]?.n) > 0;
}

const lags: number[] = [];
for (let i = 0; i < SAMPLES / 2; i += 1) {
  const created = await call('POST', '/api/v1/tickets', requester, newIncident(i));
  for (const [action, body, seq] of [
    ['assign', {}, 2],
    ['resolve', { solution: 'bench' }, 3],
  ] as const) {
    const response = await call('POST', `/api/v1/tickets/${created.body.id}/actions/${action}`, technician, body);
    if (response.status !== 200) throw new Error(`${action} answered ${response.status}`);
    const answered = performance.now();
    const deadline = answered + 30_000;
    while (!(await arrived(created.body.id, seq))) {
      if (performance.now() > deadline) throw new Error('event did not reach ClickHouse within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    lags.push(performance.now() - answered);
  }
}
lags.sort((a, b) => a - b);
console.log(
  `events: ${lags.length}  lag p50: ${percentile(lags, 50).toFixed(0)} ms  p99: ${percentile(lags, 99).toFixed(0)} ms  max: ${lags.at(-1)!.toFixed(0)} ms`,
);
await clickhouse.close();
