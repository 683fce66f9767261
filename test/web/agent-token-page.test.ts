// The inventory agents' page in Chromium: an administrator creates an agent token for an entity,
// reads it once, an agent's inventory sent with it is taken, and once revoked on the page it is refused.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, loggedInPage } from '../support/browser';
import { startStack, type Stack, type TestUser } from '../support/stack';

const run = randomUUID().slice(0, 8);
const inventory = deflateSync(readFileSync(new URL('../inventory/fixtures/debian-vm.xml', import.meta.url)));
let stack: Stack;
let browser: Browser;
let admin: TestUser;
let entity: number;

beforeAll(async () => {
  stack = await startStack({ relay: false });
  admin = await stack.userWith('admin');
  entity = (await stack.call('POST', '/api/v1/entities', { token: admin.token, body: { parent: 1, name: `Magasin ${run}` } })).body.id;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const send = (token: string) =>
  fetch(`${stack.baseUrl}/inventory`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`agent:${token}`).toString('base64')}`, 'content-type': 'application/x-compress-zlib' },
    body: inventory,
  });

describe('the inventory agents page', () => {
  it('creates an agent token shown once, which agents then use until it is revoked', async () => {
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.getByRole('link', { name: 'Agents d’inventaire' }).click();
    await page.getByRole('heading', { name: 'Agents d’inventaire' }).waitFor();
    expect(await page.locator('#agent-token-page pre').textContent()).toBe(
      `fusioninventory-agent --server ${stack.baseUrl}/inventory --user agent --password <jeton>`,
    );
    const form = page.locator('#agent-token-form');
    await form.getByLabel('Nom (où tournent ses agents)').fill(`Caisses ${run}`);
    await form.locator('select[name="entity"]').selectOption(String(entity));
    await form.getByRole('button', { name: 'Créer' }).click();
    const token = (await page.locator('#agent-token-shown output').textContent())!;
    expect(token.length).toBeGreaterThan(20);
    await page.locator('#agent-tokens tr', { hasText: `Caisses ${run}` }).waitFor();
    expect((await send(token)).status).toBe(200);

    await page.getByRole('button', { name: `Révoquer Caisses ${run}` }).click();
    await page
      .locator('#agent-tokens tr', { hasText: `Caisses ${run}` })
      .filter({ hasText: 'révoqué le' })
      .waitFor();
    expect((await send(token)).status).toBe(401);
    expect(errors).toEqual([]);
  });
});
