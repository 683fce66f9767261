import { randomUUID } from 'node:crypto';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRow } from '../../users/user.models';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { hashPassword } from '../../users/password';
import { ARTIFACTS, launchChromium, loggedInPage } from '../support/browser';
import { startDesk, type Desk } from '../support/stack';

let desk: Desk;
let browser: Browser;
const password = `pw-${randomUUID()}`;
const logins = { owner: `owner-${randomUUID().slice(0, 6)}`, requester: `alice-${randomUUID().slice(0, 6)}` };
const shippedIncident = SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!;
const incidentActions = shippedIncident.actions.length;
/** The incident lifecycle under a key of this test's own, so other tests' tickets and versions are not its. */
const KEY = `incident-${randomUUID().slice(0, 8)}`;
const ids: number[] = [];

beforeAll(async () => {
  desk = await startDesk();
  const hash = await hashPassword(password);
  for (const [profile, login] of [
    ['owner', logins.owner],
    ['requester', logins.requester],
  ] as const) {
    await UserRow.create({ login, name: `Mme ${login}`, email: null, profile, password_hash: hash });
  }
  const publisher = await desk.stack.userWith('owner');
  const draft = await desk.stack.call('POST', `/api/v1/lifecycles/${KEY}/drafts`, {
    token: publisher.token,
    body: { ...shippedIncident, key: KEY },
  });
  expect(
    (await desk.stack.call('POST', `/api/v1/lifecycles/${KEY}/drafts/${draft.body.id}/publish`, { token: publisher.token })).status,
  ).toBe(201);
  // Three incidents on version 1: two new, one assigned.
  for (const title of ['Imprimante hors ligne', 'Badge refusé', 'Poste lent']) {
    const created = await desk.stack.call('POST', '/api/v1/tickets', {
      token: desk.alice.token,
      body: { title, description: 'Signalé à l’accueil.', type: 'incident', urgency: 3, impact: 3, lifecycle: KEY },
    });
    expect(created.status).toBe(201);
    ids.push(created.body.id);
  }
  const assigned = await desk.stack.call('POST', `/api/v1/tickets/${ids[0]}/actions/assign`, { token: desk.tech1.token, body: {} });
  expect(assigned.status).toBeLessThan(300);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await desk?.stack.close();
});

// The browser logs the refusal the test provokes: a migration whose mapping leaves a state out. (The
// editor asks for a draft's diagram only once the draft can be drawn, so that never answers 400.)
const provoked = (message: ConsoleMessage) =>
  message.location().url.endsWith(`/api/v1/lifecycles/${KEY}/migrations`) && /status of 400/.test(message.text());
const logIn = (login: string) => loggedInPage(browser, desk.stack.baseUrl, { login, password }, provoked);

const json = (page: Page) => page.locator('#definition-json');
const diagramText = async (page: Page) => (await page.locator('#lifecycle-diagram .diagram-box svg').textContent()) ?? '';
const findingPaths = (page: Page) =>
  page.locator('#findings .finding').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-path')));

const formMessage = (page: Page) => page.locator('.forms-pane .form-message').textContent();
const definitionIn = async (page: Page) => JSON.parse(await json(page).inputValue());
/** Whether the JSON's line holding `text` is in the textarea's view: the forms scroll to what they add. */
const inView = (page: Page, text: string) =>
  json(page).evaluate((textarea: HTMLTextAreaElement, wanted) => {
    const line = textarea.value.slice(0, textarea.value.indexOf(wanted)).split('\n').length;
    const top = (line - 1) * parseFloat(getComputedStyle(textarea).lineHeight);
    return top >= textarea.scrollTop && top < textarea.scrollTop + textarea.clientHeight;
  }, text);
/** Saved, with no finding. */
const publishable = (page: Page) => expect.poll(() => page.locator('#publish').isEnabled(), { timeout: 5_000 }).toBe(true);

async function addAction(page: Page, name: string, from: string, to: string, roles: string[]) {
  const form = page.locator('#add-action');
  await form.getByLabel('Nom de l’action').fill(name);
  await form.locator('fieldset[data-name="from"]').getByLabel(from, { exact: true }).check();
  await form.getByLabel('Vers l’état').selectOption(to);
  for (const role of roles) await form.locator('fieldset[data-name="roles"]').getByLabel(role, { exact: true }).check();
  await form.getByRole('button', { name: 'Ajouter' }).click();
  await expect.poll(() => json(page).inputValue()).toContain(`"name": "${name}"`);
}

