// Every benchmark script run as a person runs it (`node --import tsx bench/….ts`), in its smoke
// mode: a few requests on small databases of its own, so a script an API change broke fails here.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startStack, type Stack } from '../support/stack';
import { TEST_CLICKHOUSE, TEST_DB_URL } from '../support/test-settings';

const run = promisify(execFile);

// The benchmarks' databases in smoke mode: never the ones a real run fills once and keeps.
const smokeDb = (name: string) => TEST_DB_URL.replace(/\/\w+(\?.*)?$/, `/${name}$1`);

/** Runs `bench/<script>` with `env` on top of this process's, and answers what it printed. */
async function bench(script: string, env: Record<string, string>): Promise<string> {
  const { stdout } = await run('node', ['--import', 'tsx', `bench/${script}`], {
    env: { ...process.env, GUICHET_TEMPORAL_ADDRESS: inject('temporalAddress'), ...env },
    timeout: 150_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  console.log(`bench/${script} smoke:\n${stdout}`);
  return stdout;
}

describe('the benchmarks against a running desk', () => {
  let stack: Stack;
  let desk: Record<string, string>;
  beforeAll(async () => {
    stack = await startStack();
    desk = {
      GUICHET_BENCH_URL: stack.baseUrl,
      GUICHET_BENCH_REQUESTER_TOKEN: (await stack.userWith('requester')).token,
      GUICHET_BENCH_TECHNICIAN_TOKEN: (await stack.userWith('technician', 'N1')).token,
      GUICHET_CLICKHOUSE_DATABASE: TEST_CLICKHOUSE.database,
    };
  }, 120_000);
  afterAll(async () => stack?.close());

  it('bench/ticket-throughput.ts prints creations and transitions per second at each concurrency', async () => {
    const out = await bench('ticket-throughput.ts', {
      ...desk,
      GUICHET_BENCH_LEVELS: '1,4',
      GUICHET_BENCH_ROUNDS: '1',
      GUICHET_BENCH_TICKETS: '6',
    });
    const rows = out.split('\n').filter((line) => /^\s+\d+\s+1\s+[\d.]+/.test(line));
    expect(rows.map((row) => Number(row.trim().split(/\s+/)[0]))).toEqual([1, 4]);
    for (const row of rows)
      expect(
        row
          .trim()
          .split(/\s+/)
          .slice(2)
          .map(Number)
          .every((n) => n > 0),
      ).toBe(true);
  }, 180_000);

  it('bench/event-lag.ts prints the lag from a transition to its event in ClickHouse', async () => {
    const out = await bench('event-lag.ts', { ...desk, GUICHET_BENCH_SAMPLES: '4' });
    expect(out).toMatch(/events: 4 {2}lag p50: \d+ ms {2}p99: \d+ ms/);
  }, 180_000);
});

describe('the benchmarks on databases of their own', () => {
  const own = { GUICHET_BENCH_DB_URL: smokeDb('guichet_bench_smoke'), GUICHET_BENCH_ROUNDS: '1' };

  it('bench/ticket-list.ts prints first-page, deep-page and rare-word latencies', async () => {
    const out = await bench('ticket-list.ts', {
      ...own,
      GUICHET_BENCH_TICKETS: '3000',
      GUICHET_BENCH_SAMPLES: '6',
      GUICHET_BENCH_PAGES: '2',
      GUICHET_BENCH_PAGE_SIZE: '2',
    });
    expect(out).toMatch(/^1 {2}[\d.]+ {2}[\d.]+ {2}[\d.]+ {2}[\d.]+ {2}[\d.]+ {2}[\d.]+ {2}\(2\)$/m);
  }, 180_000);

  it('bench/ticket-timeline.ts prints the latency of a 500-item timeline', async () => {
    const out = await bench('ticket-timeline.ts', { ...own, GUICHET_BENCH_SAMPLES: '3' });
    expect(out).toMatch(/^1 [\d.]+ [\d.]+ 500 \d+$/m);
  }, 180_000);

  it('bench/change-feed.ts prints how fast one consumer reads the feed, caught up and live', async () => {
    const out = await bench('change-feed.ts', { ...own, GUICHET_BENCH_EVENTS: '40' });
    const figures = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
    expect(figures).toMatchObject({ events: 40 });
    for (const name of ['writtenPerSecond', 'catchUpReadPerSecond', 'liveLagP50Ms', 'liveLagP99Ms'])
      expect(figures[name], name).toBeGreaterThanOrEqual(0);
    expect(figures['catchUpReadPerSecond']).toBeGreaterThan(0);
  }, 180_000);

  it('bench/glpi-import.ts prints the dry run and import rates of a GLPI export and the peak memory', async () => {
    const out = await bench('glpi-import.ts', { ...own, GUICHET_BENCH_TICKETS: '60' });
    const figures = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
    expect(figures).toMatchObject({ tickets: 60 });
    for (const name of ['dryRunPerSecond', 'importPerSecond', 'peakRssMiB']) expect(figures[name], name).toBeGreaterThan(0);
  }, 180_000);

  it("bench/glpi-database-import.ts prints the dry run and import rates of GLPI's database and the peak memory", async () => {
    const out = await bench('glpi-database-import.ts', { ...own, GUICHET_BENCH_TICKETS: '60' });
    const figures = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
    expect(figures).toMatchObject({ tickets: 60 });
    for (const name of ['dryRunPerSecond', 'importPerSecond', 'peakRssMiB']) expect(figures[name], name).toBeGreaterThan(0);
  }, 180_000);

  it('bench/inventory-processing.ts prints how fast agents’ inventories are received and processed', async () => {
    const out = await bench('inventory-processing.ts', { ...own, GUICHET_BENCH_INVENTORIES: '12', GUICHET_BENCH_SOFTWARE: '20' });
    const figures = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
    expect(figures).toMatchObject({ inventories: 12, computers: 12 });
    for (const name of ['receivePerSecond', 'createPerSecond', 'updatePerSecond']) expect(figures[name], name).toBeGreaterThan(0);
  }, 180_000);

  it('bench/asset-list.ts prints the asset list’s latencies with filters and deep pages', async () => {
    const out = await bench('asset-list.ts', { ...own, GUICHET_BENCH_ASSETS: '300', GUICHET_BENCH_SAMPLES: '4' });
    const figures = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, { p50Ms: number; p99Ms: number }> & { assets: number };
    expect(figures.assets).toBe(300);
    for (const name of ['no filter', 'state and maker', 'model and a word', 'a serial fragment', 'page 6'])
      expect(figures[name]?.p99Ms, name).toBeGreaterThanOrEqual(figures[name]!.p50Ms);
  }, 180_000);

  it('bench/csv-injection.ts prints rows per second of a dry run, a creating run, an unchanged one and an updating one', async () => {
    const out = await bench('csv-injection.ts', { ...own, GUICHET_BENCH_ROWS: '200' });
    const figures = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
    expect(figures['rows']).toBe(200);
    for (const name of ['dryRunRowsPerSecond', 'createRowsPerSecond', 'unchangedRowsPerSecond', 'updateRowsPerSecond'])
      expect(figures[name], name).toBeGreaterThan(0);
  }, 180_000);

  it('bench/webhook-delivery.ts prints deliveries per second and the time from commit to delivery', async () => {
    const out = await bench('webhook-delivery.ts', { ...own, GUICHET_BENCH_EVENTS: '20', GUICHET_BENCH_RATE: '10' });
    const figures = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
    expect(figures).toMatchObject({ events: 20, steadyEvents: 20 });
    expect(figures['backlogDeliveriesPerSecond']).toBeGreaterThan(0);
    expect(figures['commitToDeliveryP99Ms']).toBeGreaterThanOrEqual(figures['commitToDeliveryP50Ms']!);
  }, 180_000);

  it('bench/web-ui.ts prints the list and ticket page load times in Chromium', async () => {
    const out = await bench('web-ui.ts', {
      GUICHET_BENCH_DB_URL: smokeDb('guichet_bench_smoke_ui'),
      GUICHET_BENCH_UI_TICKETS: '150',
      GUICHET_BENCH_ROUNDS: '1',
      GUICHET_BENCH_SAMPLES: '1',
      // The suite's setup has built the web UI.
      GUICHET_BENCH_BUILT: '1',
    });
    expect(out).toMatch(/^1 \d+ \d+ \d+ \d+ [\d.]+ \([\d.]+\) [\d.]+ [\d.]+$/m);
  }, 180_000);

  it('bench/sla-timers.ts records every breach due in its window and prints their lateness', async () => {
    const out = await bench('sla-timers.ts', {
      ...own,
      GUICHET_BENCH_OPEN_TICKETS: '12',
      GUICHET_BENCH_FIRING: '4',
      GUICHET_BENCH_WINDOW_S: '4',
      GUICHET_BENCH_LEAD_S: '4',
    });
    expect(out).toMatch(/breaches recorded: 4 of 4; early ones: 0/);
    expect(out).toMatch(/lateness ms: p50 \d+, p99 \d+, max \d+/);
  }, 180_000);

  it('bench/relay-throughput.ts prints sustained and drain rates of the outbox relay', async () => {
    const out = await bench('relay-throughput.ts', {
      GUICHET_BENCH_RELAY_DB_URL: smokeDb('guichet_bench_smoke_relay'),
      GUICHET_BENCH_RELAY_CLICKHOUSE_DATABASE: 'guichet_bench_smoke_relay',
      GUICHET_BENCH_RATE: '50',
      GUICHET_BENCH_ROUND_SECONDS: '2',
      GUICHET_BENCH_ROUNDS: '1',
      GUICHET_BENCH_BACKLOG: '2000',
    });
    expect(out).toMatch(/drain: 2000 events waiting/);
    expect(out).toMatch(/^\s+5000\s+1\s+[\d.]+\s+\d+\s+2000$/m);
  }, 180_000);

  it('bench/kpi-queries.ts prints each dashboard question on ClickHouse beside its MariaDB baseline', async () => {
    const out = await bench('kpi-queries.ts', {
      GUICHET_BENCH_KPI_DB_URL: smokeDb('guichet_bench_smoke_kpi'),
      GUICHET_BENCH_KPI_CLICKHOUSE_DATABASE: 'guichet_bench_smoke_kpi',
      GUICHET_BENCH_EVENTS: '3000',
      GUICHET_BENCH_BASE_TICKETS: '200',
      GUICHET_BENCH_SAMPLES: '2',
      GUICHET_BENCH_REFILL: '1',
    });
    expect(out).toMatch(/MTTR by category\s+p50\s+[\d.]+\s+p99\s+[\d.]+\n/);
    expect(out).toMatch(/summary\s+p50\s+[\d.]+\s+p99\s+[\d.]+\s+×[\d.]+ the ClickHouse p50/);
  }, 180_000);
});
