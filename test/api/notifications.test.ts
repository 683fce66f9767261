import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { eventually, startDesk, type Desk } from '../support/stack';

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk({ relay: false });
});
afterAll(async () => desk?.stack.close());

const incident = SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!;

describe('notifications from lifecycle states', () => {
  it('tells the requester their ticket is resolved, once, and lets only them mark it read', async () => {
    const owner = await desk.stack.userWith('owner');
    const key = `incident-${randomUUID().slice(0, 8)}`;
    const definition: any = structuredClone({ ...incident, key });
    definition.states.resolved.entry = [
      {
        effect: 'notify',
        to: ['requester'],
        message: { fr: 'Votre ticket est résolu : dites-nous si la solution convient.', en: 'Your ticket is resolved.' },
      },
    ];
    const draft = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts`, { token: owner.token, body: definition });
    expect(draft.body.findings).toEqual([]);
    await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts/${draft.body.id}/publish`, { token: owner.token });

    const filed = await desk.stack.call('POST', '/api/v1/tickets', {
      token: desk.alice.token,
      body: {
        title: 'Wi-Fi coupé en salle B',
        description: 'Plus de réseau depuis ce matin',
        type: 'incident',
        urgency: 3,
        impact: 3,
        lifecycle: key,
      },
    });
    const act = (action: string, body: unknown = {}) =>
      desk.stack.call('POST', `/api/v1/tickets/${filed.body.id}/actions/${action}`, { token: desk.tech1.token, body });
    await act('assign');
    await act('resolve', { solution: 'Borne redémarrée' });

    const mine = () => desk.stack.call('GET', '/api/v1/notifications?unread=true', { token: desk.alice.token });
    const [notice] = await eventually(async () => ((await mine()).body.items.length > 0 ? (await mine()).body.items : undefined));
    expect(notice).toMatchObject({
      ticket: filed.body.id,
      read: false,
      message: { fr: 'Votre ticket est résolu : dites-nous si la solution convient.' },
    });
    expect((await mine()).body.items).toHaveLength(1);
    expect((await desk.stack.call('GET', '/api/v1/notifications', { token: desk.tech1.token })).body.items).toEqual([]);

    expect((await desk.stack.call('POST', `/api/v1/notifications/${notice.id}/read`, { token: desk.tech1.token })).status).toBe(404);
    const read = await desk.stack.call('POST', `/api/v1/notifications/${notice.id}/read`, { token: desk.alice.token });
    expect(read.body.read).toBe(true);
    expect((await mine()).body.items).toEqual([]);
  });
});