describe('web UI: the lifecycle editor', () => {
  it('lets a process owner draft a new incident version with the form and the JSON, publish it and simulate the migration', async () => {
    const { page, errors } = await logIn(logins.owner);
    await page.getByRole('link', { name: 'Cycles de vie' }).click();
    await page.getByRole('heading', { name: 'Cycles de vie', level: 1 }).waitFor();
    const incident = page.locator(`section[data-key="${KEY}"]`);
    expect(await incident.locator('li').first().textContent()).toMatch(/Version 1 — diagramme — publiée le .+ — 3 tickets en cours/);

    await incident.getByRole('link', { name: 'Version 1 — diagramme' }).click();
    await page.getByRole('heading', { name: 'Incident (ITIL) — version 1' }).waitFor();
    await page.locator('#lifecycle-diagram svg').waitFor();
    expect(await diagramText(page)).toContain('En attente');
    expect(await page.locator('#lifecycle-diagram svg script, #lifecycle-diagram svg [style]').count()).toBe(0);

    await page.getByRole('button', { name: 'Nouveau brouillon' }).click();
    await page.getByRole('heading', { name: /^Incident \(ITIL\) — brouillon n° \d+$/ }).waitFor();
    await expect.poll(() => json(page).inputValue()).toContain(`"key": "${KEY}"`);
    // The version lists its drafts, to resume one.
    const draftHeading = (await page.locator('h1').textContent())!;
    await page.getByRole('link', { name: 'Retour à la version 1' }).click();
    await page.locator('#draft-list a', { hasText: /^Brouillon n° \d+ \(d’après la version 1\), modifié le / }).click();
    await page.getByRole('heading', { name: draftHeading }).waitFor();
    await expect.poll(() => json(page).inputValue()).toContain(`"key": "${KEY}"`);
    expect(await page.locator('#finding-count').textContent()).toBe('Aucun constat : le brouillon peut être publié.');
    expect(await page.locator('#publish').isEnabled()).toBe(true);

    // The schema's hints at the caret: the canonical statuses inside a state's status.
    await json(page).evaluate((textarea: HTMLTextAreaElement) => {
      const at = textarea.value.indexOf('"status": "pending"') + 12;
      textarea.focus();
      textarea.setSelectionRange(at, at);
      textarea.dispatchEvent(new KeyboardEvent('keyup'));
    });
    expect(await page.locator('#json-hints').textContent()).toBe(
      'Permis ici ($.states.pending.status) : valeurs : new, assigned, planned, pending, resolved, closed',
    );

    // A state through the form: unreachable until an action leads to it.
    const stateForm = page.locator('#add-state');
    await stateForm.getByLabel('Nom (identifiant)').fill('awaiting_parts');
    await stateForm.getByLabel('Statut canonique').selectOption('pending');
    await stateForm.getByLabel('Libellé (français)').fill('En attente de pièces');
    await stateForm.getByLabel('Libellé (anglais)').fill('Awaiting parts');
    await stateForm.getByRole('button', { name: 'Ajouter' }).click();
    expect(await page.locator('.forms-pane .form-message').textContent()).toBe('État « awaiting_parts » ajouté.');
    await expect.poll(() => findingPaths(page), { timeout: 5_000 }).toContain('$.states.awaiting_parts');
    expect(await page.locator('#finding-count').textContent()).toMatch(/^\d constats? à corriger avant publication\.$/);
    expect(await page.locator('#publish').isDisabled()).toBe(true);

    // An action to it, and one back that nobody may take.
    await addAction(page, 'order_parts', 'assigned', 'awaiting_parts', ['technician']);
    await addAction(page, 'parts_received', 'awaiting_parts', 'assigned', []);
    const rolesPath = `$.actions[${incidentActions + 1}].roles`;
    await expect.poll(() => findingPaths(page), { timeout: 5_000 }).toEqual([rolesPath]);
    const finding = page.locator('#findings li');
    expect(await finding.locator('.rule').textContent()).toBe('action-role');
    expect(await finding.locator('.message').textContent()).toContain('action "parts_received" has no role');
    expect(await page.locator('#finding-count').getAttribute('role')).toBe('status');
    expect(await page.locator('#publish').isDisabled()).toBe(true);

    // Clicking the finding selects its JSON; the fix is typed in the JSON itself.
    await finding.getByRole('button').click();
    const selected = await json(page).evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd));
    expect(selected).toBe('"roles": []');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('definition-json');
    await json(page).fill((await json(page).inputValue()).replace('"roles": []', '"roles": ["technician", "supervisor"]'));
    await page.locator('#finding-count', { hasText: 'Aucun constat' }).waitFor();
    await expect.poll(() => diagramText(page), { timeout: 15_000 }).toContain('En attente de pièces');
    await expect.poll(() => page.locator('#publish').isEnabled(), { timeout: 5_000 }).toBe(true);
    expect(await page.locator('#lifecycle-diagram .diagram-box.stale').count()).toBe(0);

    // Conditions on the ticket's fields, through their form: a number for the priority, one of the type's values.
    const conditionForm = page.locator('#add-condition');
    await conditionForm.getByLabel('Action (nom : depuis → vers)').selectOption({ label: 'order_parts : assigned → awaiting_parts' });
    await conditionForm.getByLabel('Champ du ticket').selectOption('priority');
    await conditionForm.getByLabel('Opérateur').selectOption('<=');
    await conditionForm.getByLabel('Valeur').filter({ visible: true }).fill('4');
    await conditionForm.getByRole('button', { name: 'Ajouter' }).click();
    expect(await formMessage(page)).toBe('Condition ajoutée à l’action « order_parts ».');
    await conditionForm.getByLabel('Action (nom : depuis → vers)').selectOption({ label: 'order_parts : assigned → awaiting_parts' });
    await conditionForm.getByLabel('Champ du ticket').selectOption('type');
    expect(await conditionForm.getByLabel('Opérateur').locator('option').allTextContents()).toEqual(['==', '!=']);
    await conditionForm.getByLabel('Valeur').filter({ visible: true }).selectOption('incident');
    await conditionForm.getByRole('button', { name: 'Ajouter' }).click();
    expect((await definitionIn(page)).actions[incidentActions].when).toEqual([
      { field: 'priority', op: '<=', value: 4 },
      { field: 'type', op: '==', value: 'incident' },
    ]);
    expect(await inView(page, '"value": "incident"')).toBe(true);
    await publishable(page);
    expect(await findingPaths(page)).toEqual([]);

    // A timer of four hours whose action system may not take yet: the finding says so, the JSON lets it.
    const timerForm = page.locator('#add-timer');
    await timerForm.getByLabel(/^État/).selectOption('awaiting_parts');
    expect(await timerForm.getByLabel('Action prise').locator('option').allTextContents()).toEqual([
      'parts_received (system ne peut pas la prendre)',
    ]);
    await timerForm.getByLabel('au dépassement d’un délai SLA').check();
    expect(await timerForm.getByLabel('Délai dépassé').isVisible()).toBe(true);
    expect(await timerForm.getByLabel(/^Durée/).isHidden()).toBe(true);
    await timerForm.getByLabel('après une durée dans l’état').check();
    await timerForm.getByLabel(/^Durée/).fill('4');
    await timerForm.getByLabel('Unité').selectOption('hours');
    await timerForm.getByRole('button', { name: 'Ajouter' }).click();
    expect(await formMessage(page)).toBe('Minuterie ajoutée à l’état « awaiting_parts ».');
    expect((await definitionIn(page)).states.awaiting_parts.timers).toEqual([{ after: 'PT4H', action: 'parts_received' }]);
    expect(await inView(page, '"after": "PT4H"')).toBe(true);
    await expect.poll(() => findingPaths(page), { timeout: 5_000 }).toEqual(['$.states.awaiting_parts.timers[0].action']);
    expect(await page.locator('#findings li .rule').textContent()).toBe('timer-target');
    expect(await page.locator('#findings li .message').textContent()).toContain('the role "system" may not take "parts_received"');
    const timed = await json(page).inputValue();
    const receivedAt = timed.indexOf('"name": "parts_received"');
    await json(page).fill(
      timed.slice(0, receivedAt) +
        timed.slice(receivedAt).replace('"roles": ["technician", "supervisor"]', '"roles": ["technician", "supervisor", "system"]'),
    );
    await publishable(page);
    await timerForm.getByLabel(/^État/).selectOption('awaiting_parts');
    expect(await timerForm.getByLabel('Action prise').locator('option').allTextContents()).toEqual(['parts_received']);

    // Entering the state hands the ticket to N1 and tells its requester.
    const entryForm = page.locator('#add-entry-effect');
    await entryForm.getByLabel(/^État/).selectOption('awaiting_parts');
    await entryForm.getByLabel('Effet').selectOption('assignGroup');
    await entryForm.getByLabel('Groupe (identifiant)').fill(String(desk.stack.groups.n1));
    await entryForm.getByRole('button', { name: 'Ajouter' }).click();
    expect(await formMessage(page)).toBe('Effet « assignGroup » ajouté à l’entrée de l’état « awaiting_parts ».');
    await entryForm.getByLabel(/^État/).selectOption('awaiting_parts');
    await entryForm.getByLabel('Effet').selectOption('notify');
    expect(await entryForm.getByLabel('Groupe (identifiant)').isHidden()).toBe(true);
    await entryForm.getByRole('button', { name: 'Ajouter' }).click();
    expect(await formMessage(page)).toBe('Choisissez au moins un destinataire.');
    await entryForm.locator('fieldset[data-name="to"]').getByLabel('requester', { exact: true }).check();
    await entryForm.getByLabel('Message en français (facultatif)').fill('Les pièces de votre poste sont commandées.');
    await entryForm.getByLabel('Message en anglais (facultatif)').fill('The parts for your computer are on order.');
    await entryForm.getByRole('button', { name: 'Ajouter' }).click();
    expect(await formMessage(page)).toBe('Effet « notify » ajouté à l’entrée de l’état « awaiting_parts ».');
    expect((await definitionIn(page)).states.awaiting_parts.entry).toEqual([
      { effect: 'assignGroup', group: desk.stack.groups.n1 },
      {
        effect: 'notify',
        to: ['requester'],
        message: { fr: 'Les pièces de votre poste sont commandées.', en: 'The parts for your computer are on order.' },
      },
    ]);
    expect(await inView(page, '"effect": "notify"')).toBe(true);
    await publishable(page);
    expect(await findingPaths(page)).toEqual([]);
    // The draft's diagram draws the timer on its state, and the conditions on their branch.
    await expect.poll(() => diagramText(page), { timeout: 15_000 }).toContain('4\u00a0heures');
    expect(await diagramText(page)).toContain('priorité ≤ 4 et type = incident');

    // A syntax error is shown where it is, and nothing is saved meanwhile.
    const good = await json(page).inputValue();
    await json(page).fill(good.replace('"initial": "new",', '"initial": "new"'));
    expect(await page.locator('#json-problem').textContent()).toMatch(/^JSON invalide, ligne \d+, colonne \d+ : /);
    expect(await page.locator('#publish').isDisabled()).toBe(true);
    await json(page).fill(good);
    await expect.poll(() => page.locator('#json-problem').isHidden(), { timeout: 5_000 }).toBe(true);
    await expect.poll(() => page.locator('#publish').isEnabled(), { timeout: 5_000 }).toBe(true);

    expect(await page.locator('.code .gutter').textContent()).toMatch(/^1\n2\n3\n/);
    expect(await page.getByLabel('Définition (JSON)').count()).toBe(1);
    expect(await page.locator('#add-state, #add-action, #add-condition, #add-timer, #add-entry-effect').count()).toBe(5);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${ARTIFACTS}/lifecycle-editor.png`, fullPage: true });

    // On a phone's width the editor is one column, without scrolling sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 1400, height: 900 });

    // Switching language straight after typing keeps what was typed.
    await json(page).fill((await json(page).inputValue()).replace('"Awaiting parts"', '"Awaiting spare parts"'));
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('heading', { name: /^Incident \(ITIL\) — draft #\d+$/ }).waitFor();
    expect(await json(page).inputValue()).toContain('"en": "Awaiting spare parts"');
    expect(await page.locator('#finding-count').textContent()).toBe('No finding: the draft can be published.');
    await page.getByRole('button', { name: 'FR' }).click();
    await page.getByRole('heading', { name: draftHeading }).waitFor();
    await expect.poll(() => page.locator('#publish').isEnabled(), { timeout: 5_000 }).toBe(true);

    await page.getByRole('button', { name: 'Publier' }).click();
    await page.getByRole('heading', { name: 'Incident (ITIL) — version 2' }).waitFor();
    expect(await page.locator('#flash').textContent()).toBe('Version 2 publiée.');
    await expect.poll(() => diagramText(page), { timeout: 15_000 }).toContain('En attente de pièces');
    expect(await diagramText(page)).toContain('4\u00a0heures');

    await page.getByRole('link', { name: 'Migrer les tickets entre versions' }).click();
    await page.getByRole('heading', { name: 'Incident (ITIL) — migration des tickets' }).waitFor();
    expect(await page.getByLabel('Depuis la version').inputValue()).toBe('1');
    expect(await page.getByLabel('Vers la version').inputValue()).toBe('2');
    await page.locator('#map-new').waitFor();
    expect(await page.locator('#map-assigned').inputValue()).toBe('assigned');
    expect(await page.getByRole('button', { name: 'Migrer' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Simulation' }).click();
    await page.locator('#migration-summary', { hasText: 'Simulation : 3 tickets en cours.' }).waitFor();
    expect((await page.locator('#migration-moves li').allTextContents()).sort()).toEqual(['assigned → assigned : 1', 'new → new : 2']);
    expect(await page.locator('.migration-result').getAttribute('aria-live')).toBe('polite');

    await page.getByRole('button', { name: 'Migrer' }).click();
    await page.locator('#migration-summary', { hasText: 'Migration terminée : 3 / 3 déplacés.' }).waitFor({ timeout: 30_000 });
    const versions = await desk.stack.call('GET', `/api/v1/lifecycles/${KEY}/versions`, { token: desk.tech1.token });
    expect(versions.body.items).toEqual([
      expect.objectContaining({ version: 2, runningTickets: 3 }),
      expect.objectContaining({ version: 1, runningTickets: 0 }),
    ]);

    // Back from 2 to 1, a ticket awaiting parts needs a state of version 1: the refusal points at its select.
    const ordered = await desk.stack.call('POST', `/api/v1/tickets/${ids[0]}/actions/order_parts`, { token: desk.tech1.token, body: {} });
    expect(ordered.status).toBeLessThan(300);
    // Its conditions held (priority 3, an incident), and entering the state told its requester.
    const told = async () => {
      const { body } = await desk.stack.call('GET', '/api/v1/notifications', { token: desk.alice.token });
      return body.items.filter((n: any) => n.ticket === ids[0]).map((n: any) => n.message.fr);
    };
    await expect.poll(told, { timeout: 10_000 }).toEqual(['Les pièces de votre poste sont commandées.']);
    await page.getByLabel('Depuis la version').selectOption('2');
    await page.getByLabel('Vers la version').selectOption('1');
    const awaiting = page.locator('#map-awaiting_parts');
    expect(await awaiting.inputValue()).toBe('');
    await page.getByRole('button', { name: 'Simulation' }).click();
    await page.locator('#migration-summary', { hasText: 'mapping.awaiting_parts' }).waitFor();
    expect(await awaiting.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Migrer' }).isDisabled()).toBe(true);
    await awaiting.selectOption('pending');
    await page.getByRole('button', { name: 'Simulation' }).click();
    await page.locator('#migration-summary', { hasText: 'Simulation : 3 tickets en cours.' }).waitFor();
    expect((await page.locator('#migration-moves li').allTextContents()).sort()).toEqual(['awaiting_parts → pending : 1', 'new → new : 2']);
    expect(await awaiting.getAttribute('aria-invalid')).toBeNull();

    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('heading', { name: 'Incident (ITIL) — ticket migration' }).waitFor();
    expect(await page.getByLabel('From version').inputValue()).toBe('1');

    expect(errors).toEqual([]);
  });

  it('offers no lifecycle editor to a requester, and the drafts API refuses them', async () => {
    const { page, errors } = await logIn(logins.requester);
    expect(await page.getByRole('link', { name: 'Cycles de vie' }).count()).toBe(0);
    await page.goto(`${desk.stack.baseUrl}/#/lifecycles`);
    await page.getByRole('heading', { name: 'Tickets' }).waitFor();
    const login = await desk.stack.call('POST', '/api/v1/auth/login', { body: { login: logins.requester, password } });
    const drafts = await desk.stack.call('GET', `/api/v1/lifecycles/${KEY}/drafts`, { token: login.body.token });
    expect(drafts.status).toBe(403);
    expect(errors).toEqual([]);
  });
});
