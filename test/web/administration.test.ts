// The administrators' pages in Chromium, as an administrator uses them: users and their profiles,
// support groups and their members, mailboxes with their rules, connection test and collection,
// API tokens shown once and revoked, and the audit log. Each refusal a test provokes is said
// beside its field.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, loggedInPage, provokedRefusal } from '../support/browser';
import { freshAddress, sendMail, userWithMailbox } from '../support/mail';
import { eventually, startStack, type Stack, type TestUser } from '../support/stack';
import { TEST_MAIL } from '../support/test-settings';

let stack: Stack;
let browser: Browser;
let admin: TestUser;

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.userWith('admin');
  browser = await launchChromium();
});
afterAll(async () => {
  // The mailboxes added here stop being collected.
  const mailboxes = await stack?.call('GET', '/api/v1/mailboxes', { token: admin.token });
  for (const { id } of mailboxes?.body.items ?? []) {
    await stack.call('PATCH', `/api/v1/mailboxes/${id}`, { token: admin.token, body: { enabled: false } });
  }
  await browser?.close();
  await stack?.close();
});

describe('the user pages', () => {
  it('find a user by name and change the profiles she holds per entity', async () => {
    const name = `Sophie Marchand ${Date.now()}`;
    const sophie = await stack.userWith('requester', undefined, { name });
    const site = await stack.call('POST', '/api/v1/entities', {
      token: admin.token,
      body: { parent: 1, name: `Site de Lyon ${Date.now()}` },
    });
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin, provokedRefusal(`/api/v1/users/${sophie.id}/profiles`));
    await page.getByRole('link', { name: 'Utilisateurs', exact: true }).click();
    await page.getByLabel('Rechercher (identifiant ou nom)').fill(name);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.locator('#users tbody tr').filter({ hasText: sophie.login }).getByRole('link', { name }).click();
    await page.getByRole('heading', { name: `Utilisateur — ${name}` }).waitFor();

    const form = page.locator('#profiles-form');
    await form.getByRole('button', { name: 'Retirer le profil 1' }).click();
    await form.getByRole('button', { name: 'Enregistrer les profils' }).click();
    // Everyone holds a profile somewhere: the refusal is said beside the profiles.
    await form.locator('#profiles-form-profiles-error').waitFor();

    await form.getByRole('button', { name: 'Ajouter un profil' }).click();
    await form.getByRole('button', { name: 'Ajouter un profil' }).click();
    const first = form.getByRole('group', { name: 'Profil 1' });
    await first.getByLabel('Profil').selectOption('requester');
    const second = form.getByRole('group', { name: 'Profil 2' });
    await second.getByLabel('Profil').selectOption('technician');
    await second.getByLabel(/^Entité/).selectOption(String(site.body.id));
    await form.getByRole('button', { name: 'Enregistrer les profils' }).click();
    await page.getByRole('status').filter({ hasText: 'Profils enregistrés.' }).waitFor();

    const saved = await stack.call('GET', `/api/v1/users/${sophie.id}`, { token: admin.token });
    expect(saved.body.profiles).toEqual(
      expect.arrayContaining([
        { profile: 'requester', entity: 1, recursive: true },
        { profile: 'technician', entity: site.body.id, recursive: true },
      ]),
    );
    expect(saved.body.profiles).toHaveLength(2);
    expect(errors).toEqual([]);
  });
});

