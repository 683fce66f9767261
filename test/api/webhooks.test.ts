import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startDesk, type Desk, type TestUser } from '../support/stack';
import { startWebhookReceiver, type Received } from '../support/webhook-receiver';
import { webhookWorkflowId } from '../../workflows/webhook.contracts';
import { ensureWebhookWorkflows } from '../../webhooks/webhook-deliverers';
import { WebhookRow } from '../../webhooks/webhook.models';

let desk: Desk;
let admin: TestUser;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
// Paths whose receiver fails: how many more times, then what it answers.
const failing = new Map<string, { times: number; status: number }>();

beforeAll(async () => {
  desk = await startDesk({ relay: false });
  admin = await desk.stack.userWith('admin');
  receiver = await startWebhookReceiver(({ path }) => {
    if (path.startsWith('/silent')) return null;
    const plan = failing.get(path);
    if (!plan || plan.times === 0) return { status: 200, body: 'ok' };
    plan.times -= 1;
    return { status: plan.status, body: 'boom: the receiver is down' };
  });
});
afterAll(async () => {
  // Their deliverers would call a receiver that is gone while later test files run.
  for (const hook of (await call(admin, 'GET', '/api/v1/webhooks')).body.items ?? []) {
    await desk.stack.temporal.workflow
      .getHandle(webhookWorkflowId(hook.id))
      .terminate('test over')
      .catch(() => undefined);
    await call(admin, 'DELETE', `/api/v1/webhooks/${hook.id}`);
  }
  await receiver?.close();
  await desk?.stack.close();
});

const call = (user: { token: string }, method: string, path: string, body?: object) =>
  desk.stack.call(method, path, { token: user.token, body });

