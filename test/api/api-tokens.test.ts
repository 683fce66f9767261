import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenRow } from '../../users/user.models';
import { AuditLogRow } from '../../audit/audit.models';
import { startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let admin: TestUser;
let site: number;

const ticketBody = (entity: number) => ({
  title: 'Alerte supervision : disque plein sur SRV-FIC-02',
  description: 'Remontée automatique de la supervision.',
  type: 'incident',
  urgency: 4,
  impact: 3,
  entity,
});

async function newToken(body: object) {
  const response = await stack.call('POST', '/api/v1/api-tokens', { token: admin.token, body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: number; token: string; prefix: string; user: number };
}

beforeAll(async () => {
  // Tight per-token limit, so the test reaches it; the address limit is the last test's.
  stack = await startStack({ relay: false, rateLimits: { perIpPerMinute: 150, perUserPerMinute: 600, perTokenPerMinute: 6 } });
  admin = await stack.userWith('admin');
  site = (
    await stack.call('POST', '/api/v1/entities', { token: admin.token, body: { parent: 1, name: `Site ${randomUUID().slice(0, 6)}` } })
  ).body.id;
});
afterAll(async () => stack?.close());

describe('API tokens for external systems', () => {
  it('shows a token once, keeps only its hash, scopes it to its entity and records its use', async () => {
    const created = await newToken({ name: 'Supervision Centreon', profile: 'technician', entity: site, recursive: true });
    expect(created.token).toMatch(/^gch_[\w-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const stored = await ApiTokenRow.findByPk(created.id, { rejectOnEmpty: true });
    expect(stored.token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    const listed = await stack.call('GET', '/api/v1/api-tokens', { token: admin.token });
    const mine = listed.body.items.find((item: { id: number }) => item.id === created.id);
    expect(mine).toMatchObject({ name: 'Supervision Centreon', profile: 'technician', entity: site, lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(created.token);

    const filed = await stack.call('POST', '/api/v1/tickets', { token: created.token, body: ticketBody(site) });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    // Outside its entity, the token files nothing.
    const outside = await stack.call('POST', '/api/v1/tickets', { token: created.token, body: ticketBody(1) });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details.fields).toHaveProperty('entity');
    const read = await stack.call('GET', `/api/v1/tickets/${filed.body.id}`, { token: created.token });
    expect(read.status).toBe(200);

    const after = await stack.call('GET', '/api/v1/api-tokens', { token: admin.token });
    expect(after.body.items.find((item: { id: number }) => item.id === created.id).lastUsedAt).not.toBeNull();
    const audit = await stack.call('GET', `/api/v1/audit?subject=ticket:${filed.body.id}`, { token: admin.token });
    expect(audit.body.items.map((entry: { kind: string; token: number }) => [entry.kind, entry.token])).toEqual([
      ['token_used', created.id],
      ['data_change', created.id],
    ]);
  });

  it('refuses a revoked token, and lets only administrators manage tokens', async () => {
    const created = await newToken({ name: 'Inventaire OCS', profile: 'requester', entity: site });
    expect((await stack.call('GET', '/api/v1/tickets', { token: created.token })).status).toBe(200);
    const revoked = await stack.call('DELETE', `/api/v1/api-tokens/${created.id}`, { token: admin.token });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const refused = await stack.call('GET', '/api/v1/tickets', { token: created.token });
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.body)).not.toContain(created.token);
    const kinds = (await stack.call('GET', `/api/v1/audit?subject=api_token:${created.id}`, { token: admin.token })).body.items.map(
      (entry: { kind: string }) => entry.kind,
    );
    // Newest first: the DELETE, the revocation it made, the POST that created the token and its creation.
    expect(kinds).toEqual(['data_change', 'token_revoked', 'data_change', 'token_created']);

    const technician = await stack.userWith('technician', 'N1');
    const body = { name: 'Script', profile: 'admin', entity: 1 };
    expect((await stack.call('POST', '/api/v1/api-tokens', { token: technician.token, body })).status).toBe(403);
    expect((await stack.call('GET', '/api/v1/api-tokens', { token: technician.token })).status).toBe(403);
    // An administrator of one site cannot mint a token for the whole organisation.
    const siteAdmin = await stack.userWith('admin', undefined, { entity: site });
    const wider = await stack.call('POST', '/api/v1/api-tokens', { token: siteAdmin.token, body });
    expect(wider.status).toBe(400);
    expect(wider.body.error.details.fields).toHaveProperty('entity');
    // Nor see or revoke the organisation's tokens: they do not exist for them.
    const organisation = await newToken({ name: 'Sauvegardes', profile: 'technician', entity: 1 });
    const seen = await stack.call('GET', '/api/v1/api-tokens', { token: siteAdmin.token });
    expect(seen.body.items.map((token: { id: number }) => token.id)).not.toContain(organisation.id);
    expect(seen.body.items.map((token: { id: number }) => token.id)).toContain(created.id);
    const revokedElsewhere = await stack.call('DELETE', `/api/v1/api-tokens/${organisation.id}`, { token: siteAdmin.token });
    expect(revokedElsewhere.status).toBe(404);
    const past = await stack.call('POST', '/api/v1/api-tokens', {
      token: admin.token,
      body: { ...body, expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);
    expect(past.body.error.details.fields).toHaveProperty('expiresAt');
  });

  it('keeps the audit log append-only, whoever asks the database', async () => {
    await expect(AuditLogRow.update({ kind: 'login' }, { where: {} })).rejects.toThrow(/append-only/);
    await expect(AuditLogRow.destroy({ where: {} })).rejects.toThrow(/append-only/);
    const ticket = await stack.call('POST', '/api/v1/tickets', { token: admin.token, body: ticketBody(site) });
    await stack.call('POST', `/api/v1/tickets/${ticket.body.id}/actions/assign`, { token: admin.token, body: {} });
    const told = await stack.call('GET', `/api/v1/audit?ticket=${ticket.body.id}`, { token: admin.token });
    expect(told.status).toBe(200);
    const kinds = told.body.items.map((entry: { kind: string; target: string }) => `${entry.kind} ${entry.target}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'data_change POST /api/v1/tickets',
        'data_change POST /api/v1/tickets/:id/actions/:action',
        'ticket_event create',
        'ticket_event assign',
      ]),
    );
    const requester = await stack.userWith('requester');
    expect((await stack.call('GET', '/api/v1/audit', { token: requester.token })).status).toBe(403);
  });

  it('answers 429 with Retry-After past a token’s limit, while other tokens go on', async () => {
    const busy = await newToken({ name: 'Robot bavard', profile: 'requester', entity: site });
    const calm = await newToken({ name: 'Robot calme', profile: 'requester', entity: site });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 8; i += 1) {
      const response = await fetch(`${stack.baseUrl}/api/v1/tickets`, { headers: { authorization: `Bearer ${busy.token}` } });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited!.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await stack.call('GET', '/api/v1/tickets', { token: calm.token })).status).toBe(200);
  });

  it('answers 429 with Retry-After past an address’s limit, logins included', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 200 && last?.status !== 429; i += 1) last = await fetch(`${stack.baseUrl}/api/v1/tickets`);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    const login = await stack.call('POST', '/api/v1/auth/login', { body: { login: 'nobody', password: 'guess' } });
    expect(login.status).toBe(429);
    expect(login.body.error.code).toBe('rate_limited');
    // With no proxy trusted, a forwarded address is the client's own say-so, and changes nothing.
    const forged = await fetch(`${stack.baseUrl}/api/v1/tickets`, { headers: { 'x-forwarded-for': '203.0.113.50' } });
    expect(forged.status).toBe(429);
  });
});