describe('the support-group pages', () => {
  it('create a group with two managers and give it two technicians of the desk, one of whom stays in her other group', async () => {
    const first = await stack.userWith('technician', 'N1', { name: 'Inès Roux' });
    const second = await stack.userWith('technician', undefined, { name: 'Marc Petit' });
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin, provokedRefusal('/api/v1/groups'));
    await page.getByRole('link', { name: 'Groupes', exact: true }).click();
    await page.getByRole('heading', { name: 'Groupes de support' }).waitFor();
    await page.getByRole('link', { name: 'Ajouter un groupe' }).click();
    const form = page.locator('#group-form');
    await form.getByLabel('Nom').fill('Support N1');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.locator('#group-form-name-error').filter({ hasText: 'exists already' }).waitFor();
    await form.getByLabel('Nom').fill('Applications métier');
    await form.getByLabel('Niveau de support').selectOption('2');
    await form
      .getByLabel(/^Responsables/)
      .selectOption([{ label: `Marc Petit (${second.login})` }, { label: `${admin.login} (${admin.login})` }]);
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: 'Groupe — Applications métier' }).waitFor();

    const members = page.locator('#members-form');
    await members.getByLabel(/Inès Roux/).check();
    await members.getByLabel(/Marc Petit/).check();
    await members.getByRole('button', { name: 'Enregistrer les membres' }).click();
    await page.getByRole('status').filter({ hasText: '2 membre(s) enregistré(s).' }).waitFor();

    const id = Number(/#\/groups\/(\d+)/.exec(page.url())![1]);
    const group = await stack.call('GET', `/api/v1/groups/${id}`, { token: admin.token });
    expect(group.body).toMatchObject({ name: 'Applications métier', level: 2 });
    expect(group.body.managers.sort()).toEqual([second.id, admin.id].sort());
    // Inès works in Support N1 still, and in the new group.
    expect(group.body.members.sort()).toEqual([first.id, second.id].sort());
    expect((await stack.call('GET', `/api/v1/groups/${stack.groups.n1}`, { token: admin.token })).body.members).toContain(first.id);
    await page.getByRole('link', { name: 'Groupes', exact: true }).click();
    await page.locator('#groups tr', { hasText: 'Applications métier' }).getByRole('cell', { name: 'N2' }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe('the response-template pages', () => {
  it('write a solution template whose placeholders are checked, which a technician then picks to resolve a ticket', async () => {
    const name = `Imprimante relancée ${Date.now()}`;
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin, provokedRefusal('/api/v1/response-templates'));
    await page.getByRole('link', { name: 'Modèles', exact: true }).click();
    await page.getByRole('heading', { name: 'Modèles de réponse' }).waitFor();
    await page.getByRole('link', { name: 'Ajouter un modèle' }).click();
    const form = page.locator('#template-form');
    await form.getByLabel(/^Pour écrire/).selectOption({ label: 'une solution' });
    await form.getByLabel('Nom', { exact: true }).fill(name);
    await form.getByLabel('Texte (Markdown)').fill('Bonjour {{demandeur}},');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    // An unknown placeholder is named beside the text, with the known ones.
    await form.locator('#template-form-content-error', { hasText: '{{demandeur}}' }).waitFor();
    await form
      .getByLabel('Texte (Markdown)')
      .fill('Bonjour {{requester.name}},\n\n- file d’attente du n° {{ticket.id}} vidée\n- {{me.name}}');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: `Modèle — ${name}` }).waitFor();
    expect(errors).toEqual([]);

    const requester = await stack.userWith('requester', undefined, { name: 'Julie Bernard' });
    const tech = await stack.userWith('technician', 'N1', { name: 'Karim Haddad' });
    const filed = await stack.call('POST', '/api/v1/tickets', {
      token: requester.token,
      body: { title: 'Imprimante bloquée', description: 'Plus rien ne sort.', type: 'incident', urgency: 3, impact: 3 },
    });
    const id = filed.body.id as number;
    expect((await stack.call('POST', `/api/v1/tickets/${id}/actions/assign`, { token: tech.token, body: {} })).status).toBe(200);
    const desk = await loggedInPage(browser, stack.baseUrl, tech);
    await desk.page.goto(`${stack.baseUrl}/#/tickets/${id}`);
    await desk.page.getByRole('button', { name: 'Résoudre' }).click();
    await desk.page
      .locator('#action-form')
      .getByLabel(/^Modèle/)
      .selectOption({ label: name });
    const written = `Bonjour Julie Bernard,\n\n- file d’attente du n° ${id} vidée\n- Karim Haddad`;
    expect(await desk.page.locator('#action-form').getByLabel('Solution').inputValue()).toBe(written);
    await desk.page.getByRole('button', { name: 'Confirmer' }).click();
    await desk.page.locator('#ticket-status', { hasText: 'Résolu' }).waitFor();
    const solution = desk.page.locator('#ticket-history .written').last();
    expect(await solution.locator('li').allTextContents()).toEqual([`file d’attente du n° ${id} vidée`, 'Karim Haddad']);
    expect(desk.errors).toEqual([]);
  });
});

