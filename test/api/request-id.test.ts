import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ relay: false, worker: false });
});
afterAll(async () => stack?.close());

describe('request ids', () => {
  it("name every answer (X-Request-Id), keep a proxy's sane id and replace anything else", async () => {
    const fresh = await fetch(`${stack.baseUrl}/healthz`);
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await fetch(`${stack.baseUrl}/api/v1/tickets`, { headers: { 'x-request-id': 'lb-7f3a.42:9' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toBe('lb-7f3a.42:9');
    const odd = await fetch(`${stack.baseUrl}/healthz`, { headers: { 'x-request-id': 'a b<script>' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
