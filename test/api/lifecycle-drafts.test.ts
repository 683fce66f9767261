import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { startDesk, type Desk, type TestUser } from '../support/stack';

let desk: Desk;
let owner: TestUser;

beforeAll(async () => {
  desk = await startDesk();
  owner = await desk.stack.userWith('owner');
});
afterAll(async () => desk?.stack.close());

const incident = SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!;
/** A lifecycle of this test's own, so its versions are not those other tests' tickets start on. */
const ownKey = () => `incident-${randomUUID().slice(0, 8)}`;
const definitionOf = (key: string) => structuredClone({ ...incident, key }) as any;

/** The incident lifecycle with a state where the ticket waits for spare parts. */
function withAwaitingParts(definition: any) {
  definition.states.awaiting_parts = { status: 'pending', label: { fr: 'En attente de pièces', en: 'Awaiting parts' } };
  definition.actions.push(
    { name: 'order_parts', from: ['assigned'], to: 'awaiting_parts', roles: ['technician'], payload: ['supplier'] },
    { name: 'parts_received', from: ['awaiting_parts'], to: 'assigned', roles: ['technician'] },
  );
  return definition;
}

describe('lifecycle drafts', () => {
  it('saves a draft with its findings, updates them as it is edited, and publishes it as version 1 of a new lifecycle', async () => {
    const key = ownKey();
    const broken = definitionOf(key);
    broken.states.forgotten = { status: 'pending', label: { fr: 'Oublié', en: 'Forgotten' } };
    const created = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts`, { token: owner.token, body: broken });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key, basedOn: null, definition: { key }, drawable: true });
    expect(created.body.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'unreachable-state', path: '$.states.forgotten' }),
        expect.objectContaining({ rule: 'no-way-to-close', path: '$.states.forgotten' }),
      ]),
    );

    const refused = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts/${created.body.id}/publish`, { token: owner.token });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('lifecycle_invalid');
    expect(refused.body.error.details.findings.map((f: any) => f.path)).toContain('$.states.forgotten');
    expect((await desk.stack.call('GET', `/api/v1/lifecycles/${key}/versions`, { token: owner.token })).status).toBe(404);

    const fixed = await desk.stack.call('PATCH', `/api/v1/lifecycles/${key}/drafts/${created.body.id}`, {
      token: owner.token,
      body: withAwaitingParts(definitionOf(key)),
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.findings).toEqual([]);
    const svg = await fetch(`${desk.stack.baseUrl}/api/v1/lifecycles/${key}/drafts/${created.body.id}/diagram.svg`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(await svg.text()).toContain('En attente de pièces');

    const published = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts/${created.body.id}/publish`, { token: owner.token });
    expect(published).toMatchObject({ status: 201, body: { key, version: 1 } });
    const version = await desk.stack.call('GET', `/api/v1/lifecycles/${key}/versions/1`, { token: desk.tech1.token });
    expect(version.body.states.awaiting_parts.label.en).toBe('Awaiting parts');
    expect((await desk.stack.call('GET', `/api/v1/lifecycles/${key}/drafts/${created.body.id}`, { token: owner.token })).status).toBe(404);
  });

  it('pins running tickets to their version while new tickets start on the newest', async () => {
    const key = ownKey();
    const first = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts`, { token: owner.token, body: definitionOf(key) });
    await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts/${first.body.id}/publish`, { token: owner.token });
    const file = (title: string) =>
      desk.stack.call('POST', '/api/v1/tickets', {
        token: desk.alice.token,
        body: { title, description: 'Le poste ne démarre plus', type: 'incident', urgency: 3, impact: 3, lifecycle: key },
      });
    const early = await file('Poste bloqué au démarrage');
    expect(early.body.lifecycle).toEqual({ key, version: 1 });

    const second = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts`, {
      token: owner.token,
      body: withAwaitingParts(definitionOf(key)),
    });
    expect(second.body.basedOn).toBe(1);
    const published = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts/${second.body.id}/publish`, { token: owner.token });
    expect(published.body.version).toBe(2);
    const fromFirst = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts?basedOn=1`, {
      token: owner.token,
      body: definitionOf(key),
    });
    expect(fromFirst.body.basedOn).toBe(1);
    const fromNowhere = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts?basedOn=9`, {
      token: owner.token,
      body: definitionOf(key),
    });
    expect(fromNowhere.body.error.details.fields.basedOn).toBe(`lifecycle ${key} has no version 9`);

    const late = await file('Écran noir après mise à jour');
    expect(late.body.lifecycle).toEqual({ key, version: 2 });
    const assign = (id: number) => desk.stack.call('POST', `/api/v1/tickets/${id}/actions/assign`, { token: desk.tech1.token, body: {} });
    expect((await assign(early.body.id)).body.actions).not.toContain('order_parts');
    expect((await assign(late.body.id)).body.actions).toContain('order_parts');
    const order = (body: unknown) =>
      desk.stack.call('POST', `/api/v1/tickets/${late.body.id}/actions/order_parts`, { token: desk.tech1.token, body });
    const withoutSupplier = await order({ supplier: ' ' });
    expect(withoutSupplier.status).toBe(400);
    expect(withoutSupplier.body.error.details.fields.supplier).toMatch(
      /^required by "order_parts" in the lifecycle incident-\w+ \(version 2\)$/,
    );
    expect((await order({ supplier: 'Dell Pro Support' })).body).toMatchObject({ state: 'awaiting_parts', status: 'pending' });

    const versions = await desk.stack.call('GET', `/api/v1/lifecycles/${key}/versions`, { token: desk.tech1.token });
    expect(versions.body.items).toEqual([
      expect.objectContaining({ version: 2, runningTickets: 1 }),
      expect.objectContaining({ version: 1, runningTickets: 1 }),
    ]);
  });

  it('refuses to publish entry effects naming a group or a user that does not exist here', async () => {
    const key = ownKey();
    const definition = definitionOf(key);
    definition.states.assigned.entry = [{ effect: 'assignGroup', group: 999_999 }];
    definition.states.pending.entry = [{ effect: 'requestValidation', validators: [owner.id, 999_998] }];
    const draft = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts`, { token: owner.token, body: definition });
    expect(draft.body.findings).toEqual([
      { rule: 'unknown-reference', path: '$.states.assigned.entry[0].group', message: 'no support group has the id 999999' },
      { rule: 'unknown-reference', path: '$.states.pending.entry[0].validators[1]', message: 'no user has the id 999998' },
    ]);
    const publish = () => desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts/${draft.body.id}/publish`, { token: owner.token });
    expect((await publish()).status).toBe(400);
    definition.states.assigned.entry = [{ effect: 'assignGroup', group: desk.stack.groups.n2 }];
    definition.states.pending.entry = [{ effect: 'requestValidation', validators: [owner.id] }];
    const fixed = await desk.stack.call('PATCH', `/api/v1/lifecycles/${key}/drafts/${draft.body.id}`, {
      token: owner.token,
      body: definition,
    });
    expect(fixed.body.findings).toEqual([]);
    expect((await publish()).status).toBe(201);
  });

  it('publishes the JSON Schema that definitions are checked against', async () => {
    const schema = await desk.stack.call('GET', '/api/v1/lifecycles/definition.schema.json', { token: owner.token });
    expect(schema.status).toBe(200);
    expect(schema.body.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.body.required).toEqual(expect.arrayContaining(['key', 'initial', 'states', 'actions']));
    expect(schema.body.properties.states.additionalProperties.properties.status.enum).toEqual([
      'new',
      'assigned',
      'planned',
      'pending',
      'resolved',
      'closed',
    ]);
  });

  it('refuses drafts to everyone but process owners and administrators, and bad bodies with the field named', async () => {
    const key = ownKey();
    for (const user of [desk.alice, desk.tech1, desk.manager]) {
      const response = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts`, { token: user.token, body: definitionOf(key) });
      expect(response.status).toBe(403);
    }
    const admin = await desk.stack.userWith('admin');
    expect(
      (await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts`, { token: admin.token, body: definitionOf(key) })).status,
    ).toBe(201);
    const otherKey = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts`, {
      token: owner.token,
      body: definitionOf('incident'),
    });
    expect(otherKey.status).toBe(400);
    expect(otherKey.body.error.details.fields).toHaveProperty('key');
    const shapeless = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts`, { token: owner.token, body: { key, states: 3 } });
    expect(shapeless.body).toMatchObject({ drawable: false });
    const undrawn = await fetch(`${desk.stack.baseUrl}/api/v1/lifecycles/${key}/drafts/${shapeless.body.id}/diagram.svg`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(undrawn.status).toBe(400);
    const notAnObject = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts`, { token: owner.token, body: [1, 2] });
    expect(notAnObject.status).toBe(400);
    const malformed = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts`, {
      token: owner.token,
      rawBody: '{"key": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
  });

  it('answers a 10,000-state definition at once with one finding, and publishes nothing', async () => {
    const key = ownKey();
    const huge = definitionOf(key);
    for (let i = 0; i < 10_000; i += 1) huge.states[`s${i}`] = { status: 'new', label: { fr: 'x', en: 'x' } };
    const started = performance.now();
    const draft = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts`, { token: owner.token, body: huge });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(draft.body.findings).toEqual([expect.objectContaining({ rule: 'size', path: '$.states' })]);
    const refused = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts/${draft.body.id}/publish`, { token: owner.token });
    expect(refused.status).toBe(400);
    expect((await desk.stack.call('GET', `/api/v1/lifecycles/${key}/versions`, { token: owner.token })).status).toBe(404);
  });
});
