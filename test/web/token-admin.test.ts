// The API-token page in Chromium: an administrator issues a token for the monitoring system (shown
// once), the system uses it, its last use shows, the use is in the audit log, and once revoked
// the token is refused.
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
