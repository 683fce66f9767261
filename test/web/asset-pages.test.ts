// The inventory in Chromium, as a desk and its requesters use it: the technician finds a computer
// in the estate, gives it to a requester; she opens a ticket from her computer's page; the
// technician adds another computer to the ticket from its page; the dashboards time resolutions by
// model.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAssetChanges } from '../../inventory/computer.repository';
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
    // The whole estate is listed until the search's answer replaces it.
    await expect.poll(() => desk.page.locator('#asset-list tbody tr').count()).toBe(2);
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

describe('a long history', () => {
  it('shows the latest 500 changes of an asset, then older ones page by page, through the API and on its page', async () => {
    // 1,200 changes of the HP computer's memory, as 1,200 inventories would have told them.
    const changes = Array.from({ length: 1_200 }, (_, i) => ({ field: 'memoryMb', before: String(i), after: String(i + 1) }));
    await stack.sequelize.transaction((transaction) =>
      recordAssetChanges(stack.sequelize, { type: 'computer', id: hp }, changes, { source: 'agent' }, transaction),
    );
    const asset = (await stack.call('GET', `/api/v1/assets/${hp}`, { token: technician.token })).body;
    expect(asset.history).toHaveLength(500);
    expect(asset.history[0]).toMatchObject({ field: 'memoryMb', before: '1199', after: '1200' });
    const afters: string[] = asset.history.map((line: { after: string }) => line.after);
    let cursor = asset.olderHistory as string | null;
    while (cursor) {
      const page = (await stack.call('GET', `/api/v1/assets/${hp}/history?limit=500&cursor=${cursor}`, { token: technician.token })).body;
      afters.push(...page.items.map((line: { after: string | null }) => line.after));
      cursor = page.nextCursor;
    }
    // Every change once, latest first, down to the computer's first inventory.
    const memory = afters.slice(0, 1_200);
    expect(memory).toEqual(Array.from({ length: 1_200 }, (_, i) => String(1_200 - i)));
    expect((await stack.call('GET', `/api/v1/assets/${hp}/history`, { token: requester.token })).status).toBe(404);

    const { page } = await loggedInPage(browser, stack.baseUrl, technician);
    await page.goto(`${stack.baseUrl}/#/assets/${hp}`);
    const rows = page.locator('#asset-history tbody tr');
    await rows.nth(499).waitFor();
    expect(await rows.count()).toBe(500);
    const older = page.getByRole('button', { name: 'Changements plus anciens' });
    await older.click();
    await rows.nth(999).waitFor();
    await older.click();
    await expect.poll(() => older.isHidden()).toBe(true);
    expect(await rows.count()).toBe(afters.length);
  });
});