describe('the recurring-ticket pages', () => {
  it('set up a ticket filed every weekday at 08:00, list its next occurrences, and pause and resume it', async () => {
    const name = `Contrôle des sauvegardes ${Date.now()}`;
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin, provokedRefusal('/api/v1/recurring-tickets'));
    await page.getByRole('link', { name: 'Tickets récurrents', exact: true }).click();
    await page.getByRole('heading', { name: 'Tickets récurrents' }).waitFor();
    await page.getByRole('link', { name: 'Ajouter un ticket récurrent' }).click();
    const form = page.locator('#recurring-form');
    await form.getByLabel('Nom', { exact: true }).fill(name);
    await form.getByLabel('Titre', { exact: true }).fill('Vérifier les sauvegardes de la nuit');
    await form.getByLabel('Fuseau horaire').fill('Europe/Lutèce');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    // A zone that does not exist is said beside the zone.
    await form.locator('#recurring-form-timezone-error').waitFor();
    await form.getByLabel('Fuseau horaire').fill('Europe/Paris');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: `Ticket récurrent — ${name}` }).waitFor();
    // Monday to Friday were ticked for a new one, at 08:00.
    const next = page.locator('#next-occurrences li');
    await next.first().waitFor();
    for (const shown of await next.allTextContents())
      expect(shown).toMatch(/^(lun|mar|mer|jeu|ven)\. \d\d\/\d\d\/\d{4},? 08:00 \(Europe\/Paris\)$/);
    await page.getByRole('button', { name: 'Mettre en pause' }).click();
    await page.locator('#next-occurrences', { hasText: 'Aucune (en pause).' }).waitFor();
    await page.getByRole('button', { name: 'Reprendre' }).click();
    await page.locator('#next-occurrences li').first().waitFor();
    await page.goto(`${stack.baseUrl}/#/recurring`);
    await page
      .locator('#recurring tr', { hasText: name })
      .filter({ hasText: 'lundi, mardi, mercredi, jeudi, vendredi à 08:00 (Europe/Paris)' })
      .waitFor();
    expect(errors).toEqual([]);
  });
});

