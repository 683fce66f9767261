import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { licencesWithStaleClock } from '../../licences/licence.repository';
import { reconcileLicenceClocks } from '../../licences/licence.service';
import { startAgents } from '../support/agent-computers';
import { startStack, type Stack, type TestUser } from '../support/stack';

// Software licences through the API, on computers of an entity of the test's own: installations
// counted from what agents report, assignments, over-use, filters, rights, and a renewal clock
// running for each.
const run = randomUUID().slice(0, 8);
let stack: Stack;
let agents: Awaited<ReturnType<typeof startAgents>>;
let admin: TestUser;
let technician: TestUser;
let requester: TestUser;
let entity: number;
const computers: number[] = [];

const dateIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const licenceOf = (body: object) => ({
  name: `LibreOffice ${run}`,
  software: 'bash',
  kind: 'volume',
  seats: 1,
  expiresOn: dateIn(200),
  ...body,
});

beforeAll(async () => {
  stack = await startStack({ relay: false });
  admin = await stack.userWith('admin');
  technician = await stack.userWith('technician', 'N1');
  requester = await stack.userWith('requester');
  entity = (await stack.call('POST', '/api/v1/entities', { token: admin.token, body: { parent: 1, name: `Agence ${run}` } })).body.id;
  agents = await startAgents(stack, admin, entity);
  for (const i of [1, 2])
    computers.push(
      await agents.file({ name: `pc-${i}-${run}`, mac: `02:ee:00:00:00:0${i}`, maker: 'HP', model: 'ProDesk 400' }, technician),
    );
});
afterAll(async () => {
  await agents?.stop();
  await stack?.close();
});

describe('software licences', () => {
  it('counts installations and assignments against seats, and lists the over-used ones', async () => {
    const created = await stack.call('POST', '/api/v1/licences', { token: technician.token, body: licenceOf({ entity }) });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    expect(created.body).toMatchObject({ entity, installations: 2, assigned: 0, overUsed: true, alertDays: [30, 7], ownAlertDays: false });
    expect(created.body.installedOn.map((one: { id: number }) => one.id).sort()).toEqual([...computers].sort());
    const overUsed = await stack.call('GET', `/api/v1/licences?overUsed=true&entity=${entity}`, { token: technician.token });
    expect(overUsed.body.items.map((one: { id: number }) => one.id)).toEqual([id]);

    const more = await stack.call('PATCH', `/api/v1/licences/${id}`, { token: technician.token, body: { seats: 5, alertDays: [60, 14] } });
    expect(more.body).toMatchObject({ seats: 5, overUsed: false, alertDays: [60, 14], ownAlertDays: true });
    expect((await stack.call('GET', `/api/v1/licences?overUsed=true&entity=${entity}`, { token: technician.token })).body.items).toEqual(
      [],
    );

    const assigned = await stack.call('PUT', `/api/v1/licences/${id}/assignments`, {
      token: technician.token,
      body: { assets: [computers[0]], users: [requester.id] },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ assigned: 2, assignedAssets: [{ id: computers[0] }], assignedUsers: [{ id: requester.id }] });

    // Its renewal clock runs, having taken its latest terms.
    const clock = await stack.temporal.workflow.getHandle(`licence-${id}`).describe();
    expect(clock.status.name).toBe('RUNNING');
    const expiring = await stack.call('GET', `/api/v1/licences?expiringWithin=365&entity=${entity}`, { token: technician.token });
    expect(expiring.body.items.map((one: { id: number }) => one.id)).toContain(id);
    const later = await stack.call('GET', `/api/v1/licences?expiringWithin=30&entity=${entity}`, { token: technician.token });
    expect(later.body.items).toEqual([]);

    // Licences that follow their entity's thresholds take its new ones, their clocks too.
    const follower = (
      await stack.call('POST', '/api/v1/licences', { token: technician.token, body: licenceOf({ entity, name: `Visio ${run}` }) })
    ).body.id as number;
    await stack.call('GET', `/api/v1/licences/${follower}`, { token: technician.token });
    const edited = await stack.call('PATCH', `/api/v1/entities/${entity}`, { token: admin.token, body: { licenceAlertDays: [45] } });
    expect(edited.body.licenceAlertDays).toEqual([45]);
    expect((await stack.call('GET', `/api/v1/licences/${follower}`, { token: technician.token })).body.alertDays).toEqual([45]);
    expect((await stack.call('GET', `/api/v1/licences/${id}`, { token: technician.token })).body.alertDays).toEqual([60, 14]);
    expect(await licencesWithStaleClock(stack.sequelize)).toContain(follower);
    await reconcileLicenceClocks({ sequelize: stack.sequelize, temporal: stack.temporal });
    expect(await licencesWithStaleClock(stack.sequelize)).not.toContain(follower);

    expect((await stack.call('DELETE', `/api/v1/licences/${id}`, { token: technician.token })).status).toBe(200);
    expect((await stack.call('GET', `/api/v1/licences/${id}`, { token: technician.token })).status).toBe(404);
  });

  it('names each bad field, and keeps licences to the desk and those who read its figures', async () => {
    const bad = await stack.call('POST', '/api/v1/licences', {
      token: technician.token,
      body: licenceOf({ kind: 'pirate', alertDays: [0], expiresOn: '2027-02-30' }),
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['alertDays.0', 'expiresOn', 'kind']);
    const nobody = await stack.call('POST', '/api/v1/licences', { token: technician.token, body: licenceOf({ manager: 999_999_999 }) });
    expect(nobody.body.error.details.fields).toHaveProperty('manager');
    const stranger = await stack.call(
      'PUT',
      `/api/v1/licences/${(await stack.call('POST', '/api/v1/licences', { token: technician.token, body: licenceOf({}) })).body.id}/assignments`,
      {
        token: technician.token,
        body: { assets: [999_999_999], users: [] },
      },
    );
    expect(stranger.body.error.details.fields).toHaveProperty('assets');
    expect((await stack.call('POST', '/api/v1/licences', { token: requester.token, body: licenceOf({}) })).status).toBe(403);
    expect((await stack.call('GET', '/api/v1/licences', { token: requester.token })).status).toBe(403);
    const manager = await stack.userWith('manager');
    expect((await stack.call('GET', `/api/v1/licences?entity=${entity}`, { token: manager.token })).status).toBe(200);
  });
});
