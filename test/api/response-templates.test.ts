// Followup, task and solution templates through the API: written by the administrators of an
// entity with placeholders that must exist, offered to the desk there and below, never elsewhere.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillPlaceholders } from '../../templates/placeholders';
import { startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let admin: TestUser;
let tech: TestUser;
let siteAdmin: TestUser;
let siteTech: TestUser;
let otherSiteTech: TestUser;
let site: number;
const tag = randomUUID().slice(0, 6);

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.userWith('admin');
  tech = await stack.userWith('technician', 'N1');
  site = (await stack.call('POST', '/api/v1/entities', { token: admin.token, body: { parent: 1, name: `Site ${tag}` } })).body.id;
  siteAdmin = await stack.userWith('admin', undefined, { entity: site });
  siteTech = await stack.userWith('technician', undefined, { entity: site });
  const otherSite = (await stack.call('POST', '/api/v1/entities', { token: admin.token, body: { parent: 1, name: `Autre site ${tag}` } }))
    .body.id;
  otherSiteTech = await stack.userWith('technician', undefined, { entity: otherSite });
});
afterAll(async () => stack?.close());

const call = (method: string, path: string, token: string, body?: object) => stack.call(method, path, { token, body });

describe('response templates', () => {
  it('are written with known placeholders only, each name once per kind and entity, and filled for a ticket', async () => {
    const content = 'Bonjour {{requester.name}},\n\nVotre demande n° {{ticket.id}} ({{category}}) est résolue.\n\n{{me.name}}';
    const created = await call('POST', '/api/v1/response-templates', admin.token, { kind: 'solution', name: `Résolu ${tag}`, content });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'solution', name: `Résolu ${tag}`, content, entity: 1 });

    const unknown = await call('POST', '/api/v1/response-templates', admin.token, {
      kind: 'followup',
      name: `Faute ${tag}`,
      content: 'Bonjour {{demandeur}}',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields.content).toContain('{{demandeur}}');
    const twice = await call('POST', '/api/v1/response-templates', admin.token, {
      kind: 'solution',
      name: `Résolu ${tag}`,
      content: 'Fait.',
    });
    expect(Object.keys(twice.body.error.details.fields)).toEqual(['name']);
    // The same name for another kind is another template.
    expect(
      (await call('POST', '/api/v1/response-templates', admin.token, { kind: 'task', name: `Résolu ${tag}`, content: 'Vérifier.' })).status,
    ).toBe(201);

    const filled = fillPlaceholders(created.body.content, {
      'ticket.id': '42',
      'ticket.title': 'Écran noir',
      'requester.name': 'Alice Martin',
      category: 'Matériel > Écran',
      entity: 'Siège',
      'me.name': 'Théo',
    });
    expect(filled).toBe('Bonjour Alice Martin,\n\nVotre demande n° 42 (Matériel > Écran) est résolue.\n\nThéo');
  });

  it('are offered to the desk of their entity and below, changed only by its administrators, and removed', async () => {
    const atSite = await call('POST', '/api/v1/response-templates', siteAdmin.token, {
      kind: 'followup',
      name: `Relance ${tag}`,
      content: 'Avez-vous pu tester, {{requester.name}} ?',
      entity: site,
    });
    expect(atSite.status).toBe(201);
    const refused = await call('POST', '/api/v1/response-templates', siteAdmin.token, {
      kind: 'followup',
      name: `Siège ${tag}`,
      content: 'x',
    });
    expect(Object.keys(refused.body.error.details.fields)).toEqual(['entity']);
    expect((await call('POST', '/api/v1/response-templates', tech.token, { kind: 'followup', name: 'x', content: 'x' })).status).toBe(403);

    const names = async (token: string, kind = 'followup') =>
      (await call('GET', `/api/v1/response-templates?kind=${kind}`, token)).body.items.map((item: { name: string }) => item.name);
    // The site's desk sees its own and the root's; another site's desk does not see the site's.
    expect(await names(siteTech.token)).toContain(`Relance ${tag}`);
    expect(await names(otherSiteTech.token)).not.toContain(`Relance ${tag}`);
    expect(await names(siteTech.token, 'solution')).toContain(`Résolu ${tag}`);
    expect((await call('GET', `/api/v1/response-templates/${atSite.body.id}`, otherSiteTech.token)).status).toBe(404);
    expect((await call('GET', '/api/v1/response-templates?kind=answer', tech.token)).status).toBe(400);

    const root = (await call('GET', '/api/v1/response-templates?kind=solution', siteTech.token)).body.items.find(
      (item: { name: string }) => item.name === `Résolu ${tag}`,
    );
    expect((await call('PATCH', `/api/v1/response-templates/${root.id}`, siteAdmin.token, { name: 'Pris' })).status).toBe(403);
    const edited = await call('PATCH', `/api/v1/response-templates/${atSite.body.id}`, siteAdmin.token, { content: 'Toujours en panne ?' });
    expect(edited.body).toMatchObject({ name: `Relance ${tag}`, content: 'Toujours en panne ?' });
    expect((await call('DELETE', `/api/v1/response-templates/${atSite.body.id}`, siteAdmin.token)).status).toBe(200);
    expect(await names(siteTech.token)).not.toContain(`Relance ${tag}`);
  });
});
