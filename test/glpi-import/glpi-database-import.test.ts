import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileAttachmentStorage } from '../../attachments/attachment-storage';
import { openGlpiDatabase } from '../../glpi-import/glpi-database.repository';
import { createGlpiDatabaseImportService, type DatabaseImportReport } from '../../glpi-import/glpi-database-import.service';
import { MailOutboxRow } from '../../mail/mail.models';
import { TicketRow } from '../../tickets/ticket.models';
import { UserProfileRow, UserRow } from '../../users/user.models';
import { createGlpiDatabase } from '../support/glpi/glpi-database';
import { startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let admin: TestUser;
let glpi: Awaited<ReturnType<typeof createGlpiDatabase>>;
const filesDir = mkdtempSync(join(tmpdir(), 'glpi-files-'));
const suffix = randomUUID().slice(0, 6);
const base = 3_000_000 + Math.floor(Math.random() * 6_000_000);
const ref = (n: number) => base + n;
const login = (name: string) => `${name}.${suffix}`;
const PHOTO = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d8f5b80000000049454e44ae426082',
  'hex',
);
const LOG_TEXT = Buffer.from('12/03/2024 10:04 PRN-2E-01 paper jam tray 2\n');

// What GLPI 10 keeps of a desk: the rows as its own screens write them (HTML escaped in text, people in logs as "Name (id)").
async function fillGlpi() {
  await glpi.insert('glpi_entities', [
    { id: 1, name: `Siège ${suffix}`, entities_id: 0, completename: `Entité racine > Siège ${suffix}`, level: 2 },
    { id: 2, name: 'Agence de Lyon', entities_id: 1, completename: `Entité racine > Siège ${suffix} > Agence de Lyon`, level: 3 },
  ]);
  await glpi.insert('glpi_itilcategories', [
    { id: 1, name: `Matériel ${suffix}`, itilcategories_id: 0, completename: `Matériel ${suffix}`, level: 1, is_recursive: 1 },
    { id: 2, name: 'Imprimante', itilcategories_id: 1, completename: `Matériel ${suffix} > Imprimante`, level: 2, is_recursive: 1 },
    { id: 3, name: `Réseau ${suffix}`, itilcategories_id: 0, completename: `Réseau ${suffix}`, level: 1, is_recursive: 1 },
  ]);
  await glpi.insert('glpi_groups', [
    { id: 1, name: `Support proximité ${suffix}`, completename: `Support proximité ${suffix}`, is_recursive: 1 },
  ]);
  await glpi.insert('glpi_users', [
    { id: 2, name: login('glpi'), realname: null, firstname: null, entities_id: 0, profiles_id: 4, authtype: 1 },
    { id: 7, name: login('tpetit'), realname: 'Petit', firstname: 'Thomas', entities_id: 0, profiles_id: 6, authtype: 1 },
    { id: 8, name: login('amartin'), realname: 'Martin', firstname: 'Alice', entities_id: 1, profiles_id: 1, authtype: 1 },
    { id: 9, name: login('bdurand'), realname: 'Durand', firstname: 'Bernard', entities_id: 2, profiles_id: 1, authtype: 1, is_active: 0 },
    { id: 10, name: login('parti'), realname: 'Parti', firstname: 'Paul', entities_id: 1, is_deleted: 1 },
  ]);
  await glpi.insert('glpi_useremails', [
    { users_id: 7, is_default: 1, email: `thomas.petit.${suffix}@example.fr` },
    { users_id: 8, is_default: 0, email: `alice.old.${suffix}@example.fr` },
    { users_id: 8, is_default: 1, email: `alice.martin.${suffix}@example.fr` },
  ]);
  await glpi.insert('glpi_profiles_users', [
    { users_id: 2, profiles_id: 4, entities_id: 0, is_recursive: 1 },
    { users_id: 7, profiles_id: 6, entities_id: 0, is_recursive: 1 },
    { users_id: 8, profiles_id: 1, entities_id: 1, is_recursive: 0 },
    { users_id: 9, profiles_id: 1, entities_id: 2, is_recursive: 0 },
  ]);
  const ticket = { urgency: 3, impact: 3, priority: 3, type: 1, requesttypes_id: 1, users_id_recipient: 8, itilcategories_id: 0 };
  await glpi.insert('glpi_tickets', [
    {
      ...ticket,
      id: ref(1),
      entities_id: 1,
      name: "Bourrage papier sur l'imprimante du 2e étage",
      date: '2024-03-12 09:41:00',
      takeintoaccountdate: '2024-03-12 10:02:00',
      solvedate: '2024-03-14 16:30:00',
      closedate: '2024-03-15 08:00:00',
      date_mod: '2024-03-15 08:00:00',
      status: 6,
      requesttypes_id: 2,
      content: '&#60;p&#62;L&#39;imprimante PRN-2E-01 affiche « Bourrage papier » bac 2.&#60;/p&#62;&#60;p&#62;Merci&#60;/p&#62;',
      urgency: 4,
      priority: 4,
      itilcategories_id: 2,
    },
    {
      ...ticket,
      id: ref(2),
      entities_id: 2,
      name: "Demande d'un second écran",
      date: '2024-11-28 14:00:00',
      takeintoaccountdate: '2024-11-28 14:20:00',
      date_mod: '2024-11-29 09:00:00',
      status: 4,
      type: 2,
      requesttypes_id: 3,
      content: '<p>Pour le poste de la comptabilité.</p>',
      users_id_recipient: 9,
    },
    { ...ticket, id: ref(3), entities_id: 1, name: 'Statut inconnu', date: '2024-04-01 08:00:00', status: 7 },
    { ...ticket, id: ref(4), entities_id: 1, name: 'Catégorie supprimée', date: '2024-04-02 08:00:00', status: 1, itilcategories_id: 999 },
    {
      ...ticket,
      id: ref(5),
      entities_id: 0,
      name: 'VPN coupé toutes les heures',
      date: '2024-05-02 08:30:00',
      takeintoaccountdate: '2024-05-02 09:00:00',
      solvedate: '2024-05-03 17:00:00',
      date_mod: '2024-05-03 17:00:00',
      status: 5,
      itilcategories_id: 3,
    },
    { ...ticket, id: ref(6), entities_id: 1, name: 'Ticket supprimé', date: '2024-06-01 08:00:00', status: 1, is_deleted: 1 },
    {
      ...ticket,
      id: ref(7),
      entities_id: 1,
      name: 'Souris sans fil',
      date: '2024-12-01 10:00:00',
      date_mod: '2024-12-01 10:00:00',
      status: 1,
    },
  ]);
  await glpi.insert('glpi_tickets_users', [
    { tickets_id: ref(1), users_id: 8, type: 1 },
    { tickets_id: ref(1), users_id: 7, type: 2 },
    { tickets_id: ref(2), users_id: 9, type: 1 },
    { tickets_id: ref(2), users_id: 7, type: 2 },
    { tickets_id: ref(2), users_id: 8, type: 3 },
    { tickets_id: ref(5), users_id: 8, type: 1 },
    { tickets_id: ref(5), users_id: 7, type: 2 },
    { tickets_id: ref(7), users_id: 10, type: 1 },
    { tickets_id: ref(7), users_id: 0, type: 1, alternative_email: 'visiteur@example.fr' },
  ]);
  await glpi.insert('glpi_groups_tickets', [
    { tickets_id: ref(1), groups_id: 1, type: 2 },
    { tickets_id: ref(2), groups_id: 1, type: 2 },
  ]);
  await glpi.insert('glpi_itilfollowups', [
    {
      id: ref(101),
      itemtype: 'Ticket',
      items_id: ref(1),
      date: '2024-03-12 10:05:00',
      users_id: 7,
      content: '&#60;p&#62;Je passe voir l&#39;imprimante à 11h.&#60;/p&#62;',
    },
    {
      id: ref(102),
      itemtype: 'Ticket',
      items_id: ref(1),
      date: '2024-03-13 09:00:00',
      users_id: 8,
      content: 'Toujours bloquée ce matin.',
      is_private: 0,
    },
    {
      id: ref(103),
      itemtype: 'Ticket',
      items_id: ref(2),
      date: '2024-11-29 09:00:00',
      users_id: 7,
      content: 'Écran commandé, livraison sous 8 jours.',
      is_private: 1,
    },
  ]);
  await glpi.insert('glpi_tickettasks', [
    {
      tickets_id: ref(1),
      date: '2024-03-12 11:30:00',
      users_id: 7,
      users_id_tech: 7,
      content: "&#60;p&#62;Remplacement du rouleau d'entraînement&#60;/p&#62;",
      actiontime: 1800,
      state: 2,
      begin: '2024-03-12 11:00:00',
      end: '2024-03-12 11:30:00',
    },
  ]);
  await glpi.insert('glpi_itilsolutions', [
    {
      itemtype: 'Ticket',
      items_id: ref(1),
      content: '&#60;p&#62;Rouleau remplacé, page de test imprimée.&#60;/p&#62;',
      date_creation: '2024-03-14 16:30:00',
      users_id: 7,
      status: 3,
    },
  ]);
  await glpi.insert('glpi_logs', [
    {
      itemtype: 'Ticket',
      items_id: ref(1),
      user_name: 'Thomas Petit (7)',
      date_mod: '2024-03-12 10:02:00',
      id_search_option: 12,
      old_value: '1',
      new_value: '2',
    },
    {
      itemtype: 'Ticket',
      items_id: ref(1),
      user_name: 'Thomas Petit (7)',
      date_mod: '2024-03-12 10:03:00',
      id_search_option: 3,
      old_value: '3',
      new_value: '4',
    },
    {
      itemtype: 'Ticket',
      items_id: ref(1),
      user_name: 'Thomas Petit (7)',
      date_mod: '2024-03-12 10:03:00',
      id_search_option: 5,
      old_value: '',
      new_value: 'Thomas Petit (7)',
    },
    {
      itemtype: 'Ticket',
      items_id: ref(1),
      user_name: 'Thomas Petit (7)',
      date_mod: '2024-03-14 16:30:00',
      id_search_option: 12,
      old_value: '2',
      new_value: '5',
    },
    {
      itemtype: 'Ticket',
      items_id: ref(1),
      user_name: 'cron_closeticket',
      date_mod: '2024-03-15 08:00:00',
      id_search_option: 12,
      old_value: '5',
      new_value: '6',
    },
    {
      itemtype: 'Ticket',
      items_id: ref(2),
      user_name: 'Thomas Petit (7)',
      date_mod: '2024-11-28 14:20:00',
      id_search_option: 12,
      old_value: '1',
      new_value: '2',
    },
    {
      itemtype: 'Ticket',
      items_id: ref(2),
      user_name: 'Thomas Petit (7)',
      date_mod: '2024-11-29 09:00:00',
      id_search_option: 12,
      old_value: '2',
      new_value: '4',
    },
  ]);
  const files = { photo: 'PNG/3a/3a1b2c.PNG', log: 'TXT/9f/9f8e7d.TXT', lost: 'PDF/00/000000.PDF' };
  for (const [path, bytes] of [
    [files.photo, PHOTO],
    [files.log, LOG_TEXT],
  ] as const) {
    mkdirSync(dirname(join(filesDir, path)), { recursive: true });
    writeFileSync(join(filesDir, path), bytes);
  }
  await glpi.insert('glpi_documents', [
    {
      id: ref(401),
      name: 'Photo écran',
      filename: 'bourrage.png',
      filepath: files.photo,
      mime: 'image/png',
      users_id: 8,
      tickets_id: ref(1),
    },
    {
      id: ref(402),
      name: 'Journal',
      filename: 'journal-imprimante.txt',
      filepath: files.log,
      mime: 'text/plain',
      users_id: 7,
      tickets_id: ref(1),
    },
    {
      id: ref(403),
      name: 'Capture',
      filename: 'capture-vpn.pdf',
      filepath: files.lost,
      mime: 'application/pdf',
      users_id: 8,
      tickets_id: ref(5),
    },
  ]);
  await glpi.insert('glpi_documents_items', [
    { documents_id: ref(401), itemtype: 'Ticket', items_id: ref(1), users_id: 8 },
    { documents_id: ref(402), itemtype: 'ITILFollowup', items_id: ref(101), users_id: 7 },
    { documents_id: ref(403), itemtype: 'Ticket', items_id: ref(5), users_id: 8 },
  ]);
  return files;
}

