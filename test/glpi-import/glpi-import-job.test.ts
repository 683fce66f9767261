import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketRow } from '../../tickets/ticket.models';
import { createGlpiDatabase } from '../support/glpi/glpi-database';
import { ENGLISH_HEADERS, exportLine } from '../support/glpi-export';
import { eventually, startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let admin: TestUser;
let glpi: Awaited<ReturnType<typeof createGlpiDatabase>>;
const filesDir = mkdtempSync(join(tmpdir(), 'glpi-files-'));
const suffix = randomUUID().slice(0, 6);
const base = 4_000_000 + Math.floor(Math.random() * 5_000_000);

beforeAll(async () => {
  stack = await startStack({ relay: false });
  admin = await stack.userWith('admin');
  glpi = await createGlpiDatabase();
  await glpi.insert('glpi_users', [{ id: 7, name: `tpetit.${suffix}`, realname: 'Petit', firstname: 'Thomas', entities_id: 0 }]);
  await glpi.insert('glpi_profiles_users', [{ users_id: 7, profiles_id: 6, entities_id: 0, is_recursive: 1 }]);
  await glpi.insert('glpi_tickets', [
    {
      id: base,
      entities_id: 0,
      name: 'Écran noir au démarrage',
      date: '2024-09-02 08:15:00',
      date_mod: '2024-09-02 08:15:00',
      status: 1,
      users_id_recipient: 7,
    },
  ]);
});
afterAll(async () => {
  await glpi?.drop();
  await stack?.close();
});

type ImportView = { id: number; status: string; origin: string; report: Record<string, unknown> | null; done: number; total: number };
const finished = (id: number) =>
  eventually(async () => {
    const view = (await stack.call<ImportView>('GET', `/api/v1/glpi-imports/${id}`, { token: admin.token })).body;
    return view.status === 'running' ? undefined : view;
  }, 60_000);

describe('imports from GLPI started by an administrator', () => {
  it("runs a dry run then the import of GLPI's database in the background, its address shown without its password", async () => {
    const body = { url: glpi.url, filesDir, apply: false };
    const dry = await stack.call<ImportView>('POST', '/api/v1/glpi-imports/database', { token: admin.token, body });
    expect(dry.status).toBe(202);
    expect(dry.body.origin).not.toContain(`:${new URL(glpi.url).password}@`);
    const dryDone = await finished(dry.body.id);
    expect(dryDone).toMatchObject({ status: 'done', done: 1, total: 1 });
    expect(dryDone.report).toMatchObject({ users: { imported: 1 }, tickets: { read: 1, imported: 1, rejected: [] } });
    expect(await TicketRow.count({ where: { external_ref: `glpi:${base}` } })).toBe(0);

    const real = await stack.call<ImportView>('POST', '/api/v1/glpi-imports/database', {
      token: admin.token,
      body: { ...body, apply: true },
    });
    expect((await finished(real.body.id)).report).toEqual(dryDone.report);
    expect(await TicketRow.count({ where: { external_ref: `glpi:${base}` } })).toBe(1);
    const listed = (await stack.call<{ items: ImportView[] }>('GET', '/api/v1/glpi-imports', { token: admin.token })).body.items;
    expect(listed.slice(0, 2).map((item) => item.id)).toEqual([real.body.id, dry.body.id]);
  });

  it('takes an export as a file and reports its lines', async () => {
    const form = new FormData();
    form.set('kind', 'tickets');
    form.set('apply', 'false');
    const csv =
      '\uFEFF' +
      exportLine(ENGLISH_HEADERS) +
      exportLine([base + 1, 'Printer', 'Root entity', 'Finished', '', '2024-09-02 08:15', '', '', '', '']);
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'tickets.csv');
    const response = await fetch(`${stack.baseUrl}/api/v1/glpi-imports/export`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}` },
      body: form,
    });
    expect(response.status).toBe(202);
    const started = (await response.json()) as ImportView;
    expect(started.origin).toBe('tickets.csv');
    expect((await finished(started.id)).report).toMatchObject({
      read: 1,
      imported: 0,
      rejected: [{ line: 2, reason: expect.stringMatching(/^Statut: "Finished"/) }],
    });
  });

  it('names the field that is wrong, and is for administrators only', async () => {
    const bad = async (body: Record<string, unknown>) =>
      (await stack.call('POST', '/api/v1/glpi-imports/database', { token: admin.token, body })).body.error.details.fields;
    expect(Object.keys(await bad({ url: 'https://glpi.example.fr', filesDir }))).toEqual(['url']);
    expect(Object.keys(await bad({ url: glpi.url, filesDir: join(filesDir, 'nowhere') }))).toEqual(['filesDir']);
    expect(await bad({ url: glpi.url.replace(/\/[^/]+$/, '/no_such_glpi'), filesDir })).toEqual({
      url: expect.stringMatching(/^GLPI's database cannot be read: /),
    });
    const technician = await stack.userWith('technician');
    const refused = await stack.call('POST', '/api/v1/glpi-imports/database', {
      token: technician.token,
      body: { url: glpi.url, filesDir },
    });
    expect(refused.status).toBe(403);
  });
});
