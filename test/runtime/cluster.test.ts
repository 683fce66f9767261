// npm run start:cluster as an operator runs it: the Temporal server built from its Go module on
// PostgreSQL, two API processes behind HAProxy, two workers and two relays. Its ports, folder and
// databases are the test's own, and the services the other tests use are left as they are.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection, WorkflowClient, WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/stack';

const ROOT = join(import.meta.dirname, '..', '..');
const DIR = join(ROOT, '.data', 'cluster-test');
const TEMPORAL = '127.0.0.1:7300';
const BASE = 'http://127.0.0.1:3300';
const demoPassword = `demo-${randomUUID()}`;
const env = {
  ...process.env,
  GUICHET_TEMPORAL_PORT: '7300',
  GUICHET_CLUSTER_PG_PORT: '5434',
  GUICHET_PORT: '3300',
  GUICHET_CLUSTER_API_PORTS: '3301 3302',
  GUICHET_CLUSTER_DIR: DIR,
  GUICHET_CLUSTER_DATABASE: 'guichet_cluster_test',
  GUICHET_CLUSTER_SERVICES_RUNNING: '1',
  GUICHET_DEMO_PASSWORD: demoPassword,
  GUICHET_DEMO_HISTORY_TICKETS: '50',
  GUICHET_LOG_LEVEL: 'warn',
};

// Runs scripts/cluster.sh; its output is in the error when it fails.
function cluster(...command: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['scripts/cluster.sh', ...command], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`cluster.sh ${command.join(' ')} exited ${code}:\n${output.slice(-4000)}`)),
    );
  });
}

// The first run on a machine builds the Temporal server (minutes on 2 cores); later runs reuse it.
beforeAll(() => cluster('up'), 20 * 60_000);
afterAll(() => cluster('down'), 120_000);

async function logIn(login: string): Promise<string> {
  const response = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: demoPassword }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

const file = async (token: string, title: string) => {
  const filed = await send('POST', '/api/v1/tickets', token, {
    title,
    description: 'Depuis ce matin.',
    type: 'incident',
    urgency: 3,
    impact: 3,
  });
  expect(filed.status).toBe(201);
  return ((await filed.json()) as { id: number }).id;
};

const send = (method: string, path: string, token: string, body?: object, key?: string) =>
  fetch(`${BASE}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body && { 'content-type': 'application/json' }),
      ...(key && { 'idempotency-key': key }),
    },
    body: body && JSON.stringify(body),
  });

describe('the production shape (npm run start:cluster)', () => {
  it('files and works a ticket through the balancer, its workflow on the cluster’s own Temporal server, and goes on when an API process dies', async () => {
    const [alice, tech1] = [await logIn('alice'), await logIn('tech1')];
    const filed = await send('POST', '/api/v1/tickets', alice, {
      title: 'Imprimante du 2e étage en panne',
      description: 'Bourrage papier à chaque impression.',
      type: 'incident',
      urgency: 3,
      impact: 3,
    });
    expect(filed.status).toBe(201);
    const id = ((await filed.json()) as { id: number }).id;
    // Sent twice with its key, as a retry would, through whichever API process the balancer picks.
    const key = `assign-${randomUUID()}`;
    for (let i = 0; i < 2; i += 1) expect((await send('POST', `/api/v1/tickets/${id}/actions/assign`, tech1, {}, key)).status).toBe(200);
    const history = (await (await send('GET', `/api/v1/tickets/${id}/history`, tech1)).json()) as { items: { action: string }[] };
    expect(history.items.filter((item) => item.action === 'assign')).toHaveLength(1);

    // The workflow runs on the cluster's server, and its search attributes are queryable in PostgreSQL.
    const connection = await Connection.connect({ address: TEMPORAL });
    try {
      const workflows = new WorkflowClient({ connection });
      expect((await workflows.getHandle(`ticket-${id}`).describe()).status.name).toBe('RUNNING');
      await eventually(async () => {
        for await (const found of workflows.list({ query: `WorkflowId = 'ticket-${id}' AND TicketStatus = 'assigned'` })) return found;
        return undefined;
      }, 30_000);
    } finally {
      await connection.close();
    }

    // One API process killed: the balancer sends everything to the other, and no request fails.
    process.kill(Number(readFileSync(join(DIR, 'run', 'api-1.pid'), 'utf8')), 'SIGKILL');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await send('GET', `/api/v1/tickets/${id}`, tech1)).status);
    expect(statuses).toEqual(Array.from({ length: 10 }, () => 200));
  }, 120_000);

  it('is backed up while it runs and restored whole: MariaDB and the Temporal server’s PostgreSQL as they were, the ticket workable again', async () => {
    const [alice, tech1] = [await logIn('alice'), await logIn('tech1')];
    const kept = await file(alice, 'Badge refusé au portique B');
    expect((await send('POST', `/api/v1/tickets/${kept}/actions/assign`, tech1, {})).status).toBe(200);
    const backup = join(mkdtempSync(join(tmpdir(), 'guichet-cluster-backup-')), 'backup');
    await cluster('backup', backup);
    expect(JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8'))).toMatchObject({
      database: 'guichet_cluster_test',
      temporal: false,
      temporalPostgres: ['temporal', 'temporal_visibility'],
    });
    // Filed after the backup: the restore forgets it, in MariaDB and on the Temporal server alike.
    const later = await file(alice, 'Écran noir au démarrage');

    await cluster('restore', backup);
    expect((await send('GET', `/api/v1/tickets/${later}`, tech1)).status).toBe(404);
    const restored = await send('GET', `/api/v1/tickets/${kept}`, tech1);
    expect(restored.status).toBe(200);
    expect(await restored.json()).toMatchObject({ status: 'assigned' });
    const connection = await Connection.connect({ address: TEMPORAL });
    try {
      const workflows = new WorkflowClient({ connection });
      await expect(workflows.getHandle(`ticket-${later}`).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
      expect((await workflows.getHandle(`ticket-${kept}`).describe()).status.name).toBe('RUNNING');
    } finally {
      await connection.close();
    }
    const pended = await send('POST', `/api/v1/tickets/${kept}/actions/pend`, tech1, { reason: 'Badge commandé', waitingFor: 'supplier' });
    expect(pended.status).toBe(200);
  }, 300_000);
});
