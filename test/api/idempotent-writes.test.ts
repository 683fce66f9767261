import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdempotentRequestRow } from '../../idempotency/idempotent-request.models';
import { TicketRow } from '../../tickets/ticket.models';
import { eventually, startDesk, type Desk, type TestUser } from '../support/stack';

let desk: Desk;

beforeAll(async () => {
  desk = await startDesk();
});
afterAll(async () => desk?.stack.close());

async function fileTicket(): Promise<number> {
  const created = await desk.stack.call('POST', '/api/v1/tickets', {
    token: desk.alice.token,
    body: {
      title: 'Imprimante du 2e étage hors ligne',
      description: 'Plus rien ne sort depuis ce matin.',
      type: 'incident',
      urgency: 3,
      impact: 2,
    },
  });
  return created.body.id;
}

const send = (method: string, user: TestUser, path: string, body: object | undefined, key: string, headers: Record<string, string> = {}) =>
  desk.stack.call(method, path, { token: user.token, body, headers: { 'Idempotency-Key': key, ...headers } });

const historyOf = async (id: number) =>
  (await desk.stack.call('GET', `/api/v1/tickets/${id}/history`, { token: desk.tech1.token })).body.items as { action: string }[];
const timelineOf = async (id: number) =>
  (await desk.stack.call('GET', `/api/v1/tickets/${id}/timeline`, { token: desk.tech1.token })).body.items as { type: string }[];

