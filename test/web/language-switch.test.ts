import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium, loggedInPage } from '../support/browser';
import { startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let browser: Browser;
let alice: TestUser;
let theo: TestUser;
const tag = randomUUID().slice(0, 6);

beforeAll(async () => {
  stack = await startStack();
  alice = await stack.userWith('requester', undefined, { name: 'Alice Durand' });
  theo = await stack.userWith('technician', 'N1', { name: 'Théo Martin' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const LEVELS = ['Very low', 'Low', 'Medium', 'High', 'Very high', 'Major'];

describe('the language switch', () => {
  it('shows the list, the ticket page and the new-ticket form in English once chosen, and keeps the choice', async () => {
    const filed = await stack.call('POST', '/api/v1/tickets', {
      token: alice.token,
      body: { title: `Souris sans fil ${tag}`, description: 'Le curseur saute.', type: 'incident', urgency: 4, impact: 2 },
    });
    const id = filed.body.id as number;
    await stack.call('POST', `/api/v1/tickets/${id}/actions/assign`, { token: theo.token, body: {} });
    await stack.call('PATCH', `/api/v1/tickets/${id}`, { token: theo.token, body: { location: 'Siège — 2e étage' } });

    const { page, errors } = await loggedInPage(browser, stack.baseUrl, theo);
    expect(
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Nouveau ticket' }).count(),
    ).toBe(1);
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('link', { name: 'New ticket' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('button', { name: 'EN' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#whoami').textContent()).toBe('Théo Martin (technician)');
    const views = page.getByRole('navigation', { name: 'Saved views' });
    await views.getByRole('link', { name: /^My tickets \(\d+\)$/ }).waitFor();
    expect(await page.getByRole('columnheader').allTextContents()).toEqual(['No.', 'Title', 'Status', 'Priority', 'SLA due', 'Opened']);
    const row = page.getByRole('row').filter({ hasText: `Souris sans fil ${tag}` });
    // After the box that selects it, its number and its title.
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('Assigned');
    expect(await row.getByRole('cell').nth(4).textContent()).toBe(LEVELS[filed.body.priority - 1]);

    // The ticket page: its facts, the people on it by name, and the actions, all in English.
    await row.getByRole('link').click();
    await page.getByRole('heading', { name: `No. ${id} — Souris sans fil ${tag}` }).waitFor();
    expect(await page.locator('#ticket-status').textContent()).toBe('Assigned');
    const people = page.getByRole('region', { name: 'People' });
    expect(await people.locator('dt').allTextContents()).toEqual(['Requesters', 'Observers', 'Assigned to', 'Assigned groups']);
    expect(await people.locator('dd').allTextContents()).toEqual(['Alice Durand', 'nobody', 'Théo Martin', 'nobody']);
    await page
      .getByRole('listitem')
      .filter({ hasText: /Fields changed → Assigned: location$/ })
      .waitFor();
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByLabel('Solution').fill('Pile changée');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('#ticket-status', { hasText: 'Resolved' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Resolve → Resolved: Pile changée' }).waitFor();
    await page.locator('#ticket-diagram-caption', { hasText: 'Lifecycle — current state: Resolved' }).waitFor();
    expect(await page.locator('#ticket-diagram g.task.current').textContent()).toContain('Resolved');
    await page.screenshot({ path: `${ARTIFACTS}/language-ticket-en.png` });

    // The choice outlives a reload, and the dashboards open in it.
    await page.reload();
    await page.getByRole('heading', { name: `No. ${id} — Souris sans fil ${tag}` }).waitFor();
    await page.getByRole('link', { name: 'Dashboards' }).click();
    await page.getByRole('heading', { name: 'Dashboards' }).waitFor();
    expect(await page.locator('#nav-language').isHidden()).toBe(true);

    // Back to French from the new-ticket form.
    await page.getByRole('link', { name: 'New ticket' }).click();
    await page.getByRole('button', { name: 'File the ticket' }).waitFor();
    expect(await page.getByLabel('Urgency').locator('option').allTextContents()).toEqual([
      'Very low',
      'Low',
      'Medium',
      'High',
      'Very high',
    ]);
    await page.getByRole('button', { name: 'FR' }).click();
    await page.getByRole('button', { name: 'Créer le ticket' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(errors).toEqual([]);
  });
});
