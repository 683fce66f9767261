import { randomUUID } from 'node:crypto';
import { ENGLISH_HEADERS, FRENCH_HEADERS, exportLine } from '../support/glpi-export';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGlpiImportService } from '../../glpi-import/glpi-import.service';
import { MailOutboxRow } from '../../mail/mail.models';
import { TicketRow } from '../../tickets/ticket.models';
import { EntityRow } from '../../organisation/organisation.models';
import { UserRow } from '../../users/user.models';
import { startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let admin: TestUser;
const names = { alice: '', bob: '', tech: '', site: '', category: '' };

beforeAll(async () => {
  stack = await startStack({ relay: false });
  admin = await stack.userWith('admin');
  const suffix = randomUUID().slice(0, 6);
  Object.assign(names, {
    alice: `Alice Martin ${suffix}`,
    bob: `Bob Durand ${suffix}`,
    tech: `Thomas Petit ${suffix}`,
    site: `Siège ${suffix}`,
  });
  await stack.userWith('requester', undefined, { name: names.alice });
  await stack.userWith('requester', undefined, { name: names.bob });
  await stack.userWith('technician', 'N1', { name: names.tech });
  await stack.call('POST', '/api/v1/entities', { token: admin.token, body: { parent: 1, name: names.site } });
  const category = await stack.newCategory();
  names.category = (await stack.call('GET', '/api/v1/categories', { token: admin.token })).body.items.find(
    (c: { id: number }) => c.id === category,
  ).name.fr;
});
afterAll(async () => stack?.close());

describe("importing GLPI's ticket-list export", () => {
  it('says in its dry run what the import then does, keeps GLPI numbers, dates and people, starts the open tickets and runs again without change', async () => {
    const base = 1_000_000 + Math.floor(Math.random() * 8_000_000);
    const csv = Buffer.from(
      '\uFEFF' +
        exportLine(FRENCH_HEADERS) +
        exportLine([
          base,
          'Imprimante en panne',
          `Entité racine > ${names.site}`,
          'Clos',
          '2024-03-14 16:30',
          '2024-03-12 09:41',
          'Haute',
          names.alice,
          names.tech,
          `Matériel > ${names.category}`,
        ]) +
        exportLine([
          base + 1,
          'Accès VPN refusé',
          'Entité racine',
          'Résolu',
          '2024-03-13 11:00',
          '2024-03-13 08:00',
          'Moyenne',
          names.bob,
          names.tech,
          '',
        ]) +
        exportLine([
          base + 2,
          'Écran qui clignote',
          'Entité racine',
          'En cours (Attribué)',
          '2026-12-01 10:00',
          '2026-12-01 09:00',
          'Basse',
          `${names.alice}\n${names.bob}`,
          names.tech,
          '',
        ]) +
        exportLine([base + 3, 'Badge refusé', 'Entité racine', 'Nouveau', '', '2026-12-02 09:00', 'Moyenne', names.bob, '', '']) +
        exportLine([
          base + 4,
          'Demandeur inconnu',
          'Entité racine',
          'Nouveau',
          '',
          '2026-12-02 09:00',
          'Moyenne',
          'Personne Inconnue',
          '',
          '',
        ]) +
        exportLine([base + 5, 'Statut inconnu', 'Entité racine', 'Terminé', '', '2026-12-02 09:00', 'Moyenne', names.bob, '', '']),
      'utf8',
    );
    const importer = createGlpiImportService(stack);
    const refs = [0, 1, 2, 3].map((offset) => `glpi:${base + offset}`);
    const dry = await importer.importTicketExport(csv, { apply: false, importedBy: admin.id });
    expect(dry).toEqual({
      encoding: 'utf-8',
      read: 6,
      imported: 4,
      skipped: [],
      rejected: [
        { line: 7, reason: expect.stringMatching(/^Demandeur: no user named "Personne Inconnue"/) },
        { line: 8, reason: expect.stringMatching(/^Statut: "Terminé"/) },
      ],
    });
    expect(await TicketRow.count({ where: { external_ref: refs } })).toBe(0);

    const real = await importer.importTicketExport(csv, { apply: true, importedBy: admin.id });
    expect(real).toEqual(dry);
    const rows = await TicketRow.findAll({ where: { external_ref: refs }, order: [['external_ref', 'ASC']] });
    expect(rows.map((row) => [row.external_ref, row.status])).toEqual([
      [refs[0], 'closed'],
      [refs[1], 'resolved'],
      [refs[2], 'assigned'],
      [refs[3], 'new'],
    ]);
    const [closed, , assigned, fresh] = rows as [TicketRow, TicketRow, TicketRow, TicketRow];
    const view = (await stack.call('GET', `/api/v1/tickets/${closed.id}`, { token: admin.token })).body;
    expect(view).toMatchObject({
      externalRef: refs[0],
      title: 'Imprimante en panne',
      priority: 4,
      openedAt: '2024-03-12T09:41:00.000Z',
      closedAt: '2024-03-14T16:30:00.000Z',
    });
    const listed = await stack.call('GET', `/api/v1/tickets?externalRef=${refs[0]}`, { token: admin.token });
    expect(listed.body.items.map((ticket: { id: number }) => ticket.id)).toEqual([closed.id]);
    const history = (await stack.call('GET', `/api/v1/tickets/${closed.id}/history`, { token: admin.token })).body.items;
    expect(history.map((event: { action: string; at: string }) => [event.action, event.at])).toEqual([
      ['create', '2024-03-12T09:41:00.000Z'],
      ['assign', '2024-03-14T16:30:00.000Z'],
      ['resolve', '2024-03-14T16:30:00.000Z'],
      ['close', '2024-03-14T16:30:00.000Z'],
    ]);
    const actors = (await stack.call('GET', `/api/v1/tickets/${assigned.id}/actors`, { token: admin.token })).body;
    expect(actors.requesters.map((person: { name: string }) => person.name)).toEqual([names.alice, names.bob]);
    expect(actors.technicians.map((person: { name: string }) => person.name)).toEqual([names.tech]);
    // The open tickets run on their workflows and take actions; the finished ones need none.
    for (const open of [assigned, fresh]) {
      const description = await stack.temporal.workflow.getHandle(`ticket-${open.id}`).describe();
      expect(description.status.name).toBe('RUNNING');
    }
    // The past is told to nobody.
    expect(await MailOutboxRow.count({ where: { ticket_id: rows.map((row) => row.id) } })).toBe(0);
    const act = await stack.call('POST', `/api/v1/tickets/${assigned.id}/actions/resolve`, {
      token: admin.token,
      body: { solution: 'Câble remplacé' },
    });
    expect(act.status).toBe(200);
    expect(act.body.status).toBe('resolved');

    const again = await importer.importTicketExport(csv, { apply: true, importedBy: admin.id });
    expect(again.imported).toBe(0);
    expect(again.skipped.map((skip) => skip.reason)).toEqual(rows.map((row) => `already imported as ticket ${row.id}`));
    expect(again.rejected).toEqual(dry.rejected);
    expect(await TicketRow.count({ where: { external_ref: refs } })).toBe(4);
  });

  it('imports the English export re-saved in Windows-1252', async () => {
    const ref = 10_000_000 + Math.floor(Math.random() * 8_000_000);
    const csv = Buffer.from(
      exportLine(ENGLISH_HEADERS) +
        exportLine([
          ref,
          'Téléphone muet',
          'Root entity',
          'Pending',
          '2026-12-03 10:00',
          '2026-12-03 09:00',
          'Very high',
          names.bob,
          names.tech,
          names.category,
        ]),
      'latin1',
    );
    const report = await createGlpiImportService(stack).importTicketExport(csv, { apply: true, importedBy: admin.id });
    expect(report).toMatchObject({ encoding: 'windows-1252', imported: 1, rejected: [] });
    const row = await TicketRow.findOne({ where: { external_ref: `glpi:${ref}` }, rejectOnEmpty: true });
    expect(row).toMatchObject({ title: 'Téléphone muet', status: 'pending', priority: 5 });
  });

  it("imports GLPI's users, with a column mapped by hand, checked as the tickets are, before their tickets", async () => {
    const tag = randomUUID().slice(0, 6);
    const [marie, paul] = [`mdupont-${tag}`, `pbernard-${tag}`];
    const csv = Buffer.from(
      '\uFEFF' +
        exportLine(['Matricule', 'Nom de famille', 'Prénom', 'Adresses de messagerie', 'Entité', 'Profil']) +
        exportLine([
          marie,
          'Dupont',
          'Marie',
          `marie.dupont.${tag}@exemple.fr\nm.dupont@exemple.fr`,
          `Entité racine > ${names.site}`,
          'Technician',
        ]) +
        exportLine([paul, 'Bernard', 'Paul', '', 'Entité racine', 'Self-Service']) +
        exportLine([`sans-entite-${tag}`, 'Sans', 'Entité', '', '', 'Self-Service']) +
        exportLine([`profil-${tag}`, 'Profil', 'Inconnu', '', 'Entité racine', 'Stagiaire']) +
        exportLine([`adresse-${tag}`, 'Adresse', 'Fausse', 'pas-une-adresse', 'Entité racine', '']) +
        exportLine([`ailleurs-${tag}`, 'Ailleurs', 'Entité', '', 'Entité racine > Nulle part', '']),
      'utf8',
    );
    const importer = createGlpiImportService(stack);
    const options = { apply: false, mapping: { login: 'Matricule' } };
    const dry = await importer.importUserExport(csv, options);
    expect(dry).toMatchObject({ read: 6, imported: 2, skipped: [] });
    expect(dry.rejected.map((rejected) => [rejected.line, rejected.reason.split(':')[0]])).toEqual([
      // Lines of the file: Marie's two addresses take two.
      [5, 'Entité'],
      [6, 'Profil'],
      [7, 'Adresses de messagerie'],
      [8, 'Entité'],
    ]);
    expect(await UserRow.count({ where: { login: [marie, paul] } })).toBe(0);
    expect(await importer.importUserExport(csv, { ...options, apply: true })).toEqual(dry);
    const site = (await EntityRow.findOne({ where: { name: names.site }, rejectOnEmpty: true })).id;
    expect((await UserRow.findOne({ where: { login: marie }, rejectOnEmpty: true })).get()).toMatchObject({
      name: 'Marie Dupont',
      email: `marie.dupont.${tag}@exemple.fr`,
      profile: 'technician',
      entity_id: site,
    });
    // No password comes from GLPI: nobody logs in as an imported user until one is set.
    expect((await stack.call('POST', '/api/v1/auth/login', { body: { login: paul, password: '!' } })).status).toBe(401);
    const again = await importer.importUserExport(csv, { ...options, apply: true });
    expect(again).toMatchObject({ imported: 0, skipped: [{ ref: marie }, { ref: paul }] });

    // Their tickets come next, naming them by login.
    const ref = 30_000_000 + Math.floor(Math.random() * 8_000_000);
    const tickets =
      exportLine(FRENCH_HEADERS) +
      exportLine([ref, 'Souris', 'Entité racine', 'Nouveau', '', '2026-12-04 09:00', 'Basse', paul, marie, '']);
    expect(await importer.importTicketExport(Buffer.from(tickets), { apply: true, importedBy: admin.id })).toMatchObject({
      imported: 1,
      rejected: [],
    });
  });
});
