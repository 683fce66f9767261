// The licence pages in Chromium, as the desk follows its software: a licence recorded through its
// form, found again among the over-used ones, assigned to a computer, and its page telling where it
// is installed; none of it offered to a requester.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgents } from '../support/agent-computers';
import { launchChromium, loggedInPage } from '../support/browser';
import { startStack, type Stack, type TestUser } from '../support/stack';

const run = randomUUID().slice(0, 8);
let stack: Stack;
let browser: Browser;
let agents: Awaited<ReturnType<typeof startAgents>>;
let technician: TestUser;
let entity: number;
const computers: string[] = [`pc-rh-${run}`, `pc-paie-${run}`];

beforeAll(async () => {
  stack = await startStack({ relay: false });
  const admin = await stack.userWith('admin');
  technician = await stack.userWith('technician', 'N1', { name: `Théo Martin ${run}` });
  entity = (await stack.call('POST', '/api/v1/entities', { token: admin.token, body: { parent: 1, name: `Agence ${run}` } })).body.id;
  agents = await startAgents(stack, admin, entity);
  for (const [i, name] of computers.entries())
    await agents.file({ name, mac: `02:ef:00:00:00:0${i}`, maker: 'Dell Inc.', model: 'Latitude 5440' }, technician);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await agents?.stop();
  await stack?.close();
});

describe('the licence pages', () => {
  it('records a licence, lists it as over-used, assigns it and shows where it is installed', async () => {
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, technician);
    await page.getByRole('link', { name: 'Licences' }).click();
    await page.getByRole('heading', { name: 'Licences' }).waitFor();
    await page.getByRole('link', { name: 'Nouvelle licence' }).click();
    const form = page.locator('#licence-form');
    await form.getByLabel('Nom', { exact: true }).fill(`Suite bureautique ${run}`);
    await form.getByLabel('Logiciel couvert (nom installé)').fill('bash');
    await form.getByLabel('Nombre de postes (vide : illimité)').fill('1');
    await form.getByLabel('Date d’expiration').fill('2031-06-30');
    await form.getByLabel(/^Alertes, en jours/).fill('60, 15');
    await form.locator('select[name="entity"]').selectOption(String(entity));
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: `Suite bureautique ${run}` }).waitFor();
    await page.locator('#licence-use', { hasText: '2 / 1 — En dépassement' }).waitFor();
    expect(await page.locator('#licence-installed li').allTextContents()).toEqual([...computers].sort());

    await page.getByRole('link', { name: 'Licences', exact: true }).first().click();
    await page.getByLabel('Seulement les licences en dépassement').check();
    await page.locator('#licence-list tr', { hasText: `Suite bureautique ${run}` }).waitFor();
    await page.getByRole('link', { name: `Suite bureautique ${run}` }).click();

    const assignments = page.locator('#licence-assignments');
    await assignments.getByLabel('Rechercher un équipement').fill(computers[0]!);
    await assignments.getByRole('button', { name: `+ ${computers[0]} (Latitude 5440)` }).click();
    await assignments.getByRole('button', { name: 'Enregistrer les attributions' }).click();
    await page.locator('#flash', { hasText: 'Attributions enregistrées.' }).waitFor();
    await page.locator('#licence-assignments .picked-assets', { hasText: computers[0]! }).waitFor();
    expect(errors).toEqual([]);

    const requester = await stack.userWith('requester');
    const her = await loggedInPage(browser, stack.baseUrl, requester);
    expect(await her.page.getByRole('link', { name: 'Licences' }).isVisible()).toBe(false);
  });
});
