// Who may see what is kept in each API process between requests, and holds anyway from the first
// request after a change, whoever made it: changes here are written with plain SQL, as an import,
// the directory sync or another API process would write them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let admin: TestUser;

beforeAll(async () => {
  stack = await startStack({ relay: false });
  admin = await stack.userWith('admin');
});
afterAll(async () => {
  await stack?.close();
});

async function newEntity(parent: number): Promise<number> {
  const response = await stack.call('POST', '/api/v1/entities', {
    token: admin.token,
    body: { parent, name: `Site ${randomUUID().slice(0, 6)}` },
  });
  expect(response.status).toBe(201);
  return response.body.id as number;
}

async function ticketIn(entity: number): Promise<number> {
  const body = {
    title: 'Écran noir au guichet 2',
    description: 'Plus rien ne s’affiche.',
    type: 'incident',
    urgency: 3,
    impact: 3,
    entity,
  };
  const response = await stack.call('POST', '/api/v1/tickets', { token: admin.token, body });
  expect(response.status).toBe(201);
  return response.body.id as number;
}

const statusOfTicket = async (user: TestUser, id: number) =>
  (await stack.call('GET', `/api/v1/tickets/${id}`, { token: user.token })).status;

// The statements run while `work` runs.
async function statementsDuring(work: () => Promise<void>): Promise<string[]> {
  const statements: string[] = [];
  stack.sequelize.addHook('afterQuery', 'statements-during', (_options, query) => {
    statements.push((query as unknown as { sql: string }).sql);
  });
  try {
    await work();
  } finally {
    stack.sequelize.removeHook('afterQuery', 'statements-during');
  }
  return statements;
}

describe('access kept between requests', () => {
  it('follows an entity moved out from under a technician, and back, from their next request', async () => {
    const region = await newEntity(1);
    const elsewhere = await newEntity(1);
    const site = await newEntity(region);
    const technician = await stack.userWith('technician', undefined, {
      grants: [{ profile: 'technician', entity: region, recursive: true }],
    });
    const ticket = await ticketIn(site);
    expect(await statusOfTicket(technician, ticket)).toBe(200);
    expect(await statusOfTicket(technician, ticket)).toBe(200);

    await stack.sequelize.query('UPDATE entities SET parent_id = ? WHERE id = ?', { replacements: [elsewhere, site] });
    expect(await statusOfTicket(technician, ticket)).toBe(404);
    await stack.sequelize.query('UPDATE entities SET parent_id = ? WHERE id = ?', { replacements: [region, site] });
    expect(await statusOfTicket(technician, ticket)).toBe(200);
  });

  it('follows a profile taken back, and given again, from the next request', async () => {
    const site = await newEntity(1);
    const technician = await stack.userWith('technician', undefined, {
      grants: [{ profile: 'technician', entity: site, recursive: true }],
    });
    const ticket = await ticketIn(site);
    expect(await statusOfTicket(technician, ticket)).toBe(200);

    await stack.sequelize.query("UPDATE user_profiles SET profile = 'requester' WHERE user_id = ?", { replacements: [technician.id] });
    expect(await statusOfTicket(technician, ticket)).toBe(404);
    await stack.sequelize.query("UPDATE user_profiles SET profile = 'technician' WHERE user_id = ?", { replacements: [technician.id] });
    expect(await statusOfTicket(technician, ticket)).toBe(200);
  });

  it("reads a caller's profiles once, and again only after the entity tree or a profile changed", async () => {
    const site = await newEntity(1);
    const technician = await stack.userWith('technician', undefined, { entity: site });
    const ticket = await ticketIn(site);
    expect(await statusOfTicket(technician, ticket)).toBe(200);
    // The technician's own: the worker and the notifier of this process read other people's meanwhile.
    const profileReads = (statements: string[]) =>
      statements.filter((sql) => sql.includes('FROM `user_profiles`') && sql.includes(`\`user_id\` = ${technician.id} `)).length;

    const kept = await statementsDuring(async () => {
      for (let i = 0; i < 5; i += 1) expect(await statusOfTicket(technician, ticket)).toBe(200);
    });
    expect(profileReads(kept)).toBe(0);

    await newEntity(site);
    const readAgain = await statementsDuring(async () => {
      for (let i = 0; i < 5; i += 1) expect(await statusOfTicket(technician, ticket)).toBe(200);
    });
    expect(profileReads(readAgain)).toBe(1);
  });
});
