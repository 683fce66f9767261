import { execFile, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetricsServer } from '../../metrics/metrics-server';
import { watchOutbox } from '../../metrics/outbox-metrics';
import { eventually, startDesk, type Desk } from '../support/stack';

const run = promisify(execFile);
const TOKEN = 'scrape-token-0123456789';
let desk: Desk;
let server: ReturnType<typeof startMetricsServer>;
let python: string;
let url: string;

interface Sample {
  family: string;
  name: string;
  labels: Record<string, string>;
  value: number;
}

// The exposition as Prometheus' own client parser reads it: a malformed line fails the scrape.
async function scrape(): Promise<Sample[]> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  const text = await response.text();
  const parser = spawn(python, ['test/metrics/prometheus-parse.py']);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  parser.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  parser.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  parser.stdin.end(text);
  const code = await new Promise<number | null>((resolve) => parser.on('close', resolve));
  expect(Buffer.concat(err).toString(), 'the parser took the exposition').toBe('');
  expect(code).toBe(0);
  return Buffer.concat(out)
    .toString()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Sample);
}

const sum = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((total, sample) => total + sample.value, 0);

beforeAll(async () => {
  desk = await startDesk();
  python = (await run('bash', ['scripts/install-pypi.sh', 'prometheus-client', 'prometheus-client==0.23.1'])).stdout.trim();
  watchOutbox(desk.stack.sequelize);
  server = startMetricsServer({ host: '127.0.0.1', port: 0, token: TOKEN }, pino({ level: 'silent' }));
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
});
afterAll(async () => {
  server?.close();
  await desk?.stack.close();
});

describe('metrics', () => {
  it('are refused without the scrape token', async () => {
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
  });

  it('count a ticket trip: requests by route, the transition, its Update and recording, the relay moving its events', async () => {
    const before = await scrape();
    const { stack, alice, tech1 } = desk;
    const created = await stack.call('POST', '/api/v1/tickets', {
      token: alice.token,
      body: { title: 'Imprimante hors ligne', description: 'Le 2e étage ne peut plus imprimer.', type: 'incident', urgency: 3, impact: 2 },
    });
    expect(created.status).toBe(201);
    const taken = await stack.call('POST', `/api/v1/tickets/${created.body.id}/actions/assign`, { token: tech1.token, body: {} });
    expect(taken.status).toBe(200);
    await stack.call('GET', `/api/v1/tickets/${created.body.id}`, { token: tech1.token });

    const after = await eventually(async () => {
      const samples = await scrape();
      // The relay has moved the trip's events to ClickHouse.
      return sum(samples, 'guichet_relay_batch_events_sum') >= sum(before, 'guichet_relay_batch_events_sum') + 2 ? samples : undefined;
    }, 30_000);
    const grew = (name: string, labels: Record<string, string> = {}) => sum(after, name, labels) - sum(before, name, labels);

    expect(grew('guichet_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/tickets', status: '201' })).toBe(1);
    expect(grew('guichet_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/tickets/:id', status: '200' })).toBe(1);
    expect(grew('guichet_transitions_total', { lifecycle: 'incident', action: 'assign', outcome: 'done' })).toBe(1);
    expect(grew('guichet_workflow_update_seconds_count', { update: 'applyAction' })).toBe(1);
    expect(grew('guichet_recording_activity_seconds_count', { kind: 'transition' })).toBeGreaterThanOrEqual(1);
    expect(grew('guichet_clickhouse_insert_seconds_count')).toBeGreaterThanOrEqual(1);
    // Read from MariaDB at each scrape, and the process's own figures beside them.
    for (const family of [
      'guichet_outbox_events',
      'guichet_outbox_oldest_seconds',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ])
      expect(
        after.some((sample) => sample.family === family),
        family,
      ).toBe(true);
    expect(after.find((sample) => sample.name === 'guichet_outbox_oldest_seconds')!.value).toBeGreaterThanOrEqual(0);
  });
});
