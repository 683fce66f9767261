// The support-group pages in Chromium: an administrator creates a group (a name taken refused
// beside its field), gives it two technicians, and each leaves the group they were in.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, loggedInPage, provokedRefusal } from '../support/browser';
import { startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let browser: Browser;
let admin: TestUser;

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.userWith('admin');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the support-group pages', () => {
  it('create a group and give it two technicians of the desk', async () => {
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
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: 'Groupe — Applications métier' }).waitFor();

    const members = page.locator('#members-form');
    await members.getByLabel(/Inès Roux .* actuellement : Support N1/).check();
    await members.getByLabel(/Marc Petit/).check();
    await members.getByRole('button', { name: 'Enregistrer les membres' }).click();
    await page.getByRole('status').filter({ hasText: '2 membre(s) enregistré(s).' }).waitFor();

    const id = Number(/#\/groups\/(\d+)/.exec(page.url())![1]);
    const group = await stack.call('GET', `/api/v1/groups/${id}`, { token: admin.token });
    expect(group.body).toMatchObject({ name: 'Applications métier', level: 2 });
    expect(group.body.members.map((member: { id: number }) => member.id).sort()).toEqual([first.id, second.id].sort());
    await page.getByRole('link', { name: 'Groupes', exact: true }).click();
    await page.locator('#groups tr', { hasText: 'Applications métier' }).getByRole('cell', { name: 'N2' }).waitFor();
    expect(errors).toEqual([]);
  });
});
