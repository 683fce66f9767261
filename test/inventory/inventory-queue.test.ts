import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processNextInventory } from '../../inventory/inventory-processor';
import { startStack, type Stack } from '../support/stack';

// An agent that sends again and again before its inventories are processed queues one, not a
// backlog; and each device keeps the XML of its latest inventory only.
const fixture = readFileSync(new URL('./fixtures/debian-vm.xml', import.meta.url), 'utf8');
const deviceId = `queue-${Date.now()}`;
let stack: Stack;
let authorization: string;

beforeAll(async () => {
  stack = await startStack({ relay: false });
  const admin = await stack.userWith('admin');
  const token = await stack.call('POST', '/api/v1/inventory/agent-tokens', {
    token: admin.token,
    body: { name: `Agents ${deviceId}`, entity: 1 },
  });
  authorization = `Basic ${Buffer.from(`agent:${token.body.token}`).toString('base64')}`;
});
afterAll(async () => {
  await stack?.close();
});

const send = (memory: number) =>
  fetch(`${stack.baseUrl}/inventory`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-compress-zlib' },
    body: deflateSync(
      fixture
        .replace('<DEVICEID>vm-2026-12-06-03-40-03</DEVICEID>', `<DEVICEID>${deviceId}</DEVICEID>`)
        .replace('<NAME>vm</NAME>', `<NAME>${deviceId}</NAME>`)
        .replace(/<MEMORY>\d+<\/MEMORY>/, `<MEMORY>${memory}</MEMORY>`),
    ),
  });
const submissions = () =>
  stack.sequelize.query<{ state: string; kept: number }>(
    'SELECT state, LENGTH(content) > 0 AS kept FROM inventory_submissions WHERE device_id = ? ORDER BY id',
    { replacements: [deviceId], type: QueryTypes.SELECT },
  );
// Processes what is queued (for every test of the database: the others' too) until none is left.
const processAll = async () => {
  while (await processNextInventory(stack.sequelize));
};

describe('the inventory queue', () => {
  it('keeps one inventory of a device waiting, the latest, and the XML of its latest only', async () => {
    await processAll();
    for (const memory of [2048, 4096, 8192]) expect((await send(memory)).status).toBe(200);
    expect(await submissions()).toEqual([
      { state: 'superseded', kept: 0 },
      { state: 'superseded', kept: 0 },
      { state: 'queued', kept: 1 },
    ]);
    await processAll();
    const [computer] = await stack.sequelize.query<{ id: number; memory_mb: number }>(
      'SELECT id, memory_mb FROM assets WHERE device_id = ?',
      {
        replacements: [deviceId],
        type: QueryTypes.SELECT,
      },
    );
    expect(computer!.memory_mb).toBe(8192);

    expect((await send(16384)).status).toBe(200);
    await processAll();
    expect((await submissions()).map(({ state, kept }) => `${state} ${kept}`)).toEqual([
      'superseded 0',
      'superseded 0',
      'done 0',
      'done 1',
    ]);
  });
});
