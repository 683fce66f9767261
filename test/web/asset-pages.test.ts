// The inventory in Chromium, as a desk and its requesters use it: the technician finds a computer
// in the estate, gives it to a requester; she opens a ticket from her computer's page; the
// technician adds another computer to the ticket from its page; the dashboards time resolutions by
// model.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgents } from '../support/agent-computers';
import { ARTIFACTS, launchChromium, loggedInPage } from '../support/browser';
import { startStack, type Stack, type TestUser } from '../support/stack';

const run = randomUUID().slice(0, 8);
const dellName = `pc-compta-${run}`;
const hpName = `pc-accueil-${run}`;
let stack: Stack;
let browser: Browser;
let agents: Awaited<ReturnType<typeof startAgents>>;
let technician: TestUser;
let requester: TestUser;
let category: number;
let dell: number;
let hp: number;

beforeAll(async () => {
  stack = await startStack();
  technician = await stack.userWith('technician', 'N1', { name: `Théo Martin ${run}` });
  requester = await stack.userWith('requester', undefined, { name: `Camille Roux ${run}` });
  category = await stack.newCategory();
  agents = await startAgents(stack, await stack.userWith('admin'));
  dell = await agents.file({ name: dellName, mac: '02:ab:00:00:00:01', maker: 'Dell Inc.', model: `OptiPlex ${run}` }, technician);
  hp = await agents.file({ name: hpName, mac: '02:ab:00:00:00:02', maker: 'HP', model: `EliteDesk ${run}` }, technician);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await agents?.stop();
  await stack?.close();
});

describe('the inventory pages', () => {
  it('takes a computer from the estate to a ticket and back, for the desk and its requester', async () => {
    // The technician finds the accounting computer and gives it to Camille.
    const desk = await loggedInPage(browser, stack.baseUrl, technician);
    await desk.page.getByRole('link', { name: 'Parc' }).click();
    await desk.page.getByRole('heading', { name: 'Parc informatique' }).waitFor();
    await desk.page.getByLabel(/^Rechercher/).fill(run);
    await desk.page.getByLabel(/^Rechercher/).press('Enter');
    await desk.page.locator('#asset-list tbody tr').nth(1).waitFor();
    expect(await desk.page.locator('#asset-list tbody tr').count()).toBe(2);
    await desk.page.getByRole('link', { name: dellName }).click();
    await desk.page.getByRole('heading', { name: dellName }).waitFor();
    expect(await desk.page.locator('#asset-facts').textContent()).toContain(`OptiPlex ${run}`);
    expect(await desk.page.locator('#asset-software summary').textContent()).toMatch(/^Logiciels installés \(\d+\)$/);
    const form = desk.page.locator('#asset-edit');
    await form.getByLabel('Attribué à').selectOption({ label: `Camille Roux ${run}` });
    await form.getByLabel('Lieu').fill('Comptabilité, 2e étage');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await desk.page.locator('#asset-history tr', { hasText: `Camille Roux ${run}` }).waitFor();
    expect(await desk.page.locator('#asset-facts').textContent()).toContain('Comptabilité, 2e étage');

    // Camille sees her computer, and only hers, and opens a ticket about it from its page.
    const her = await loggedInPage(browser, stack.baseUrl, requester);
    await her.page.getByRole('link', { name: 'Parc' }).click();
    await her.page.getByRole('heading', { name: 'Mes équipements' }).waitFor();
    await her.page.getByRole('link', { name: dellName }).waitFor();
    expect(await her.page.getByRole('link', { name: hpName }).count()).toBe(0);
    await her.page.getByRole('link', { name: dellName }).click();
    await her.page.getByRole('link', { name: 'Ouvrir un ticket sur cet équipement' }).click();
    const newForm = her.page.locator('#new-form');
    await newForm.locator('.picked-assets', { hasText: dellName }).waitFor();
    await newForm.getByLabel('Titre').fill(`Mon PC rame ${run}`);
    await newForm.locator('#category-picker').selectOption(String(category));
    await newForm.getByRole('button', { name: 'Créer le ticket' }).click();
    await her.page.locator('#ticket-title', { hasText: `Mon PC rame ${run}` }).waitFor();
    await her.page.locator('#ticket-assets').getByRole('link', { name: dellName }).waitFor();
    const ticket = Number(/#\/tickets\/(\d+)/.exec(her.page.url())![1]);

    // The technician adds the reception's computer to the ticket from its page.
    await desk.page.goto(`${stack.baseUrl}/#/tickets/${ticket}`);
    const assets = desk.page.locator('#ticket-assets-form');
    await assets.locator('.picked-assets', { hasText: dellName }).waitFor();
    await assets.getByLabel('Rechercher un équipement').fill(hpName);
    await assets.getByRole('button', { name: `+ ${hpName} (EliteDesk ${run})` }).click();
    await assets.getByRole('button', { name: 'Enregistrer' }).click();
    await desk.page.locator('#flash', { hasText: 'Équipements du ticket enregistrés.' }).waitFor();
    await desk.page.goto(`${stack.baseUrl}/#/assets/${hp}`);
    await desk.page
      .locator('#asset-tickets')
      .getByRole('link', { name: `#${ticket}` })
      .waitFor();
    expect(await desk.page.locator('#asset-history').textContent()).toContain(`#${ticket} Mon PC rame ${run}`);
    await desk.page.screenshot({ path: `${ARTIFACTS}/asset-page.png`, fullPage: true });

    // Resolved, it is timed on the dashboards under both computers' models.
    expect((await stack.call('POST', `/api/v1/tickets/${ticket}/actions/assign`, { token: technician.token, body: {} })).status).toBe(200);
    const resolved = await stack.call('POST', `/api/v1/tickets/${ticket}/actions/resolve`, {
      token: technician.token,
      body: { solution: 'Disque remplacé par un SSD.' },
    });
    expect(resolved.status).toBe(200);
    await desk.page.goto(`${stack.baseUrl}/#/dashboards`);
    await desk.page.locator('#dashboard-filters select[name="category"]').selectOption(String(category));
    await expect
      .poll(async () => (await desk.page.locator('#chart-mttrByModel').getAttribute('aria-label')) ?? '', { timeout: 30_000 })
      .toContain(`Dell Inc. OptiPlex ${run}`);
    expect(await desk.page.locator('#chart-mttrByModel').getAttribute('aria-label')).toContain(`HP EliteDesk ${run}`);
    expect([...desk.errors, ...her.errors]).toEqual([]);
    expect(dell).toBeLessThan(hp);
  });
});
