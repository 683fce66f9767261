// The load run with failures, short (bench/load-with-failures.ts is the long one, on the cluster):
// two minutes of simulated people on a desk of its own — an API, a worker and a relay each in a
// process, MariaDB, ClickHouse and a Temporal dev server of the test's own — while one of each is
// killed and started again in turn. No answer is a 500, no request is left without a final answer,
// and at the end every ticket has its workflow, agreeing with MariaDB and ClickHouse, and every
// hold's clock that came due ended its hold once.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as pause } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateClickhouse } from '../../analytics/clickhouse-migrations';
import type { ClickhouseSettings } from '../../analytics/clickhouse';
import type { Fault } from '../../bench/load-faults';
import { loadReport, runLoadWithFailures } from '../../bench/load-run';
import { killProcess, startOwnMariadb } from '../support/fault-burst';
import { freePort } from '../support/free-port';
import { startServiceInstance, type ServiceInstance } from '../support/service-instance';
import { startStack, type Stack } from '../support/stack';

let mariadb: ServiceInstance;
let clickhouse: ServiceInstance;
let temporal: ServiceInstance;
let stack: Stack;
let env: NodeJS.ProcessEnv;
let apiPort: number;
const processes = new Map<string, ChildProcess>();

// One of guichet's processes (GUICHET_ROLES) on the test's own services.
function startProcess(role: 'api' | 'worker' | 'relay'): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], {
    stdio: 'ignore',
    env: { ...env, GUICHET_ROLES: role },
  });
  processes.set(role, child);
  return child;
}

async function untilApiAnswers(): Promise<void> {
  while (
    !(await fetch(`http://127.0.0.1:${apiPort}/readyz`)
      .then((r) => r.ok)
      .catch(() => false))
  )
    await pause(100);
}

const processFault = (role: 'api' | 'worker' | 'relay'): Fault => ({
  name: `${role} process killed`,
  strike: () => killProcess(processes.get(role)!),
  recover: async () => {
    startProcess(role);
    if (role === 'api') await untilApiAnswers();
  },
});
const serviceFault = (name: string, service: () => ServiceInstance): Fault => ({
  name: `${name} killed`,
  strike: () => service().kill(),
  recover: () => service().restart(),
});

beforeAll(async () => {
  let dbUrl: string;
  [{ mariadb, url: dbUrl }, clickhouse, temporal] = await Promise.all([
    startOwnMariadb(1),
    startServiceInstance('clickhouse'),
    startServiceInstance('temporal'),
  ]);
  const warehouse: ClickhouseSettings = {
    url: `http://127.0.0.1:${clickhouse.port}`,
    database: 'guichet_load',
    user: 'default',
    password: '',
  };
  await migrateClickhouse(warehouse);
  stack = await startStack({ dbUrl, clickhouse: warehouse, temporalAddress: `127.0.0.1:${temporal.port}`, worker: false, relay: false });
  apiPort = await freePort();
  env = {
    ...process.env,
    GUICHET_PORT: String(apiPort),
    GUICHET_LOG_LEVEL: 'silent',
    GUICHET_DB_URL: dbUrl,
    GUICHET_CLICKHOUSE_URL: warehouse.url,
    GUICHET_CLICKHOUSE_DATABASE: warehouse.database,
    GUICHET_TEMPORAL_ADDRESS: `127.0.0.1:${temporal.port}`,
    GUICHET_RECONCILE_AFTER_SECONDS: '5',
  };
  for (const role of ['worker', 'relay', 'api'] as const) startProcess(role);
  await untilApiAnswers();
}, 240_000);

afterAll(async () => {
  for (const child of processes.values()) await killProcess(child);
  await stack?.close();
  await Promise.allSettled([mariadb?.stop(), clickhouse?.stop(), temporal?.stop()]);
});

describe('two minutes of load while each process and service is killed in turn', () => {
  it('answers every request finally and honestly, and leaves every ticket whole in MariaDB, ClickHouse and its workflow', async () => {
    const admin = await stack.userWith('admin');
    const result = await runLoadWithFailures({
      target: { baseUrl: `http://127.0.0.1:${apiPort}`, adminToken: admin.token, entity: 1 },
      plan: { people: 24, durationMs: 120_000, thinkMs: [1_000, 3_000], holdMs: [5_000, 20_000] },
      faults: [
        processFault('api'),
        processFault('worker'),
        processFault('relay'),
        serviceFault('Temporal server', () => temporal),
        serviceFault('MariaDB', () => mariadb),
        serviceFault('ClickHouse', () => clickhouse),
      ],
      faultTiming: { firstAfterMs: 15_000, outageMs: 3_000, gapMs: 8_000 },
      deps: { sequelize: stack.sequelize, clickhouse: stack.clickhouse, temporal: stack.temporal },
      settleMs: 60_000,
    });
    console.log(`load with failures, short run:\n${loadReport(result)}`);

    const { outcome, faults, checks } = result;
    expect(faults.map((f) => f.name)).toHaveLength(6);
    for (const [kind, figures] of outcome.tally) {
      expect(figures.statuses[500] ?? 0, `${kind}: 500 answers`).toBe(0);
      expect(figures.unfinished, `${kind}: requests left without a final answer`).toBe(0);
    }
    for (const kind of [
      'file a ticket',
      'take an action',
      'write a followup',
      'read a dashboard',
      'poll the ticket list',
      'list a queue',
    ]) {
      expect(outcome.tally.get(kind)?.durations.length ?? 0, `${kind}: final answers`).toBeGreaterThan(0);
    }
    expect(checks.tickets).toBeGreaterThan(10);
    expect({
      withoutWorkflow: checks.withoutWorkflow,
      workflowDisagrees: checks.workflowDisagrees,
      warehouseDisagrees: checks.warehouseDisagrees,
      clocksNotEnded: checks.clocks.notEnded,
      clocksTwice: checks.clocks.endedTwice,
      clocksEarly: checks.clocks.early,
    }).toEqual({
      withoutWorkflow: [],
      workflowDisagrees: [],
      warehouseDisagrees: [],
      clocksNotEnded: [],
      clocksTwice: [],
      clocksEarly: [],
    });
    expect(checks.clocks.due).toBeGreaterThan(0);
  }, 600_000);
});
