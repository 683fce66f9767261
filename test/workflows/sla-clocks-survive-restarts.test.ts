import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TicketEventRow } from '../../tickets/ticket.models';
import { latestLifecycleOrFail } from '../../lifecycles/lifecycle.repository';
import { ALWAYS_OPEN } from '../../sla/business-calendar';
import { positionOf } from '../../tickets/ticket-view';
import { startTicketWorkflow } from '../../workflows/ticket-workflow.starter';
import { startStack, type Stack } from '../support/stack';
import { temporalBinaries } from '../support/test-settings';
import { freePort } from '../support/free-port';
import { alwaysOpenSla, fileTicketUnderSla } from '../support/sla-ticket';

// A dev server with its SQLite file, and a worker, each in a process of its own: both are killed
// (SIGKILL) and started again while a ticket's SLA timers are pending.
let stack: Stack;
const dir = mkdtempSync(join(tmpdir(), 'guichet-restart-'));
const bundlePath = join(dir, 'workflows.js');
let port: number;
const children: ChildProcess[] = [];

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function startServer(): Promise<ChildProcess> {
  const server = spawn(
    temporalBinaries().cli,
    [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--db-filename',
      join(dir, 'temporal.db'),
      '--log-level',
      'error',
      '--search-attribute',
      'TicketStatus=Keyword',
      '--search-attribute',
      'TicketPriority=Int',
    ],
    { stdio: 'ignore' },
  );
  children.push(server);
  await until(async () => {
    const connection = await Connection.connect({ address: `127.0.0.1:${port}`, connectTimeout: 1_000 });
    await connection.close();
    return true;
  }, 60_000);
  return server;
}

async function startWorker(): Promise<ChildProcess> {
  const worker = spawn(process.execPath, ['--import', 'tsx', 'test/support/run-ticket-worker.ts', `127.0.0.1:${port}`, bundlePath], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(worker);
  await new Promise<void>((resolve) => worker.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve()));
  return worker;
}

const kill = async (child: ChildProcess) => {
  child.kill('SIGKILL');
  if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
};

beforeAll(async () => {
  stack = await startStack({ relay: false });
  writeFileSync(bundlePath, inject('workflowBundle'));
  port = await freePort();
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await stack?.close();
});

describe('SLA timers across restarts (dev server with its SQLite file)', () => {
  it('fire once, at their time, when the worker and the server were killed and restarted meanwhile', { timeout: 150_000 }, async () => {
    const slaId = await alwaysOpenSla();
    // Seconds, not minutes, for the test: TTO in 24 s, a level at 30 s, TTR in 45 s.
    const slaTerms = {
      slaId,
      calendar: ALWAYS_OPEN,
      ttoMinutes: 0.4,
      ttrMinutes: 0.75,
      levels: [{ clock: 'ttr' as const, offsetMinutes: -0.25, actions: [{ type: 'notify' as const }] }],
      levelClocks: [],
    };
    const requester = await stack.userWith('requester');
    const lifecycle = await latestLifecycleOrFail('incident');
    const row = await fileTicketUnderSla(stack.sequelize, requester, lifecycle, slaTerms, 'Plus de tonalité sur le poste de la caisse 23');
    const clocks = JSON.parse(row.sla_clocks!) as { tto: { due: string }; ttr: { due: string }; levels: { at: string }[] };

    const server = await startServer();
    const worker = await startWorker();
    const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
    await startTicketWorkflow(new Client({ connection }), {
      ticketId: row.id,
      lifecycle,
      position: positionOf(row),
      priority: row.priority,
      type: 'incident',
      sla: JSON.parse(row.sla_clocks!),
    });
    await connection.close();

    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await kill(worker);
    await kill(server);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await startServer();
    await startWorker();

    const events = await until(async () => {
      const rows = await TicketEventRow.findAll({ where: { ticket_id: row.id }, order: [['seq', 'ASC']] });
      const clockEvents = rows.filter((event) => event.action.startsWith('sla_'));
      return clockEvents.length >= 3 ? clockEvents : undefined;
    }, 90_000);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const all = (await TicketEventRow.findAll({ where: { ticket_id: row.id }, order: [['seq', 'ASC']] })).filter((event) =>
      event.action.startsWith('sla_'),
    );
    expect(all.map((event) => [event.action, JSON.parse(event.data) as unknown])).toEqual([
      ['sla_breach', { clock: 'tto' }],
      ['sla_level', expect.objectContaining({ level: 0, clock: 'ttr' })],
      ['sla_breach', { clock: 'ttr' }],
    ]);
    const due = [clocks.tto.due, clocks.levels[0]!.at, clocks.ttr.due].map((at) => Date.parse(at));
    all.forEach((event, i) => expect(event.at.getTime()).toBeGreaterThanOrEqual(due[i]!));
    expect(events).toHaveLength(3);
  });
});