describe('the SLA pages', () => {
  it('add an SLA for a new category with an escalation level, and show the recompute as a table before applying it', async () => {
    const category = await stack.newCategory();
    const always = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]]));
    const calendar = await stack.call('POST', '/api/v1/calendars', {
      token: admin.token,
      body: { name: `Toujours ouvert ${category}`, timezone: 'Europe/Paris', hours: always, holidays: [] },
    });
    const name = `Postes de travail ${category}`;
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin, provokedRefusal('/api/v1/slas'));
    await page.getByRole('link', { name: 'SLA', exact: true }).click();
    await page.getByRole('link', { name: 'Ajouter un SLA' }).click();
    const form = page.locator('#sla-form');
    await form.getByLabel('Nom', { exact: true }).fill(name);
    await form.getByLabel(/^Calendrier/).selectOption({ label: `Toujours ouvert ${category}` });
    await form.getByLabel(/^de la catégorie/).selectOption(String(category));
    await form.getByLabel('Délai de prise en compte (minutes ouvrées)').fill('0');
    await form.getByRole('button', { name: 'Ajouter un niveau' }).click();
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.locator('#sla-form-ttoMinutes-error').waitFor();
    await form.getByLabel('Délai de prise en compte (minutes ouvrées)').fill('60');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: `SLA — ${name}` }).waitFor();
    const sla = (await stack.call('GET', '/api/v1/slas', { token: admin.token })).body.items.find(
      (item: { name: string }) => item.name === name,
    );
    expect(sla).toMatchObject({
      calendar: calendar.body.id,
      match: { category },
      ttoMinutes: 60,
      levels: [{ clock: 'ttr', offsetMinutes: -60, actions: [{ type: 'notify' }] }],
    });

    const filed = await stack.call('POST', '/api/v1/tickets', {
      token: admin.token,
      body: { title: 'Poste lent', description: 'Depuis la mise à jour.', type: 'incident', urgency: 3, impact: 3, category },
    });
    const id = filed.body.id as number;
    await form.getByLabel('Délai de prise en compte (minutes ouvrées)').fill('120');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'SLA enregistré.' }).waitFor();
    await page.getByRole('button', { name: 'Simuler le recalcul' }).click();
    const row = page.locator('#recompute-report tr', { hasText: `n° ${id}` });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    // Its time to own moves an hour later; nothing is applied yet.
    expect(cells[1]).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d → \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/);
    expect(cells[5]).toBe('non');
    const before = (await stack.call('GET', `/api/v1/tickets/${id}`, { token: admin.token })).body.sla.ttoDue;
    await page.getByRole('button', { name: 'Appliquer le recalcul' }).click();
    await page
      .locator('#recompute-report tr', { hasText: `n° ${id}` })
      .filter({ hasText: 'oui' })
      .waitFor();
    const after = (await stack.call('GET', `/api/v1/tickets/${id}`, { token: admin.token })).body.sla.ttoDue;
    expect(Date.parse(after) - Date.parse(before)).toBe(60 * 60_000);
    expect(errors).toEqual([]);
  });
});

describe('the entity and category pages', () => {
  it('give an entity a priority matrix of its own, cell by cell, and its parent’s back', async () => {
    const site = await stack.call('POST', '/api/v1/entities', {
      token: admin.token,
      body: { parent: 1, name: `Agence de Nantes ${Date.now()}` },
    });
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin);
    await page.getByRole('link', { name: 'Entités', exact: true }).click();
    await page.locator('#entities tr', { hasText: site.body.name }).getByRole('link').click();
    const form = page.locator('#entity-form');
    await form.getByLabel('Une matrice de priorité à elle').check();
    await form.getByLabel('Priorité pour l’urgence 5 et l’impact 5').selectOption({ label: 'Très basse' });
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Enregistré.' }).waitFor();
    const saved = (await stack.call('GET', '/api/v1/entities', { token: admin.token })).body.items.find(
      (e: { id: number }) => e.id === site.body.id,
    );
    expect(saved.inheritsPriorityMatrix).toBe(false);
    expect(saved.priorityMatrix[4][4]).toBe(1);
    await form.getByLabel('Une matrice de priorité à elle').uncheck();
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect
      .poll(
        async () =>
          (await stack.call('GET', '/api/v1/entities', { token: admin.token })).body.items.find(
            (e: { id: number }) => e.id === site.body.id,
          ).inheritsPriorityMatrix,
      )
      .toBe(true);
    expect(errors).toEqual([]);
  });

  it('move a category by dragging it onto another, or by choosing where, and rename it in both languages', async () => {
    const tag = Date.now();
    const create = async (parent: number | null, fr: string, en: string) =>
      (
        await stack.call('POST', '/api/v1/categories', {
          token: admin.token,
          body: { parent, name: { fr: `${fr} ${tag}`, en: `${en} ${tag}` } },
        })
      ).body.id as number;
    const network = await create(null, 'Réseau', 'Network');
    const wifi = await create(null, 'Wi-Fi', 'Wi-Fi');
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin);
    await page.getByRole('link', { name: 'Catégories', exact: true }).click();
    const item = (id: number) => page.locator(`li[data-category="${id}"]`);
    await item(wifi).locator('summary').dragTo(item(network).locator('summary'));
    await page
      .getByRole('status')
      .filter({ hasText: `« Wi-Fi ${tag} » déplacée.` })
      .waitFor();
    await item(network).locator(`li[data-category="${wifi}"]`).waitFor();
    const parentOf = async (id: number) =>
      (await stack.call('GET', '/api/v1/categories', { token: admin.token })).body.items.find((c: { id: number }) => c.id === id).parent;
    expect(await parentOf(wifi)).toBe(network);

    await item(wifi).locator('summary').first().click();
    await item(wifi).getByLabel(`Déplacer Wi-Fi ${tag} sous`).selectOption({ label: '(en haut de l’arbre)' });
    await item(wifi).getByRole('button', { name: 'Déplacer' }).click();
    await expect.poll(() => parentOf(wifi)).toBe(null);
    // The page draws the tree again once the move is answered: opened before that, the item would close.
    await expect.poll(() => item(network).locator(`li[data-category="${wifi}"]`).count()).toBe(0);
    await item(wifi).locator('summary').first().click();
    const rename = item(wifi).getByRole('form', { name: `Renommer Wi-Fi ${tag}` });
    await rename.getByLabel('Nom en anglais').fill(`Wireless ${tag}`);
    await rename.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'renommée' }).waitFor();
    const renamed = (await stack.call('GET', '/api/v1/categories', { token: admin.token })).body.items.find(
      (c: { id: number }) => c.id === wifi,
    );
    expect(renamed.name).toEqual({ fr: `Wi-Fi ${tag}`, en: `Wireless ${tag}` });
    expect(errors).toEqual([]);
  });
});

