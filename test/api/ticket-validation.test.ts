import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupManagerRow, SupportGroupRow } from '../../organisation/organisation.models';
import { startDesk, type Desk, type TestUser } from '../support/stack';

let desk: Desk;
let boss: TestUser;

beforeAll(async () => {
  desk = await startDesk();
  boss = await desk.stack.userWith('manager');
});
afterAll(async () => desk?.stack.close());

const act = (user: TestUser, id: number, action: string, body: object = {}) =>
  desk.stack.call('POST', `/api/v1/tickets/${id}/actions/${action}`, { token: user.token, body });

async function request(): Promise<number> {
  const created = await desk.stack.call('POST', '/api/v1/tickets', {
    token: desk.alice.token,
    body: { title: 'Nouveau poste pour un arrivant', description: 'Arrivée le 1er décembre.', type: 'request', urgency: 2, impact: 2 },
  });
  return created.body.id;
}

describe('validations (approval)', () => {
  it('holds a request until all of its validators approve, each once', async () => {
    const id = await request();
    const asked = await act(desk.tech1, id, 'request_validation', { validators: [desk.manager.id, boss.id], rule: 'all' });
    expect(asked.body.status).toBe('pending');
    expect(asked.body.state).toBe('awaiting_validation');
    expect((await act(desk.tech1, id, 'validate', { decision: 'accepted' })).status).toBe(403);
    const first = await act(desk.manager, id, 'validate', { decision: 'accepted', comment: 'OK budget' });
    expect(first.body.state).toBe('awaiting_validation');
    expect((await act(desk.manager, id, 'validate', { decision: 'accepted' })).status).toBe(403);
    const second = await act(boss, id, 'validate', { decision: 'accepted' });
    expect(second.body).toMatchObject({ status: 'assigned', state: 'assigned' });
  });

  it('closes a request that a validator refuses, with the refusal in history', async () => {
    const id = await request();
    await act(desk.tech1, id, 'request_validation', { validator: desk.manager.id });
    const refused = await act(desk.manager, id, 'validate', { decision: 'refused', comment: 'Pas de budget cette année' });
    expect(refused.body.status).toBe('closed');
    const history = await desk.stack.call('GET', `/api/v1/tickets/${id}/history`, { token: desk.tech1.token });
    expect(history.body.items.at(-1)).toMatchObject({ action: 'validate', actor: desk.manager.id, data: { decision: 'refused' } });
  });

  it("asks a group's manager to validate for the group", async () => {
    const group = await SupportGroupRow.create({ name: `Achats ${randomUUID().slice(0, 6)}`, level: 1 });
    await GroupManagerRow.create({ group_id: group.id, user_id: boss.id });
    const managerless = await SupportGroupRow.create({ name: `Sans responsable ${randomUUID().slice(0, 6)}`, level: 1 });
    const id = await request();
    const refused = await act(desk.tech1, id, 'request_validation', { validatorGroups: [managerless.id] });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error.details.fields)).toEqual(['validatorGroups']);
    await act(desk.tech1, id, 'request_validation', { validatorGroups: [group.id] });
    expect((await act(boss, id, 'validate', { decision: 'accepted' })).body.status).toBe('assigned');
  });

  it('refuses unknown validators with a 400 naming the field', async () => {
    const id = await request();
    const unknown = await act(desk.tech1, id, 'request_validation', { validators: [999_999] });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.error.details.fields)).toEqual(['validators']);
    const nobody = await act(desk.tech1, id, 'request_validation', {});
    expect(nobody.status).toBe(400);
  });
});
