// The load run with failures against the cluster (`npm run start:cluster`): GUICHET_BENCH_PEOPLE
// simulated people (500) for GUICHET_BENCH_MINUTES (15) through the balancer, while one API
// process, one worker and one relay are killed (SIGKILL) and started again in turn, then
// PostgreSQL, the Temporal server, MariaDB and ClickHouse. Prints p50/p99 and every answer by
// status per kind of request, the faults, and the checks of every ticket filed during the run.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { connectClickhouse } from '../analytics/clickhouse';
import { connectDatabase } from '../db/sequelize';
import { BASE_URL, loginAs } from './bench-client';
import type { Fault } from './load-faults';
import { loadReport, runLoadWithFailures } from './load-run';

const run = promisify(execFile);
const PEOPLE = Number(process.env['GUICHET_BENCH_PEOPLE'] ?? 500);
const MINUTES = Number(process.env['GUICHET_BENCH_MINUTES'] ?? 15);
const DATABASE = process.env['GUICHET_CLUSTER_DATABASE'] ?? 'guichet_cluster';

const cluster = (...args: string[]) => run('bash', ['scripts/cluster.sh', ...args], { maxBuffer: 16 * 1024 * 1024 });
const fault = (part: string): Fault => ({
  name: `${part} killed`,
  strike: () => cluster('crash', part).then(() => undefined),
  recover: () => cluster('revive').then(() => undefined),
});
const PARTS = ['api-1', 'worker-1', 'relay-1', 'postgres', 'temporal-server', 'mariadb', 'clickhouse'];

const sequelize = connectDatabase(`mariadb://guichet:guichet@127.0.0.1:${process.env['GUICHET_MARIADB_PORT'] ?? 3306}/${DATABASE}`, 4);
const clickhouse = connectClickhouse({ url: 'http://127.0.0.1:8123', database: DATABASE, user: 'default', password: '' });
const connection = await Connection.connect({ address: process.env['GUICHET_TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233' });
const temporal = new Client({ connection, namespace: 'default' });

const durationMs = MINUTES * 60_000;
// The faults spread over the run, the last well before its end.
const firstAfterMs = 60_000;
const outageMs = 10_000;
const gapMs = Math.max(10_000, (durationMs - firstAfterMs - 120_000) / PARTS.length - outageMs);
console.log(
  `${PEOPLE} people for ${MINUTES} min on ${BASE_URL}; faults from +60 s, each down ${outageMs / 1000} s, then ${gapMs / 1000} s apart`,
);
const result = await runLoadWithFailures({
  target: { baseUrl: BASE_URL, adminToken: await loginAs('admin'), entity: 1 },
  plan: { people: PEOPLE, durationMs, thinkMs: [5_000, 15_000], holdMs: [30_000, 120_000] },
  faults: PARTS.map(fault),
  faultTiming: { firstAfterMs, outageMs, gapMs },
  deps: { sequelize, clickhouse, temporal },
  settleMs: 120_000,
});
console.log(loadReport(result));
await Promise.allSettled([sequelize.close(), clickhouse.close(), connection.close()]);