describe('ticket templates of categories', () => {
  it('are set on the category tree, and shape the requester’s form: description started, urgency left out, location asked for', async () => {
    const tag = Date.now();
    const category = (
      await stack.call('POST', '/api/v1/categories', {
        token: admin.token,
        body: { parent: null, name: { fr: `Badge ${tag}`, en: `Badge ${tag}` } },
      })
    ).body.id as number;
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin);
    await page.goto(`${stack.baseUrl}/#/categories`);
    const item = page.locator(`li[data-category="${category}"]`);
    await item.locator('summary').first().click();
    const form = item.getByRole('form', { name: `Modèle de ticket de Badge ${tag}` });
    await form.getByLabel('Description proposée au demandeur').fill('Numéro du badge :');
    await form.getByRole('group', { name: 'Demander au demandeur' }).getByLabel('le lieu').check();
    await form
      .getByRole('group', { name: /^Ne pas montrer/ })
      .getByLabel('l’urgence')
      .check();
    await form.getByLabel(/^l’urgence/).selectOption({ label: 'Haute' });
    await form.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Modèle de « Badge ${tag} » enregistré.` })
      .waitFor();
    expect(errors).toEqual([]);

    const requester = await stack.userWith('requester');
    const asked = await loggedInPage(browser, stack.baseUrl, requester, provokedRefusal('/api/v1/tickets'));
    await asked.page.getByRole('link', { name: 'Nouveau ticket' }).click();
    await asked.page.getByLabel('Titre').fill('Badge refusé à l’accueil');
    await asked.page.getByLabel(/^Catégorie/).selectOption({ label: `Badge ${tag}` });
    expect(await asked.page.getByLabel('Description').inputValue()).toBe('Numéro du badge :');
    expect(await asked.page.getByLabel(/^Urgence/).isVisible()).toBe(false);
    await asked.page.getByLabel(/^Lieu/).waitFor();
    expect(await asked.page.locator('label', { hasText: 'Lieu (bureau, salle, poste) — demandé pour cette catégorie' }).count()).toBe(1);
    await asked.page.getByRole('button', { name: 'Créer le ticket' }).click();
    await asked.page.locator('#new-form-location-error').waitFor();
    await asked.page.getByLabel(/^Lieu/).fill('Accueil, bâtiment B');
    await asked.page.getByRole('button', { name: 'Créer le ticket' }).click();
    await asked.page.locator('#ticket-status', { hasText: 'Nouveau' }).waitFor();
    const id = Number(/#\/tickets\/(\d+)/.exec(asked.page.url())![1]);
    const filed = (await stack.call('GET', `/api/v1/tickets/${id}`, { token: admin.token })).body;
    expect(filed).toMatchObject({ urgency: 4, location: 'Accueil, bâtiment B', category });
    expect(asked.errors).toEqual([]);
  });
});

describe('the mailbox pages', () => {
  it('add a mailbox with a rule, test its connection and show what its messages became', async () => {
    const desk = freshAddress('support');
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin, provokedRefusal('/api/v1/mailboxes'));
    await page.getByRole('link', { name: 'Boîtes de réception' }).click();
    await page.getByRole('link', { name: 'Ajouter une boîte' }).click();
    await page.getByRole('heading', { name: 'Nouvelle boîte de réception' }).waitFor();
    const form = page.locator('#mailbox-form');
    await form.getByLabel('Nom', { exact: true }).fill('Support informatique');
    await form.getByLabel('Adresse du service').fill(desk);
    await form.getByLabel('Hôte', { exact: true }).fill('127.0.0.1');
    await form.getByLabel('Port', { exact: true }).fill(String(TEST_MAIL.imapPort));
    await form.getByLabel('Utilisateur', { exact: true }).fill(desk);
    await form.getByLabel('la variable d’environnement', { exact: true }).fill('GUICHET_TEST_IMAP_PASSWORD');
    await form.getByLabel('Après import').selectOption('move');
    await form.getByRole('button', { name: 'Ajouter une règle' }).click();
    const rule = form.getByRole('group', { name: 'Règle 1' });
    await rule.getByLabel('Mots (séparés par des virgules)').fill('wifi, réseau');
    await rule.getByLabel('Groupe').selectOption({ label: 'Support N2 (N2)' });
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    // Moving messages needs a folder to move them to: said beside that field.
    await form.locator('#mailbox-form-moveTo-error').filter({ hasText: 'give the folder messages are moved to' }).waitFor();
    await form.getByLabel('Après import').selectOption('seen');
    await form.getByRole('button', { name: 'Enregistrer' }).click();

    await page.getByRole('heading', { name: 'Boîte de réception — Support informatique' }).waitFor();
    await page.getByRole('button', { name: 'Tester la connexion' }).click();
    await page
      .locator('#mailbox-check')
      .filter({ hasText: /^Connexion réussie : \d+ message\(s\) dans INBOX/ })
      .waitFor();
    // The rule kept its words and its group.
    const saved = page.locator('#mailbox-form').getByRole('group', { name: 'Règle 1' });
    expect(await saved.getByLabel('Mots (séparés par des virgules)').inputValue()).toBe('wifi, réseau');
    expect(await saved.getByLabel('Groupe').inputValue()).toBe(String(stack.groups.n2));

    const requester = await userWithMailbox(stack, 'requester', undefined, 'Hugo Lambert');
    await sendMail({ from: requester.address, to: desk, subject: 'Le wifi du 4e ne répond plus', text: 'Depuis 9 h.' });
    // The ticket is filed, then the message recorded in the mailbox's report: wait for both.
    const ticket = await eventually(async () => {
      const found = await stack.call('GET', `/api/v1/tickets?requester=${requester.id}`, { token: admin.token });
      const mail =
        found.body.items[0] && (await stack.call('GET', `/api/v1/tickets/${found.body.items[0].id}/mail`, { token: admin.token }));
      return mail?.body.items.length ? (found.body.items[0] as { id: number; groups: number[] }) : undefined;
    }, 30_000);
    expect(ticket.groups).toEqual([stack.groups.n2]);

    const report = page.locator('#mailbox-report');
    await report.getByRole('button', { name: 'Actualiser' }).click();
    const row = report.locator('tr', { hasText: 'Le wifi du 4e ne répond plus' });
    await row.getByRole('cell', { name: 'ticket créé' }).waitFor();
    expect(await row.getByRole('link').textContent()).toBe(`n° ${ticket.id}`);
    await row.getByRole('button', { name: 'Voir' }).click();
    await expect.poll(() => report.locator('pre.mail-source').textContent()).toContain(`From: ${requester.address}`);
    expect(errors).toEqual([]);
  });
});

describe('the administrators’ pages', () => {
  it('are not offered to a technician', async () => {
    const technician = await stack.userWith('technician', 'N1');
    const { page } = await loggedInPage(browser, stack.baseUrl, technician);
    await page.getByRole('link', { name: 'Tickets' }).first().waitFor();
    for (const name of ['Utilisateurs', 'Groupes', 'Boîtes de réception', 'Jetons d’API', 'Journal d’audit'])
      expect(await page.getByRole('link', { name, exact: true }).isVisible(), name).toBe(false);
  });
});

describe('the API-token page', () => {
  it('issues a token shown once, shows its last use, and revokes it', async () => {
    // Other tests' tokens are in the list too: this one has a name of its own.
    const name = `Supervision Centreon ${Date.now()}`;
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin, provokedRefusal('/api/v1/api-tokens'));
    await page.getByRole('link', { name: 'Jetons d’API' }).click();
    await page.getByRole('heading', { name: 'Jetons d’API' }).waitFor();
    const form = page.locator('#token-form');
    await form.getByRole('button', { name: 'Émettre' }).click();
    // A token needs a name, said beside its field.
    await form.locator('#token-form-name-error').waitFor();
    await form.getByLabel('Nom (le système qui l’utilise)').fill(name);
    await form.getByLabel('Profil').selectOption('technician');
    await form.getByRole('button', { name: 'Émettre' }).click();
    const token = (await page.locator('#token-shown output.token').textContent())!;
    expect(token.length).toBeGreaterThan(20);
    const row = page.locator('#tokens tr', { hasText: name });
    await row.getByRole('cell', { name: 'jamais' }).waitFor();
    // The list shows how it starts, never the whole token.
    const prefix = (await row.locator('code').textContent())!;
    expect(prefix.endsWith('…') && token.startsWith(prefix.slice(0, -1)) && prefix.length < token.length).toBe(true);

    // The monitoring system files an incident with it.
    const asMonitoring = (path: string, init: RequestInit = {}) =>
      fetch(`${stack.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    const filed = await asMonitoring('/api/v1/tickets', {
      method: 'POST',
      body: JSON.stringify({
        title: 'Sonde HTTP : intranet injoignable',
        description: 'Alerte critique.',
        type: 'incident',
        urgency: 4,
        impact: 3,
      }),
    });
    expect(filed.status).toBe(201);
    await page.reload();
    await row.getByRole('cell', { name: 'jamais' }).waitFor({ state: 'detached' });
    // Shown once: the page, drawn again, no longer has it.
    expect(await page.locator('#token-shown').isHidden()).toBe(true);
    const audit = await stack.call('GET', `/api/v1/audit?subject=ticket:${(await filed.json()).id}`, { token: admin.token });
    expect(audit.body.items.some((entry: { token: number | null }) => entry.token !== null)).toBe(true);

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: `Révoquer ${name}` }).click();
    await row.getByRole('cell', { name: /^révoqué le / }).waitFor();
    expect((await asMonitoring('/api/v1/tickets')).status).toBe(401);
    expect(errors).toEqual([]);
  });
});

