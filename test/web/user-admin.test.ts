// The user pages in Chromium: an administrator finds a colleague by name and makes her a
// technician of one site besides her requester profile; with no profile left, the page says why not.
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
