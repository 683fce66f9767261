import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let admin: TestUser;

// Behind a reverse proxy on the same machine, every request comes from the loopback address.
beforeAll(async () => {
  stack = await startStack({
    relay: false,
    rateLimits: { perIpPerMinute: 4, perUserPerMinute: 600, perTokenPerMinute: 100 },
    trustProxy: ['loopback'],
  });
});
afterAll(async () => stack?.close());

const from = (client: string, path = '/api/v1/tickets') => fetch(`${stack.baseUrl}${path}`, { headers: { 'x-forwarded-for': client } });

describe('behind a trusted reverse proxy', () => {
  it('limits each client address the proxy forwards, not the proxy itself, and audits that address', async () => {
    // The users' logins come through the proxy too; this one from an address of its own.
    admin = await stack.userWith('admin');
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await from('203.0.113.7')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect((await from('203.0.113.8')).status).toBe(401);

    const failed = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.23' },
      body: JSON.stringify({ login: admin.login, password: 'not the password' }),
    });
    expect(failed.status).toBe(401);
    const audit = await fetch(`${stack.baseUrl}/api/v1/audit?kind=login_failed&subject=user:${admin.id}`, {
      headers: { authorization: `Bearer ${admin.token}`, 'x-forwarded-for': '198.51.100.99' },
    });
    const { items } = (await audit.json()) as { items: { ip: string }[] };
    expect(items.map((entry) => entry.ip)).toEqual(['198.51.100.23']);
  });
});
