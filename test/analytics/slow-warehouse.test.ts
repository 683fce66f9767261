import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClickhouse } from '../../analytics/clickhouse';
import { relayBatch } from '../../analytics/outbox-relay';
import { startStack, type Stack, type TestUser } from '../support/stack';
import { TEST_CLICKHOUSE } from '../support/test-settings';

let stack: Stack;
let alice: TestUser;
let tech1: TestUser;
// A ClickHouse that accepts connections and never answers: the slowest warehouse there is.
let silent: Server;
const sockets: Socket[] = [];

beforeAll(async () => {
  stack = await startStack({ relay: false });
  alice = await stack.userWith('requester');
  tech1 = await stack.userWith('technician', 'N1');
  silent = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
  await new Promise((resolve) => silent.once('listening', resolve));
});
afterAll(async () => {
  sockets.forEach((socket) => socket.destroy());
  silent?.close();
  await stack?.close();
});

const fileTicket = () =>
  stack.call('POST', '/api/v1/tickets', {
    token: alice.token,
    body: {
      title: 'Envoi et réception bloqués',
      description: 'Pour plusieurs personnes du service.',
      type: 'incident',
      urgency: 4,
      impact: 4,
    },
  });

describe('a slow ClickHouse', () => {
  it('never holds up filing tickets or recording transitions while a relay batch hangs', async () => {
    await fileTicket();
    const hanging = connectClickhouse({ ...TEST_CLICKHOUSE, url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` });
    const batch = relayBatch(stack.sequelize, hanging, 100).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const started = performance.now();
    const created = await fileTicket();
    const assigned = await stack.call('POST', `/api/v1/tickets/${created.body.id}/actions/assign`, { token: tech1.token, body: {} });
    const elapsed = performance.now() - started;
    expect(created.status).toBe(201);
    expect(assigned.status).toBe(200);
    expect(elapsed).toBeLessThan(5_000);

    // The hanging batch gives up and leaves its rows for the next delivery.
    expect(await batch).toBeInstanceOf(Error);
    const [waiting] = await stack.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM outbox', { type: QueryTypes.SELECT });
    expect(Number(waiting?.n)).toBeGreaterThanOrEqual(3);
    await hanging.close();
  }, 30_000);
});
