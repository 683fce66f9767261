// Entities and categories changed through the API by the administrators of their entity: an
// entity's priority matrix set and given back to its parent's, a category renamed and moved in the
// tree, never under itself.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let admin: TestUser;
let siteAdmin: TestUser;
let site: number;
const tag = randomUUID().slice(0, 6);
const STRICT = [
  [1, 1, 1, 1, 1],
  [1, 1, 1, 1, 2],
  [1, 1, 2, 2, 3],
  [1, 2, 2, 3, 4],
  [2, 2, 3, 4, 5],
];

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.userWith('admin');
  site = (await stack.call('POST', '/api/v1/entities', { token: admin.token, body: { parent: 1, name: `Usine ${tag}` } })).body.id;
  siteAdmin = await stack.userWith('admin', undefined, { entity: site });
});
afterAll(async () => stack?.close());

const call = (method: string, path: string, token: string, body?: object) => stack.call(method, path, { token, body });

describe('entities', () => {
  it('take a priority matrix of their own that new tickets follow, and give it back to their parent’s', async () => {
    const set = await call('PATCH', `/api/v1/entities/${site}`, siteAdmin.token, { priorityMatrix: STRICT, name: `Usine de Lyon ${tag}` });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ name: `Usine de Lyon ${tag}`, priorityMatrix: STRICT, inheritsPriorityMatrix: false });
    const file = async () =>
      (
        await call('POST', '/api/v1/tickets', admin.token, {
          title: 'Presse à l’arrêt',
          description: '',
          type: 'incident',
          urgency: 4,
          impact: 4,
          entity: site,
        })
      ).body.priority;
    expect(await file()).toBe(3);
    const malformed = await call('PATCH', `/api/v1/entities/${site}`, siteAdmin.token, { priorityMatrix: [[1, 2, 3]] });
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.error.details.fields)[0]).toMatch(/^priorityMatrix/);
    const back = await call('PATCH', `/api/v1/entities/${site}`, siteAdmin.token, { priorityMatrix: null });
    expect(back.body.inheritsPriorityMatrix).toBe(true);
    expect(await file()).toBe(4);
    // The root is not the site administrator's to change.
    expect((await call('PATCH', '/api/v1/entities/1', siteAdmin.token, { name: 'Pris' })).status).toBe(403);
  });
});

describe('categories', () => {
  it('are renamed in both languages and moved with what is below them, never under themselves', async () => {
    const create = async (parent: number | null, fr: string, en: string) =>
      (await call('POST', '/api/v1/categories', admin.token, { parent, name: { fr: `${fr} ${tag}`, en: `${en} ${tag}` } })).body
        .id as number;
    const hardware = await create(null, 'Matériel', 'Hardware');
    const printers = await create(hardware, 'Imprimantes', 'Printers');
    const toner = await create(printers, 'Toner', 'Toner');
    const office = await create(null, 'Bureautique', 'Office');

    const renamed = await call('PATCH', `/api/v1/categories/${printers}`, admin.token, {
      name: { fr: `Impression ${tag}`, en: `Printing ${tag}` },
    });
    expect(renamed.body.path).toEqual({ fr: `Matériel ${tag} › Impression ${tag}`, en: `Hardware ${tag} › Printing ${tag}` });
    const moved = await call('PATCH', `/api/v1/categories/${printers}`, admin.token, { parent: office });
    expect(moved.body.parent).toBe(office);
    const categories = (await call('GET', '/api/v1/categories', admin.token)).body.items as { id: number; path: { fr: string } }[];
    expect(categories.find((c) => c.id === toner)?.path.fr).toBe(`Bureautique ${tag} › Impression ${tag} › Toner ${tag}`);

    const underItself = await call('PATCH', `/api/v1/categories/${printers}`, admin.token, { parent: toner });
    expect(underItself.status).toBe(400);
    expect(Object.keys(underItself.body.error.details.fields)).toEqual(['parent']);
    const top = await call('PATCH', `/api/v1/categories/${printers}`, admin.token, { parent: null });
    expect(top.body).toMatchObject({ parent: null, path: { fr: `Impression ${tag}` } });
    expect((await call('PATCH', `/api/v1/categories/${printers}`, siteAdmin.token, { parent: null })).status).toBe(403);
  });
});

describe('ticket templates of categories', () => {
  it('make a requester filing for herself give what her category asks for, and no one else', async () => {
    const category = (
      await call('POST', '/api/v1/categories', admin.token, { parent: null, name: { fr: `Badge ${tag}`, en: `Badge ${tag}` } })
    ).body.id;
    const ticketTemplate = {
      description: 'Numéro du badge :',
      required: ['description', 'location'],
      hidden: ['urgency'],
      defaults: { urgency: 2 },
    };
    const set = await call('PATCH', `/api/v1/categories/${category}`, admin.token, { ticketTemplate });
    expect(set.body.ticketTemplate).toEqual({ ...ticketTemplate, hidden: ['urgency'] });
    const wrong = await call('PATCH', `/api/v1/categories/${category}`, admin.token, { ticketTemplate: { required: ['phone'] } });
    expect(Object.keys(wrong.body.error.details.fields)[0]).toMatch(/^ticketTemplate\.required/);

    const requester = await stack.userWith('requester');
    const file = (token: string, extra: object) =>
      call('POST', '/api/v1/tickets', token, { title: 'Badge refusé', type: 'request', urgency: 2, impact: 3, category, ...extra });
    const bare = await file(requester.token, { description: 'Numéro du badge :' });
    expect(bare.status).toBe(400);
    expect(Object.keys(bare.body.error.details.fields).sort()).toEqual(['description', 'location']);
    expect((await file(requester.token, { description: 'Numéro du badge : 4471', location: 'Accueil, bâtiment B' })).status).toBe(201);
    // The desk filing for her, and mail, are not held to the form's questions.
    const tech = await stack.userWith('technician', 'N1');
    expect((await file(tech.token, { description: '', requester: requester.id })).status).toBe(201);
    expect((await file(requester.token, { description: '', source: 'email' })).status).toBe(201);
    expect((await call('PATCH', `/api/v1/categories/${category}`, admin.token, { ticketTemplate: null })).body.ticketTemplate).toBeNull();
  });
});
