import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRow } from '../../users/user.models';
import { listCategories } from '../../organisation/category.repository';
import { hashPassword } from '../../users/password';
import { ARTIFACTS, launchChromium, logInThrough, watchForErrors } from '../support/browser';
import { inGroup, startStack, type Stack } from '../support/stack';

let stack: Stack;
let browser: Browser;
const password = `pw-${randomUUID()}`;
const logins = { requester: `alice-${randomUUID().slice(0, 6)}`, technician: `tech1-${randomUUID().slice(0, 6)}` };

beforeAll(async () => {
  stack = await startStack();
  const hash = await hashPassword(password);
  await UserRow.create({
    login: logins.requester,
    name: 'Alice Durand',
    email: null,
    profile: 'requester',
    password_hash: hash,
  });
  await inGroup(
    await UserRow.create({
      login: logins.technician,
      name: 'Théo Martin',
      email: null,
      profile: 'technician',
      password_hash: hash,
    }),
    stack.groups.n1,
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function logIn(login: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  const errors = watchForErrors(page);
  await logInThrough(page, stack.baseUrl, { login, password });
  return { page, errors };
}

describe('web UI', () => {
  it('lets a requester file a ticket and a technician take and resolve it, then the requester accept', async () => {
    const title = `Imprimante : lignes décalées ${randomUUID().slice(0, 4)}`;
    const category = await stack.newCategory();
    const { path } = (await listCategories()).find((c) => c.id === category)!;
    const alice = await logIn(logins.requester);
    await alice.page.getByRole('link', { name: 'Nouveau ticket' }).click();
    await alice.page.getByLabel('Titre').fill(title);
    await alice.page.getByLabel('Description').fill("L'imprimante du 2e imprime des lignes décalées.");
    await alice.page.getByLabel('Catégorie').selectOption({ label: path.fr });
    await alice.page.getByRole('button', { name: 'Créer le ticket' }).click();
    await alice.page.getByRole('heading', { name: title, exact: false }).waitFor();
    expect(await alice.page.locator('#ticket-status').textContent()).toBe('Nouveau');
    expect(await alice.page.locator('#ticket-category').textContent()).toBe(path.fr);
    await alice.page.screenshot({ path: `${ARTIFACTS}/1-requester-filed.png` });
    const ticketUrl = alice.page.url();

    const tech = await logIn(logins.technician);
    await tech.page.getByRole('link', { name: title }).click();
    await tech.page.getByRole('button', { name: 'Prendre en charge' }).click();
    await tech.page.locator('#ticket-status', { hasText: 'En cours (attribué)' }).waitFor();
    const steps =
      'Étapes :\n- nettoyer la tête\n- aligner ([guide](https://support.exemple.fr/alignement))\n\n<script>window.__xss = 1</script>';
    await tech.page.getByLabel('Ajouter un suivi').fill(steps);
    await tech.page.getByRole('button', { name: 'Ajouter le suivi' }).click();
    const written = tech.page.locator('#ticket-history .written').last();
    await written.locator('ul > li').nth(1).waitFor();
    expect(await written.locator('ul > li').allTextContents()).toEqual(['nettoyer la tête', 'aligner (guide)']);
    expect(await written.getByRole('link', { name: 'guide' }).getAttribute('href')).toBe('https://support.exemple.fr/alignement');
    expect(await written.textContent()).toContain('<script>window.__xss = 1</script>');
    expect(await tech.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await tech.page.getByRole('button', { name: 'Résoudre' }).click();
    await tech.page.getByLabel('Solution').fill('Tête d’impression nettoyée et alignée');
    await tech.page.getByRole('button', { name: 'Confirmer' }).click();
    await tech.page.locator('#ticket-status', { hasText: 'Résolu' }).waitFor();
    expect(await tech.page.getByRole('button', { name: 'Accepter la solution' }).count()).toBe(0);
    await tech.page.screenshot({ path: `${ARTIFACTS}/2-technician-resolved.png` });

    await alice.page.goto(ticketUrl);
    await alice.page.reload();
    expect(await alice.page.getByLabel('Suivi privé', { exact: false }).isVisible()).toBe(false);
    await alice.page.getByLabel('Ajouter un suivi').fill('Merci, les lignes sont droites.');
    await alice.page.getByRole('button', { name: 'Ajouter le suivi' }).click();
    await alice.page.locator('#ticket-history li', { hasText: 'Suivi : Merci, les lignes sont droites.' }).waitFor();
    await alice.page.getByRole('button', { name: 'Accepter la solution' }).click();
    await alice.page.locator('#ticket-status', { hasText: 'Clos' }).waitFor();
    expect(await alice.page.locator('#ticket-actions button').count()).toBe(0);
    await expect(alice.page.locator('#ticket-history > li').count()).resolves.toBe(6);
    expect(await alice.page.locator('#followup-form').isHidden()).toBe(true);
    await alice.page.screenshot({ path: `${ARTIFACTS}/3-requester-accepted.png` });

    expect([...alice.errors, ...tech.errors]).toEqual([]);
  });

  it('keeps what a technician is typing while an action they took is on its way, and empties the field once the followup is added', async () => {
    const requester = await stack.call('POST', '/api/v1/auth/login', { body: { login: logins.requester, password } });
    const ticket = await stack.call('POST', '/api/v1/tickets', {
      token: requester.body.token,
      body: {
        title: `Écran noir au démarrage ${randomUUID().slice(0, 4)}`,
        description: 'Depuis ce matin.',
        type: 'incident',
        urgency: 2,
        impact: 2,
      },
    });
    const tech = await logIn(logins.technician);
    await tech.page.goto(`${stack.baseUrl}/#/tickets/${ticket.body.id}`);
    await tech.page.getByRole('button', { name: 'Prendre en charge' }).waitFor();
    // The action's answer is held until the technician has typed, as on a slow network.
    let typed!: () => void;
    const typing = new Promise<void>((resolve) => (typed = resolve));
    await tech.page.route('**/actions/take', async (route) => {
      const response = await route.fetch();
      await typing;
      await route.fulfill({ response });
    });
    await tech.page.getByRole('button', { name: 'Prendre en charge' }).click();
    const field = tech.page.getByLabel('Ajouter un suivi');
    await field.fill('Je passe au poste à 14 h.');
    typed();
    await tech.page.locator('#flash', { hasText: 'Prendre en charge : fait.' }).waitFor();
    expect(await tech.page.locator('#ticket-status').textContent()).toBe('En cours (attribué)');
    expect(await field.inputValue()).toBe('Je passe au poste à 14 h.');
    await tech.page.getByRole('button', { name: 'Ajouter le suivi' }).click();
    await tech.page.locator('#ticket-history li', { hasText: 'Je passe au poste à 14 h.' }).waitFor();
    expect(await field.inputValue()).toBe('');
    expect(tech.errors).toEqual([]);
  });

  it('asks for a validation by the validator’s name, and lets the validator decide from a list', async () => {
    const suffix = randomUUID().slice(0, 6);
    const validator = await stack.userWith('supervisor', undefined, { name: `Claire Valideuse ${suffix}` });
    const requester = await stack.call('POST', '/api/v1/auth/login', { body: { login: logins.requester, password } });
    const ticket = await stack.call('POST', '/api/v1/tickets', {
      token: requester.body.token,
      body: { title: `Poste obsolète à renouveler ${suffix}`, description: 'Sept ans.', type: 'incident', urgency: 2, impact: 2 },
    });
    const tech = await logIn(logins.technician);
    await tech.page.goto(`${stack.baseUrl}/#/tickets/${ticket.body.id}`);
    await tech.page.getByRole('button', { name: 'Demander une validation' }).click();
    const field = tech.page.getByLabel('Valideur (nom ou n°)');
    await field.pressSequentially(`Valideuse ${suffix}`);
    const suggestion = tech.page.locator(`datalist#validator-people option[value="${validator.id}"]`);
    await suggestion.waitFor({ state: 'attached' });
    expect(await suggestion.textContent()).toBe(`Claire Valideuse ${suffix} (${validator.login})`);
    // Picking the suggestion puts the validator's number in the field.
    await field.fill(String(validator.id));
    await tech.page.getByRole('button', { name: 'Confirmer' }).click();
    await tech.page.locator('#flash', { hasText: 'Demander une validation : fait.' }).waitFor();

    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    const errors = watchForErrors(page);
    await logInThrough(page, stack.baseUrl, validator);
    await page.goto(`${stack.baseUrl}/#/tickets/${ticket.body.id}`);
    await page.getByRole('button', { name: 'Valider' }).click();
    expect(await page.getByLabel('Décision').locator('option').allTextContents()).toEqual(['', 'Validée', 'Refusée']);
    await page.getByLabel('Décision').selectOption({ label: 'Validée' });
    await page.getByRole('button', { name: 'Confirmer' }).click();
    await page.locator('#flash', { hasText: 'Valider : fait.' }).waitFor();
    await page.locator('#ticket-history li', { hasText: /Valider → Nouveau : Validée$/ }).waitFor();
    const history = await stack.call('GET', `/api/v1/tickets/${ticket.body.id}/history`, { token: validator.token });
    expect(history.body.items.at(-1)).toMatchObject({ action: 'validate', actor: validator.id, data: { decision: 'accepted' } });
    expect([...tech.errors, ...errors]).toEqual([]);
  });

  it('shows a text field holding markup as text, never running it', async () => {
    const alice = await logIn(logins.requester);
    const created = await stack.call('POST', '/api/v1/auth/login', { body: { login: logins.requester, password } });
    const payload = '<img src=x onerror="window.__pwned=1">';
    const ticket = await stack.call('POST', '/api/v1/tickets', {
      token: created.body.token,
      body: { title: payload, description: payload, type: 'incident', urgency: 2, impact: 2 },
    });
    await alice.page.goto(`${stack.baseUrl}/#/tickets/${ticket.body.id}`);
    await alice.page.locator('#ticket-title', { hasText: payload }).waitFor();
    expect(await alice.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});