describe('the audit-log page', () => {
  it('pages a subject’s entries fifty at a time, shows a ticket’s whole story, and refuses a malformed subject beside its field', async () => {
    const filed = await stack.call('POST', '/api/v1/tickets', {
      token: admin.token,
      body: { title: 'Imprimante du 3e : bourrage', description: 'Bac 2.', type: 'incident', urgency: 3, impact: 3 },
    });
    const id = filed.body.id as number;
    for (let n = 1; n <= 54; n += 1) {
      await stack.call('POST', `/api/v1/tickets/${id}/followups`, { token: admin.token, body: { content: `Relance ${n}` } });
    }
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin, provokedRefusal('/api/v1/audit'));
    await page.getByRole('link', { name: 'Journal d’audit' }).click();
    await page.getByRole('heading', { name: 'Journal d’audit' }).waitFor();
    const filters = page.locator('#audit-filters');
    await filters.getByLabel('Objet (ex. user:7)').fill('ticket 42');
    await filters.getByRole('button', { name: 'Filtrer' }).click();
    await filters.locator('#audit-filters-subject-error').waitFor();

    // 55 changes through the API: the ticket and its 54 followups.
    await filters.getByLabel('Objet (ex. user:7)').fill(`ticket:${id}`);
    await filters.getByRole('button', { name: 'Filtrer' }).click();
    const rows = page.locator('#audit-entries tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Entrées suivantes' }).click();
    await expect.poll(() => rows.count()).toBe(55);
    await page.getByRole('button', { name: 'Entrées suivantes' }).waitFor({ state: 'hidden' });
    const subjects = await page.locator('#audit-entries tbody tr td:nth-child(5)').allTextContents();
    expect(new Set(subjects)).toEqual(new Set([`ticket:${id}`]));
    expect(await page.locator('#audit-entries tbody').textContent()).toContain('POST /api/v1/tickets/:id/followups');

    // The ticket's whole story: those entries and its own recorded events, in one page.
    await filters.getByLabel('Objet (ex. user:7)').fill('');
    await filters.getByLabel('Ticket n° (toute son histoire, en une page)').fill(String(id));
    await filters.getByRole('button', { name: 'Filtrer' }).click();
    await page.locator('#audit-entries tbody tr', { hasText: 'événement du ticket' }).first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(56);
    expect(await page.getByRole('button', { name: 'Entrées suivantes' }).isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('the calendar pages', () => {
  it('add a calendar with a holiday, say a malformed range beside its day, and preview the working periods', async () => {
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin, provokedRefusal('/api/v1/calendars'));
    await page.getByRole('link', { name: 'Calendriers', exact: true }).click();
    await page.getByRole('link', { name: 'Ajouter un calendrier' }).click();
    const form = page.locator('#calendar-form');
    await form.getByLabel('Nom', { exact: true }).fill(`Agence de Nantes ${Date.now()}`);
    await form.getByLabel('Samedi').fill('9h-12h');
    await form.getByRole('button', { name: 'Ajouter un jour férié' }).click();
    // The next weekday is a holiday: the preview, which spans several days, must go round it.
    const holiday = new Date(Date.now() + 86_400_000);
    holiday.setUTCHours(12, 0, 0, 0);
    while ([0, 6].includes(holiday.getUTCDay())) holiday.setUTCDate(holiday.getUTCDate() + 1);
    await form.getByRole('group', { name: 'Jour férié 1' }).getByLabel('Date').fill(holiday.toISOString().slice(0, 10));
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    // Said beside Saturday's hours.
    await expect.poll(() => form.getByLabel('Samedi').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.field-error').allTextContents()).toContain('use HH:MM');

    await form.getByLabel('Samedi').fill('');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: /^Calendrier — Agence de Nantes/ }).waitFor();
    const periods = page.locator('#calendar-preview li');
    await expect.poll(() => periods.count()).toBe(10);
    const day = holiday.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full' });
    for (const period of await periods.allTextContents()) {
      expect(period.startsWith(day), period).toBe(false);
      expect(period).not.toMatch(/^(samedi|dimanche)/);
    }
    expect(errors).toEqual([]);
  });
});
