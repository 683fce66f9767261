import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRow } from '../../users/user.models';
import { hashPassword } from '../../users/password';
import { ARTIFACTS, launchChromium, loggedInPage, provokedRefusal } from '../support/browser';
import { inGroup, startStack, type Stack } from '../support/stack';

let stack: Stack;
let browser: Browser;
const password = `pw-${randomUUID()}`;
const login = `tech-${randomUUID().slice(0, 6)}`;
let technicianToken: string;

const ALWAYS = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]]));
const tag = randomUUID().slice(0, 6);

beforeAll(async () => {
  stack = await startStack();
  await inGroup(
    await UserRow.create({
      login,
      name: 'Théo Martin',
      email: null,
      profile: 'technician',
      password_hash: await hashPassword(password),
    }),
    stack.groups.n1,
  );
  technicianToken = (await stack.call('POST', '/api/v1/auth/login', { body: { login, password } })).body.token;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function file(title: string, extra: object = {}): Promise<number> {
  const response = await stack.call('POST', '/api/v1/tickets', {
    token: technicianToken,
    body: { title, description: 'Signalé au téléphone.', type: 'incident', urgency: 3, impact: 3, ...extra },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as number;
}

describe('the technician queue', () => {
  it('offers the saved views with their counts, SLA countdowns, search, keyboard navigation and live rows', async () => {
    const admin = await stack.userWith('admin');
    const calendar = await stack.call('POST', '/api/v1/calendars', {
      token: admin.token,
      body: { name: `Toujours ouvert ${tag}`, timezone: 'Europe/Paris', hours: ALWAYS, holidays: [] },
    });
    // SLAs chosen by hand, matching only a category no ticket uses, so other tests' tickets never get them.
    const shelved = await stack.newCategory();
    const sla = await stack.call('POST', '/api/v1/slas', {
      token: admin.token,
      body: { name: `Urgent ${tag}`, calendar: calendar.body.id, match: { category: shelved }, ttoMinutes: 30, ttrMinutes: 90 },
    });
    // Chosen by hand too, so SLAs other tests define cannot make the mouse urgent.
    const relaxed = await stack.call('POST', '/api/v1/slas', {
      token: admin.token,
      body: { name: `Confort ${tag}`, calendar: calendar.body.id, match: { category: shelved }, ttoMinutes: 600, ttrMinutes: 14_400 },
    });
    const urgent = await file(`Serveur de fichiers injoignable ${tag}`, { slaPolicy: sla.body.id });
    const mine = await file(`Souris sans fil HS ${tag}`, { slaPolicy: relaxed.body.id });
    expect((await stack.call('POST', `/api/v1/tickets/${mine}/actions/assign`, { token: technicianToken, body: {} })).status).toBe(200);

    const { page, errors } = await loggedInPage(browser, stack.baseUrl, { login, password });
    const views = page.getByRole('navigation', { name: 'Vues enregistrées' });
    await views.getByRole('link', { name: 'Mes tickets (1)' }).waitFor();
    await views.getByRole('link', { name: /^SLA en danger \(\d+\)$/ }).click();
    await page.getByRole('heading', { name: 'Tickets — SLA en danger' }).waitFor();
    const urgentRow = page.locator('#ticket-rows tr', { hasText: `Serveur de fichiers injoignable ${tag}` });
    // 90 minutes to resolve, on a calendar that never closes.
    expect(await urgentRow.locator('span.sla').textContent()).toMatch(/^dans 1 h (29|30)$/);
    expect(await page.locator('#ticket-rows tr', { hasText: `Souris sans fil HS ${tag}` }).count()).toBe(0);

    await views.getByRole('link', { name: 'Mes tickets (1)' }).click();
    await page.getByRole('heading', { name: 'Tickets — Mes tickets' }).waitFor();
    expect(await page.locator('#ticket-rows tr').count()).toBe(1);

    // Search, then the keyboard: / to the search box, j to the first ticket, Enter opens it.
    await page.goto(`${stack.baseUrl}/#/`);
    await page.getByRole('heading', { name: 'Tickets', exact: true }).waitFor();
    await page.locator('#ticket-rows[data-following="yes"]').waitFor({ state: 'attached' });
    await page.keyboard.press('/');
    await page.keyboard.type(`injoignable ${tag}`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=injoignable/);
    // The search answers with that one ticket (the list before it may still be showing a moment).
    await expect.poll(() => page.locator('#ticket-rows tr').count()).toBe(1);
    expect(await page.locator('#ticket-rows tr').textContent()).toContain(`Serveur de fichiers injoignable ${tag}`);
    // Filters: the assigned tickets only, by the status the list shows.
    const search = page.locator('#search-form');
    await search.getByLabel('Statut').selectOption({ label: 'En cours (attribué)' });
    await search.getByLabel('Rechercher').fill('');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByRole('heading', { name: 'Tickets — statut : En cours (attribué)' }).waitFor();
    await page.locator('#ticket-rows tr', { hasText: `Souris sans fil HS ${tag}` }).waitFor();
    // After the box that selects it, its number and its title.
    expect(new Set(await page.locator('#ticket-rows tr td:nth-child(4)').allTextContents())).toEqual(new Set(['En cours (attribué)']));
    expect(await search.getByLabel('Statut').inputValue()).toBe('assigned');
    await page.goto(`${stack.baseUrl}/#/tickets?q=${encodeURIComponent(`injoignable ${tag}`)}`);
    await expect.poll(() => page.locator('#ticket-rows tr').count()).toBe(1);
    await page.locator('h1').click();
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(`Serveur de fichiers injoignable ${tag}`);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/tickets/${urgent}$`));
    await page.getByRole('heading', { name: `n° ${urgent} — Serveur de fichiers injoignable ${tag}` }).waitFor();
    // Its page says when it must be resolved, and how long is left.
    expect(await page.locator('#ticket-sla').textContent()).toMatch(/^dans 1 h (29|30) \(le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}\)$/);
    // Nobody has taken it yet: 30 minutes to own it. The ticket taken already says when it was.
    expect(await page.locator('#ticket-tto').textContent()).toMatch(/^dans (29|30) min$/);
    await page.goto(`${stack.baseUrl}/#/tickets/${mine}`);
    await page.getByRole('heading', { name: `n° ${mine} — Souris sans fil HS ${tag}` }).waitFor();
    expect(await page.locator('#ticket-tto').textContent()).toMatch(/^faite le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);

    // A ticket filed elsewhere shows in the list within 2 s, without a reload.
    await page.goto(`${stack.baseUrl}/#/`);
    await page.getByRole('heading', { name: 'Tickets', exact: true }).waitFor();
    await page.locator('#ticket-rows[data-following="yes"]').waitFor({ state: 'attached' });
    const title = `Écran qui clignote ${tag}`;
    await file(title);
    const start = Date.now();
    await page.locator('#ticket-rows tr', { hasText: title }).waitFor({ timeout: 2000 });
    console.info(`ticket list: a ticket filed elsewhere shown after ${Date.now() - start} ms`);
    await page.screenshot({ path: `${ARTIFACTS}/ticket-queue.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it('keeps the columns each technician chooses, filters by group and technician, and acts on several tickets with a result for each', async () => {
    const admin = await stack.userWith('admin');
    const colleague = await stack.userWith('technician', 'N2', { name: `Nadia Colin ${tag}` });
    const batch = `Lot ${tag}`;
    const ids: number[] = [];
    for (const n of [1, 2, 3, 4, 5]) ids.push(await file(`${batch} poste ${n}`));
    const act = async (id: number, action: string, body: object = {}) =>
      expect((await stack.call('POST', `/api/v1/tickets/${id}/actions/${action}`, { token: technicianToken, body })).status).toBe(200);
    // One of the five is closed already: nobody can assign it any more.
    await act(ids[4]!, 'assign');
    await act(ids[4]!, 'resolve', { solution: 'Poste remplacé.' });
    await act(ids[4]!, 'close');
    const group = await stack.call('POST', '/api/v1/groups', { token: admin.token, body: { name: `Proximité ${tag}` } });
    await act(ids[0]!, 'assign', { group: group.body.id });

    const { page, errors } = await loggedInPage(
      browser,
      stack.baseUrl,
      { login, password },
      provokedRefusal(`/api/v1/tickets/${ids[4]}/actions/assign`, 409),
    );
    await page.goto(`${stack.baseUrl}/#/tickets?q=${encodeURIComponent(batch)}`);
    await expect.poll(() => page.locator('#ticket-rows tr').count()).toBe(5);
    await page.getByText('Colonnes').click();
    const chooser = page.locator('#column-chooser');
    await chooser.getByLabel('Demandeur', { exact: true }).check();
    await page.locator('thead th', { hasText: 'Demandeur' }).waitFor();
    await page.locator('#column-chooser').getByLabel('Groupe', { exact: true }).check();
    await page.locator('thead th', { hasText: 'Groupe' }).waitFor();
    await page.locator('#column-chooser').getByLabel('Ouvert le', { exact: true }).uncheck();
    await expect.poll(() => page.locator('thead th', { hasText: 'Ouvert le' }).count()).toBe(0);
    // Kept for the next visit.
    await page.reload();
    await expect.poll(() => page.locator('#ticket-rows tr').count()).toBe(5);
    expect(await page.locator('thead th').allTextContents()).toEqual([
      'N°',
      'Titre',
      'Statut',
      'Priorité',
      'Échéance SLA',
      'Demandeur',
      'Groupe',
    ]);
    const first = page.locator('#ticket-rows tr', { hasText: `${batch} poste 1` });
    expect(await first.locator('td').nth(6).textContent()).toBe('Théo Martin');
    expect(await first.locator('td').nth(7).textContent()).toBe(`Proximité ${tag}`);

    await page.getByLabel('Sélectionner tous les tickets affichés').check();
    await page.locator('#bulk-count', { hasText: '5 tickets sélectionnés.' }).waitFor();
    const bulk = page.locator('#bulk-form');
    await bulk.getByLabel('Action', { exact: true }).selectOption({ label: 'Attribuer' });
    await bulk.getByLabel('Attribuer à').selectOption({ label: `Nadia Colin ${tag}` });
    await bulk.getByRole('button', { name: 'Appliquer aux tickets sélectionnés' }).click();
    await page.getByRole('status').filter({ hasText: 'Terminé : 4 fait, 1 refusé.' }).waitFor();
    const results = await bulk.locator('#bulk-results li').allTextContents();
    expect(results.filter((line) => line.endsWith('— fait')).sort()).toEqual(
      ids
        .slice(0, 4)
        .map((id) => `n° ${id} — fait`)
        .sort(),
    );
    expect(results).toContain(`n° ${ids[4]} — refusé : son cycle de vie ne le permet pas dans son état actuel`);
    for (const id of ids.slice(0, 4)) {
      const ticket = await stack.call('GET', `/api/v1/tickets/${id}`, { token: technicianToken });
      expect(ticket.body.assignees).toContain(colleague.id);
    }
    expect((await stack.call('GET', `/api/v1/tickets/${ids[4]}`, { token: technicianToken })).body.assignees).not.toContain(colleague.id);

    // The form filters by technician and by group, and says so in the heading.
    const search = page.locator('#search-form');
    await search.getByLabel(/^Technicien/).selectOption({ label: `Nadia Colin ${tag}` });
    await search.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByRole('heading', { name: `Tickets — technicien : Nadia Colin ${tag}` }).waitFor();
    await expect.poll(() => page.locator('#ticket-rows tr').count()).toBe(4);
    await search.getByLabel(/^Technicien/).selectOption({ label: 'tous' });
    await search.getByLabel(/^Groupe/).selectOption({ label: `Proximité ${tag}` });
    await search.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByRole('heading', { name: `Tickets — groupe : Proximité ${tag}` }).waitFor();
    await expect.poll(() => page.locator('#ticket-rows tr').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/ticket-queue-bulk.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