let files: Awaited<ReturnType<typeof fillGlpi>>;
beforeAll(async () => {
  stack = await startStack({ relay: false });
  admin = await stack.userWith('admin');
  glpi = await createGlpiDatabase();
  files = await fillGlpi();
});
afterAll(async () => {
  await glpi?.drop();
  await stack?.close();
});

async function importGlpi(apply: boolean): Promise<DatabaseImportReport> {
  const source = await openGlpiDatabase(glpi.url);
  try {
    const importer = createGlpiDatabaseImportService({ ...stack, storage: fileAttachmentStorage(stack.attachmentsDir) });
    return await importer.importDatabase(source, { apply, importedBy: admin.id, filesDir, pageSize: 2 });
  } finally {
    await source.close();
  }
}

const refs = [1, 2, 5, 7].map((n) => `glpi:${ref(n)}`);
const ticketOf = async (n: number) => (await TicketRow.findOne({ where: { external_ref: `glpi:${ref(n)}` }, rejectOnEmpty: true })).id;
const get = async (path: string) => (await stack.call('GET', path, { token: admin.token })).body;

describe('bringing an old GLPI over from its database', () => {
  it('says in its dry run what the import then does, writing nothing, and leaves GLPI as it was', async () => {
    const before = await glpi.checksums();
    const dry = await importGlpi(false);
    expect(dry).toEqual({
      entities: { read: 3, imported: 2, skipped: 1, rejected: [] },
      categories: { read: 3, imported: 3, skipped: 0, rejected: [] },
      groups: { read: 1, imported: 1, skipped: 0, rejected: [] },
      users: { read: 4, imported: 4, skipped: 0, rejected: [] },
      tickets: {
        read: 6,
        imported: 4,
        skipped: 0,
        rejected: [
          { ref: ref(3), reason: 'status: 7 is no GLPI status' },
          { ref: ref(4), reason: 'itilcategories_id: category 999 was not brought over' },
        ],
      },
      missingFiles: [{ ticket: ref(5), document: ref(403), path: files.lost }],
    });
    expect(await TicketRow.count({ where: { external_ref: refs } })).toBe(0);
    expect(await UserRow.count({ where: { login: [login('tpetit'), login('amartin')] } })).toBe(0);

    const real = await importGlpi(true);
    expect(real).toEqual(dry);
    expect(await glpi.checksums()).toEqual(before);
  });

  it("keeps each ticket's number, dates, people, history from GLPI's log, followups, tasks, solution and documents", async () => {
    const id = await ticketOf(1);
    const view = await get(`/api/v1/tickets/${id}`);
    expect(view).toMatchObject({
      externalRef: `glpi:${ref(1)}`,
      title: "Bourrage papier sur l'imprimante du 2e étage",
      description: "L'imprimante PRN-2E-01 affiche « Bourrage papier » bac 2.\n\nMerci",
      status: 'closed',
      type: 'incident',
      urgency: 4,
      priority: 4,
      source: 'email',
      openedAt: '2024-03-12T09:41:00.000Z',
      closedAt: '2024-03-15T08:00:00.000Z',
    });
    const [thomas, alice, bernard] = await Promise.all(
      ['tpetit', 'amartin', 'bdurand'].map((name) => UserRow.findOne({ where: { login: login(name) }, rejectOnEmpty: true })),
    );
    const history = (await get(`/api/v1/tickets/${id}/history`)).items as {
      action: string;
      at: string;
      actor: number;
      data: Record<string, unknown>;
    }[];
    expect(history.map((event) => [event.action, event.at, event.actor])).toEqual([
      ['create', '2024-03-12T09:41:00.000Z', alice!.id],
      ['assign', '2024-03-12T10:02:00.000Z', thomas!.id],
      ['update', '2024-03-12T10:03:00.000Z', thomas!.id],
      ['resolve', '2024-03-14T16:30:00.000Z', thomas!.id],
      // The closing robot is nobody GLPI had as a user: the ticket's technician closes it here.
      ['close', '2024-03-15T08:00:00.000Z', thomas!.id],
    ]);
    expect(history[2]!.data['changes']).toEqual({ priority: { from: 3, to: 4 } });
    expect(history[3]!.data['solution']).toBe('Rouleau remplacé, page de test imprimée.');

    const timeline = (await get(`/api/v1/tickets/${id}/timeline`)).items as {
      type: string;
      content?: string;
      durationMinutes?: number;
      id: number;
    }[];
    const followups = timeline.filter((item) => item.type === 'followup');
    expect(followups.map((item) => item.content)).toEqual(["Je passe voir l'imprimante à 11h.", 'Toujours bloquée ce matin.']);
    expect(timeline.filter((item) => item.type === 'task').map((item) => [item.content, item.durationMinutes])).toEqual([
      ["Remplacement du rouleau d'entraînement", 30],
    ]);

    const attachments = (await get(`/api/v1/tickets/${id}/attachments`)).items as {
      id: number;
      name: string;
      followup: number | null;
      type: string;
    }[];
    expect(attachments.map((item) => [item.name, item.type, item.followup])).toEqual([
      ['bourrage.png', 'image/png', null],
      ['journal-imprimante.txt', 'text/plain', followups[0]!.id],
    ]);
    const content = await fetch(`${stack.baseUrl}/api/v1/attachments/${attachments[1]!.id}/content`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(Buffer.from(await content.arrayBuffer())).toEqual(LOG_TEXT);

    const actors = await get(`/api/v1/tickets/${id}/actors`);
    expect(actors.requesters.map((person: { name: string }) => person.name)).toEqual(['Alice Martin']);
    expect(actors.technicians.map((person: { name: string }) => person.name)).toEqual(['Thomas Petit']);
    expect(actors.groups.map((group: { name: string }) => group.name)).toEqual([`Support proximité ${suffix}`]);

    // Users come with GLPI's profiles as guichet's, a disabled one stays disabled, and nobody has a password yet.
    expect([thomas!.profile, alice!.profile, bernard!.profile]).toEqual(['technician', 'requester', 'requester']);
    expect([thomas!.email, alice!.email]).toEqual([`thomas.petit.${suffix}@example.fr`, `alice.martin.${suffix}@example.fr`]);
    expect(bernard!.disabled).toBe(true);
    expect(await UserProfileRow.count({ where: { user_id: alice!.id, profile: 'requester', recursive: false } })).toBe(1);
    const login_ = await stack.call('POST', '/api/v1/auth/login', { body: { login: login('amartin'), password: '!' } });
    expect(login_.status).toBe(401);
  });

  it('starts the open tickets on their lifecycle, gives a purged log its dates back, and tells nobody', async () => {
    const pending = await ticketOf(2);
    const view = await get(`/api/v1/tickets/${pending}`);
    expect(view).toMatchObject({ status: 'pending', type: 'request', source: 'phone' });
    const description = await stack.temporal.workflow.getHandle(`ticket-${pending}`).describe();
    expect(description.status.name).toBe('RUNNING');
    const actors = await get(`/api/v1/tickets/${pending}/actors`);
    expect(actors.requesters.map((person: { name: string }) => person.name)).toEqual(['Bernard Durand']);
    expect(actors.observers.map((person: { name: string }) => person.name)).toEqual(['Alice Martin']);
    const resumed = await stack.call('POST', `/api/v1/tickets/${pending}/actions/resume`, { token: admin.token, body: {} });
    expect(resumed.status).toBe(200);

    const solved = await ticketOf(5);
    const history = (await get(`/api/v1/tickets/${solved}/history`)).items as { action: string; at: string }[];
    expect(history.map((event) => [event.action, event.at])).toEqual([
      ['create', '2024-05-02T08:30:00.000Z'],
      ['assign', '2024-05-02T09:00:00.000Z'],
      ['resolve', '2024-05-03T17:00:00.000Z'],
    ]);
    // A requester GLPI no longer has gives way to the one who recorded the ticket.
    const fresh = await get(`/api/v1/tickets/${await ticketOf(7)}/actors`);
    expect(fresh.requesters.map((person: { name: string }) => person.name)).toEqual(['Alice Martin']);
    const rows = await TicketRow.findAll({ where: { external_ref: refs }, attributes: ['id'] });
    expect(await MailOutboxRow.count({ where: { ticket_id: rows.map((row) => row.id) } })).toBe(0);
  });

  it('changes nothing when run again', async () => {
    const again = await importGlpi(true);
    expect(again).toMatchObject({
      entities: { imported: 0, skipped: 3 },
      categories: { imported: 0, skipped: 3 },
      groups: { imported: 0, skipped: 1 },
      users: { imported: 0, skipped: 4 },
      tickets: { read: 6, imported: 0, skipped: 4 },
    });
    expect(await TicketRow.count({ where: { external_ref: refs } })).toBe(4);
  });
});
