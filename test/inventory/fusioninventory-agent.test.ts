import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, hostname } from 'node:os';
import { promisify } from 'node:util';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logger } from '../../config/logger';
import { runInventoryProcessor } from '../../inventory/inventory-processor';
import type { ComputerView } from '../../inventory/computer.schemas';
import { eventually, startStack, type Stack, type TestUser } from '../support/stack';

const run = promisify(execFile);
// The agent names a computer by its short host name.
const machineName = hostname().split('.')[0]!;
let stack: Stack;
let admin: TestUser;
let technician: TestUser;
let token: string;
let tokenId: number;
const processing = new AbortController();
let processor: Promise<void>;

// The real agent from Debian's package, inventorying this machine and sending it to the API on loopback.
async function agentRun(password?: string): Promise<{ ok: boolean; output: string }> {
  const credentials = password ? ['--user', 'agent', '--password', password] : [];
  const args = ['--server', `${stack.baseUrl}/inventory`, ...credentials, '--force', '--tasks', 'inventory', '--no-httpd'];
  const noise = ['--no-category', 'process,environment,local_user,local_group', '--logger', 'stderr'];
  try {
    const { stdout, stderr } = await run('fusioninventory-agent', [...args, ...noise], { timeout: 120_000 });
    return { ok: !/\[error\]/.test(stderr), output: stdout + stderr };
  } catch (error) {
    return { ok: false, output: String((error as { stderr?: string }).stderr ?? error) };
  }
}

const computersNamed = async (name: string) =>
  stack.sequelize.query<{ id: number }>('SELECT id FROM assets WHERE name = ? AND device_id IS NOT NULL', {
    replacements: [name],
    type: QueryTypes.SELECT,
  });
const queued = async () =>
  (
    await stack.sequelize.query<{ n: number }>("SELECT COUNT(*) AS n FROM inventory_submissions WHERE state = 'queued'", {
      type: QueryTypes.SELECT,
    })
  )[0]!.n;
const computer = async (id: number) => (await stack.call('GET', `/api/v1/assets/${id}`, { token: technician.token })).body as ComputerView;
// What the machine's firmware says of itself, when it says anything (a container's has no DMI table).
const firmware = (field: string) => {
  const path = `/sys/class/dmi/id/${field}`;
  return existsSync(path) ? readFileSync(path, 'utf8').trim() || null : null;
};

beforeAll(async () => {
  stack = await startStack({ relay: false });
  admin = await stack.userWith('admin');
  technician = await stack.userWith('technician', 'N1');
  processor = runInventoryProcessor(stack.sequelize, { idleMs: 100, logger }, processing.signal);
  const created = await stack.call('POST', '/api/v1/inventory/agent-tokens', {
    token: admin.token,
    body: { name: 'Postes du siège', entity: 1 },
  });
  expect(created.status).toBe(201);
  token = created.body.token;
  tokenId = created.body.id;
  // Earlier runs of this file left this machine's computer: it is matched, not duplicated, and its history says so.
  await stack.sequelize.query('DELETE FROM assets WHERE name = ? AND device_id IS NOT NULL', { replacements: [machineName] });
});
afterAll(async () => {
  processing.abort();
  await processor;
  await stack?.close();
});

describe('the FusionInventory agent, pointed at guichet', () => {
  it('files this machine as a computer with its real hardware and installed packages', async () => {
    const sent = await agentRun(token);
    expect(sent.ok, sent.output).toBe(true);
    const [filed] = await eventually(async () =>
      (await computersNamed(machineName)).length > 0 ? computersNamed(machineName) : undefined,
    );
    const view = await computer(filed!.id);
    expect(view).toMatchObject({
      name: machineName,
      entity: 1,
      state: 'in_use',
      serial: firmware('product_serial'),
      uuid: firmware('product_uuid'),
    });
    expect(view.cpus.reduce((threads, cpu) => threads + (cpu.threads ?? 0), 0)).toBe(cpus().length);
    const memTotalKb = Number(/^MemTotal:\s+(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]);
    expect(view.memoryMb).toBe(Math.floor(memTotalKb / 1024));
    const packages = (await run('dpkg-query', ['-W', '-f', '${Package}\n'])).stdout.trim().split('\n');
    expect(new Set(view.software.map((item) => item.name))).toEqual(new Set(packages));
    expect(view.software.find((item) => item.name === 'fusioninventory-agent')?.version).toBe('1:2.6-3');
    expect(view.history.map((entry) => [entry.field, entry.source])).toEqual([['created', 'agent']]);
  });

  it('updates it on the next run rather than filing it twice: nothing changes but the inventory date', async () => {
    const [filed] = await computersNamed(machineName);
    const first = await computer(filed!.id);
    const sent = await agentRun(token);
    expect(sent.ok, sent.output).toBe(true);
    const second = await eventually(async () => {
      const view = await computer(filed!.id);
      return view.lastInventoryAt! > first.lastInventoryAt! ? view : undefined;
    });
    expect(await computersNamed(machineName)).toHaveLength(1);
    expect({ ...second, lastInventoryAt: null }).toEqual({ ...first, lastInventoryAt: null });
  });

  it('brings back what its agent reports after a person changed it, the change in its history', async () => {
    const [filed] = await computersNamed(machineName);
    const edited = await stack.call('PATCH', `/api/v1/assets/${filed!.id}`, {
      token: technician.token,
      body: { name: 'poste-compta-07', location: 'Bâtiment B, 2e étage' },
    });
    expect(edited.status).toBe(200);
    const sent = await agentRun(token);
    expect(sent.ok, sent.output).toBe(true);
    const view = await eventually(async () => {
      const current = await computer(filed!.id);
      return current.name === machineName ? current : undefined;
    });
    // The location is the desk's to keep: the agent does not report one.
    expect(view.location).toBe('Bâtiment B, 2e étage');
    expect(view.history.slice(0, 3).map(({ field, before, after, source }) => ({ field, before, after, source }))).toEqual([
      { field: 'name', before: 'poste-compta-07', after: machineName, source: 'agent' },
      { field: 'location', before: null, after: 'Bâtiment B, 2e étage', source: 'person' },
      { field: 'name', before: machineName, after: 'poste-compta-07', source: 'person' },
    ]);
  });

  it('refuses an agent without a token, or with a revoked one, and keeps nothing it sent', async () => {
    const before = await stack.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM inventory_submissions', {
      type: QueryTypes.SELECT,
    });
    const anonymous = await agentRun();
    expect(anonymous.ok).toBe(false);
    expect(anonymous.output).toMatch(/401|[Aa]uthentication required/);
    const listed = (await stack.call('GET', '/api/v1/inventory/agent-tokens', { token: admin.token })).body.items as { id: number }[];
    expect(listed.map((listedToken) => listedToken.id)).toContain(tokenId);
    expect((await stack.call('DELETE', `/api/v1/inventory/agent-tokens/${tokenId}`, { token: admin.token })).status).toBe(200);
    const revoked = await agentRun(token);
    expect(revoked.ok).toBe(false);
    const after = await stack.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM inventory_submissions', {
      type: QueryTypes.SELECT,
    });
    expect(after).toEqual(before);
    expect(await queued()).toBe(0);
  });
});