async function subscribe(user: { token: string }, body: object): Promise<{ id: number; secret: string }> {
  const created = await call(user, 'POST', '/api/v1/webhooks', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function fileTicket(user: TestUser, extra: object = {}): Promise<number> {
  const created = await call(user, 'POST', '/api/v1/tickets', {
    title: `Poste ${randomUUID().slice(0, 6)} sans réseau`,
    description: 'Câble vérifié.',
    type: 'incident',
    urgency: 3,
    impact: 2,
    ...extra,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

const at = (path: string): Received[] => receiver.received.filter((one) => one.path === path);
/** What the receiver got at `path`, each checked against `secret` as a receiver would, in order. */
const verified = (path: string, secret: string) =>
  at(path).map(
    (one) =>
      new Webhook(secret).verify(one.body, one.headers as Record<string, string>) as {
        type: string;
        data: { ticketId: number; data: Record<string, unknown> };
      },
  );

describe('webhooks', () => {
  it("delivers an administrator's subscription the events it asked for, signed, in order, of its entity and those below only", async () => {
    const site = (await call(admin, 'POST', '/api/v1/entities', { parent: 1, name: `Site ${randomUUID().slice(0, 6)}` })).body.id;
    const floor = (await call(admin, 'POST', '/api/v1/entities', { parent: site, name: `Étage ${randomUUID().slice(0, 6)}` })).body.id;
    const path = `/site-${site}`;
    const hook = await subscribe(admin, {
      url: receiver.url(path),
      events: ['ticket.created', 'ticket.followup_added'],
      filters: { entity: site },
    });
    expect(hook.secret).toMatch(/^whsec_/);
    const shown = await call(admin, 'GET', `/api/v1/webhooks/${hook.id}`);
    expect(shown.body).toMatchObject({ id: hook.id, enabled: true, filters: { entity: site, entityChildren: true } });
    expect(JSON.stringify(shown.body)).not.toContain(hook.secret);

    const onFloor = await fileTicket(desk.tech1, { entity: floor, requester: desk.tech1.id });
    await fileTicket(desk.tech1);
    for (const content of ['Câble changé.', 'Port du switch changé.', 'Tout marche.']) {
      expect((await call(desk.tech1, 'POST', `/api/v1/tickets/${onFloor}/followups`, { content })).status).toBe(201);
    }
    await eventually(async () => (at(path).length >= 4 ? true : undefined), 30_000);
    const messages = verified(path, hook.secret);
    expect(messages.map((message) => [message.type, message.data.ticketId, message.data.data.content ?? null])).toEqual([
      ['ticket.created', onFloor, null],
      ['ticket.followup_added', onFloor, 'Câble changé.'],
      ['ticket.followup_added', onFloor, 'Port du switch changé.'],
      ['ticket.followup_added', onFloor, 'Tout marche.'],
    ]);
    expect(new Set(at(path).map((one) => one.headers['webhook-id'])).size).toBe(4);
    const log = await call(admin, 'GET', `/api/v1/webhooks/${hook.id}/deliveries`);
    expect(log.body.items).toHaveLength(4);
    expect(log.body.items[0]).toMatchObject({ delivered: true, status: 200, attempt: 1, answerHead: 'ok', manual: false });
  });

  it('never sends an API token the changes it made itself, and lets it see only its own subscriptions', async () => {
    const issued = await call(admin, 'POST', '/api/v1/api-tokens', {
      name: `Supervision ${randomUUID().slice(0, 6)}`,
      profile: 'technician',
      entity: 1,
    });
    const token = { token: issued.body.token as string };
    const path = `/token-${issued.body.id}`;
    const hook = await subscribe(token, { url: receiver.url(path), events: ['ticket.followup_added'] });
    const ticket = await fileTicket(desk.tech1);
    await call(token, 'POST', `/api/v1/tickets/${ticket}/followups`, { content: 'Relevé par la supervision.' });
    await call(desk.tech1, 'POST', `/api/v1/tickets/${ticket}/followups`, { content: 'Vu, je passe.' });
    await eventually(async () => (at(path).length >= 1 ? true : undefined), 30_000);
    // The next event it may get is the technician's: had its own come, it would be first.
    expect(verified(path, hook.secret).map((message) => message.data.data.content)).toEqual(['Vu, je passe.']);
    expect((await call(token, 'GET', '/api/v1/webhooks')).body.items.map((one: { id: number }) => one.id)).toEqual([hook.id]);
    const others = (await call(admin, 'GET', '/api/v1/webhooks')).body.items.find((one: { token: number | null }) => one.token === null);
    expect((await call(token, 'GET', `/api/v1/webhooks/${others.id}`)).status).toBe(404);
    expect((await call(desk.tech1, 'GET', '/api/v1/webhooks')).status).toBe(403);
  });

  it('tries a failing receiver again with growing pauses, keeps the order, logs each attempt, and redelivers one by hand', async () => {
    const path = `/flaky-${randomUUID().slice(0, 6)}`;
    failing.set(path, { times: 3, status: 503 });
    const hook = await subscribe(admin, { url: receiver.url(path), events: ['ticket.followup_added'] });
    const ticket = await fileTicket(desk.tech1);
    await call(desk.tech1, 'POST', `/api/v1/tickets/${ticket}/followups`, { content: 'Premier' });
    await call(desk.tech1, 'POST', `/api/v1/tickets/${ticket}/followups`, { content: 'Second' });
    await eventually(async () => (at(path).length >= 5 ? true : undefined), 60_000);
    const bodies = at(path).map((one) => (JSON.parse(one.body) as { data: { data: { content: string } } }).data.data.content);
    expect(bodies).toEqual(['Premier', 'Premier', 'Premier', 'Premier', 'Second']);
    const times = at(path)
      .slice(0, 4)
      .map((one) => Number(one.headers['webhook-timestamp']));
    // 5 s, 10 s, then 20 s (the timestamp is in whole seconds).
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(4);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(9);
    expect(times[3]! - times[2]!).toBeGreaterThanOrEqual(19);
    const log = (await call(admin, 'GET', `/api/v1/webhooks/${hook.id}/deliveries`)).body.items.reverse();
    expect(log.map((one: { attempt: number; status: number; delivered: boolean }) => [one.attempt, one.status, one.delivered])).toEqual([
      [1, 503, false],
      [2, 503, false],
      [3, 503, false],
      [4, 200, true],
      [1, 200, true],
    ]);
    for (const one of at(path))
      expect(() => new Webhook(hook.secret).verify(one.body, one.headers as Record<string, string>)).not.toThrow();
    expect(log[0].answerHead).toBe('boom: the receiver is down');

    const again = await call(admin, 'POST', `/api/v1/webhooks/${hook.id}/deliveries/${log[3].id}/redeliver`);
    expect(again.body).toMatchObject({ messageId: log[3].messageId, attempt: 5, manual: true, delivered: true });
    expect(at(path).at(-1)!.headers['webhook-id']).toBe(log[3].messageId);
  });

  it('lets a receiver that never answers delay neither a transition nor another subscriber', async () => {
    const silent = `/silent-${randomUUID().slice(0, 6)}`;
    const prompt = `/prompt-${randomUUID().slice(0, 6)}`;
    await subscribe(admin, { url: receiver.url(silent), events: ['ticket.created', 'ticket.transitioned'] });
    await subscribe(admin, { url: receiver.url(prompt), events: ['ticket.created', 'ticket.transitioned'] });
    const ticket = await fileTicket(desk.tech1);
    await eventually(async () => (at(silent).length >= 1 ? true : undefined), 30_000);
    // The silent receiver now holds its first delivery open for 10 s.
    const started = Date.now();
    const taken = await call(desk.tech1, 'POST', `/api/v1/tickets/${ticket}/actions/assign`, {});
    expect(taken.status).toBeLessThan(300);
    // Well within the 10 s the silent receiver holds its delivery, however loaded the machine.
    expect(Date.now() - started).toBeLessThan(8_000);
    await eventually(async () => (at(prompt).some((one) => one.body.includes('"ticket.transitioned"')) ? true : undefined), 8_000);
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('signs with both secrets for a while after a rotation, and stops for good when the receiver answers 410', async () => {
    const path = `/rotated-${randomUUID().slice(0, 6)}`;
    const hook = await subscribe(admin, { url: receiver.url(path), events: ['ticket.followup_added'] });
    const rotated = await call(admin, 'POST', `/api/v1/webhooks/${hook.id}/rotate-secret`);
    expect(rotated.body.secret).not.toBe(hook.secret);
    const ticket = await fileTicket(desk.tech1);
    await call(desk.tech1, 'POST', `/api/v1/tickets/${ticket}/followups`, { content: 'Signé deux fois' });
    await eventually(async () => (at(path).length >= 1 ? true : undefined), 30_000);
    expect(String(at(path)[0]!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified(path, hook.secret)).toHaveLength(1);
    expect(verified(path, rotated.body.secret)).toHaveLength(1);

    failing.set(path, { times: 1, status: 410 });
    await call(desk.tech1, 'POST', `/api/v1/tickets/${ticket}/followups`, { content: 'Refusé' });
    const stopped = await eventually(async () => {
      const shown = await call(admin, 'GET', `/api/v1/webhooks/${hook.id}`);
      return shown.body.enabled === false ? shown.body : undefined;
    }, 30_000);
    expect(stopped.disabledReason).toContain('410');
  });

  it('goes on from its cursor when its deliverer is started again at a worker’s start', async () => {
    const path = `/restarted-${randomUUID().slice(0, 6)}`;
    const hook = await subscribe(admin, { url: receiver.url(path), events: ['ticket.followup_added'] });
    // Disabled, its deliverer ends at its next look; enabled again behind its back, as a restore leaves it.
    expect((await call(admin, 'PATCH', `/api/v1/webhooks/${hook.id}`, { enabled: false })).status).toBe(200);
    await desk.stack.temporal.workflow.getHandle(webhookWorkflowId(hook.id)).result();
    await WebhookRow.update({ enabled: true, disabled_reason: null }, { where: { id: hook.id } });
    const ticket = await fileTicket(desk.tech1);
    await call(desk.tech1, 'POST', `/api/v1/tickets/${ticket}/followups`, { content: 'Écrit pendant l’arrêt' });
    await ensureWebhookWorkflows(desk.stack.temporal);
    await eventually(async () => (at(path).length >= 1 ? true : undefined), 30_000);
    expect(verified(path, hook.secret).map((message) => message.data.data.content)).toEqual(['Écrit pendant l’arrêt']);
  });

  it('refuses a URL that is not http(s), an unknown event and an unknown entity, naming each field', async () => {
    for (const [body, field] of [
      [{ url: 'ftp://example.com/hook', events: ['ticket.created'] }, 'url'],
      [{ url: 'https://example.com/hook', events: ['ticket.eaten'] }, 'events.0'],
      [{ url: 'https://example.com/hook', events: ['ticket.created'], filters: { entity: 999_999 } }, 'filters.entity'],
    ] as const) {
      const refused = await call(admin, 'POST', '/api/v1/webhooks', body);
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.error.details.fields)).toEqual([field]);
    }
  });
});