describe('writes sent again with their Idempotency-Key', () => {
  it('adds a followup once, and answers the retry as the first time', async () => {
    const id = await fileTicket();
    const key = randomUUID();
    const path = `/api/v1/tickets/${id}/followups`;
    const first = await send('POST', desk.tech1, path, { content: 'Le bac 2 est vide, je passe.' }, key);
    const again = await send('POST', desk.tech1, path, { content: 'Le bac 2 est vide, je passe.' }, key);
    expect(first.status).toBe(201);
    expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: first.body });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await timelineOf(id)).filter((item) => item.type === 'followup')).toHaveLength(1);
  });

  it('adds a followup once when the process died after writing it and before keeping its answer', async () => {
    const id = await fileTicket();
    const key = randomUUID();
    const path = `/api/v1/tickets/${id}/followups`;
    const first = await send('POST', desk.tech1, path, { content: 'Toner commandé.' }, key);
    expect(first.status).toBe(201);
    // The key is left running with its lease over and no answer, as a process that died leaves it.
    await IdempotentRequestRow.update(
      { state: 'running', lease_until: new Date(0), status: null, body: null },
      { where: { user_id: desk.tech1.id, idempotency_key: key } },
    );
    const again = await send('POST', desk.tech1, path, { content: 'Toner commandé.' }, key);
    expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: first.body });
    expect((await timelineOf(id)).filter((item) => item.type === 'followup')).toHaveLength(1);
  });

  it('answers the retry of a link whose answer was lost with that link, not as already linked', async () => {
    const [id, other] = [await fileTicket(), await fileTicket()];
    const key = randomUUID();
    const path = `/api/v1/tickets/${id}/links`;
    const first = await send('POST', desk.tech1, path, { ticket: other, kind: 'related' }, key);
    expect(first.status).toBe(201);
    await IdempotentRequestRow.update(
      { state: 'running', lease_until: new Date(0), status: null, body: null },
      { where: { user_id: desk.tech1.id, idempotency_key: key } },
    );
    const again = await send('POST', desk.tech1, path, { ticket: other, kind: 'related' }, key);
    expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: first.body });
  });

  it('takes an action once, even when its first answer was lost after the workflow took it', async () => {
    const id = await fileTicket();
    const key = randomUUID();
    const path = `/api/v1/tickets/${id}/actions/assign`;
    const first = await send('POST', desk.tech1, path, {}, key);
    expect(first.status).toBe(200);
    // As if the process had died before keeping the answer: the retry asks the workflow again,
    // which knows the Update by its id and does not apply it twice.
    await IdempotentRequestRow.update(
      { state: 'accepted', status: null, body: null },
      { where: { user_id: desk.tech1.id, idempotency_key: key } },
    );
    const again = await send('POST', desk.tech1, path, {}, key);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id, status: 'assigned', version: first.body.version });
    expect((await historyOf(id)).filter((event) => event.action === 'assign')).toHaveLength(1);
  });

  it('answers 202 with where to look while a change taken by the workflow cannot be recorded, and the same key then gets its outcome', async () => {
    const id = await fileTicket();
    const key = randomUUID();
    // Another transaction holds the ticket's row: the workflow takes the action, its recording waits.
    const holder = await desk.stack.sequelize.transaction();
    await TicketRow.findByPk(id, { transaction: holder, lock: holder.LOCK.UPDATE });
    const accepted = await send('POST', desk.tech1, `/api/v1/tickets/${id}/actions/assign`, {}, key);
    await holder.commit();
    expect({ status: accepted.status, location: accepted.headers.get('location') }).toEqual({
      status: 202,
      location: `/api/v1/tickets/${id}`,
    });
    expect(accepted.body).toMatchObject({ accepted: true, location: `/api/v1/tickets/${id}` });
    const final = await eventually(async () => {
      const answer = await send('POST', desk.tech1, `/api/v1/tickets/${id}/actions/assign`, {}, key);
      return answer.status === 200 ? answer : undefined;
    });
    expect(final.body).toMatchObject({ id, status: 'assigned' });
    expect((await historyOf(id)).filter((event) => event.action === 'assign')).toHaveLength(1);
  });

  it('edits fields once: the retry of an edit made with If-Match is not refused as stale', async () => {
    const id = await fileTicket();
    const key = randomUUID();
    const { headers } = await desk.stack.call('GET', `/api/v1/tickets/${id}`, { token: desk.tech1.token });
    const ifMatch = { 'If-Match': headers.get('etag')! };
    const first = await send('PATCH', desk.tech1, `/api/v1/tickets/${id}`, { urgency: 5 }, key, ifMatch);
    const again = await send('PATCH', desk.tech1, `/api/v1/tickets/${id}`, { urgency: 5 }, key, ifMatch);
    expect(first.status).toBe(200);
    expect({ status: again.status, etag: again.headers.get('etag') }).toEqual({ status: 200, etag: first.headers.get('etag') });
  });

  it('answers a refusal again as it was, without acting', async () => {
    const id = await fileTicket();
    const key = randomUUID();
    const plan = { start: '2026-12-07T08:00:00Z', end: '2026-12-07T09:00:00Z' };
    const refused = await send('POST', desk.tech1, `/api/v1/tickets/${id}/actions/plan`, plan, key);
    expect(refused.status).toBe(409);
    await send('POST', desk.tech1, `/api/v1/tickets/${id}/actions/assign`, {}, randomUUID());
    // The ticket could now be planned, but this key already has its outcome.
    const again = await send('POST', desk.tech1, `/api/v1/tickets/${id}/actions/plan`, plan, key);
    expect({ status: again.status, body: again.body }).toEqual({ status: 409, body: refused.body });
  });

  it('refuses the key reused for another request, and a key that is not one', async () => {
    const id = await fileTicket();
    const key = randomUUID();
    await send('POST', desk.tech1, `/api/v1/tickets/${id}/followups`, { content: 'Premier message' }, key);
    const reused = await send('POST', desk.tech1, `/api/v1/tickets/${id}/followups`, { content: 'Autre message' }, key);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    const malformed = await send('POST', desk.tech1, `/api/v1/tickets/${id}/followups`, { content: 'Message' }, 'clé avec accents');
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.error.details.fields)).toEqual(['Idempotency-Key']);
  });

  it('keeps keys per caller: the same key from someone else is their own request', async () => {
    const id = await fileTicket();
    const key = randomUUID();
    const path = `/api/v1/tickets/${id}/followups`;
    await send('POST', desk.tech1, path, { content: 'Je regarde.' }, key);
    const theirs = await send('POST', desk.alice, path, { content: 'Je regarde.' }, key);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect((await timelineOf(id)).filter((item) => item.type === 'followup')).toHaveLength(2);
  });

  it('acts once on a double click: the same key sent twice at once', async () => {
    const id = await fileTicket();
    const key = randomUUID();
    const path = `/api/v1/tickets/${id}/actions/assign`;
    const answers = await Promise.all([send('POST', desk.tech1, path, {}, key), send('POST', desk.tech1, path, {}, key)]);
    // One runs; the other is told it is running (409 with Retry-After) or, if it came after, gets the same answer.
    expect(answers.map((a) => a.status).sort()).toSatisfy((statuses: number[]) => statuses[0] === 200 && [200, 409].includes(statuses[1]!));
    const waiting = answers.find((a) => a.status === 409);
    if (waiting) {
      expect(waiting.body.error.code).toBe('request_in_progress');
      expect(waiting.headers.get('retry-after')).toBe('1');
    }
    expect((await historyOf(id)).filter((event) => event.action === 'assign')).toHaveLength(1);
  });
});
