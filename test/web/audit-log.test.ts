// The audit-log page in Chromium: an administrator reads a ticket's whole story, page after page,
// and a filter the API refuses is said beside its field.
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

describe('the audit-log page', () => {
  it('pages a subject’s entries fifty at a time, shows a ticket’s whole story, and refuses a malformed subject beside its field', async () => {
    const filed = await stack.call('POST', '/api/v1/tickets', {
      token: admin.token,
      body: { title: 'Imprimante du 3e : bourrage', description: 'Bac 2.', type: 'incident', urgency: 3, impact: 3 },
    });
    const id = filed.body.id as number;
    for (let n = 1; n <= 54; n += 1) {
      await stack.call('POST', `/api/v1/tickets/${id}/followups`, { token: admin.token, body: { content: `Relance ${n}` } });
    }
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin, provokedRefusal('/api/v1/audit'));
    await page.getByRole('link', { name: 'Journal d’audit' }).click();
    await page.getByRole('heading', { name: 'Journal d’audit' }).waitFor();
    const filters = page.locator('#audit-filters');
    await filters.getByLabel('Objet (ex. user:7)').fill('ticket 42');
    await filters.getByRole('button', { name: 'Filtrer' }).click();
    await filters.locator('#audit-filters-subject-error').waitFor();

    // 55 changes through the API: the ticket and its 54 followups.
    await filters.getByLabel('Objet (ex. user:7)').fill(`ticket:${id}`);
    await filters.getByRole('button', { name: 'Filtrer' }).click();
    const rows = page.locator('#audit-entries tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Entrées suivantes' }).click();
    await expect.poll(() => rows.count()).toBe(55);
    await page.getByRole('button', { name: 'Entrées suivantes' }).waitFor({ state: 'hidden' });
    const subjects = await page.locator('#audit-entries tbody tr td:nth-child(5)').allTextContents();
    expect(new Set(subjects)).toEqual(new Set([`ticket:${id}`]));
    expect(await page.locator('#audit-entries tbody').textContent()).toContain('POST /api/v1/tickets/:id/followups');

    // The ticket's whole story: those entries and its own recorded events, in one page.
    await filters.getByLabel('Objet (ex. user:7)').fill('');
    await filters.getByLabel('Ticket n° (toute son histoire, en une page)').fill(String(id));
    await filters.getByRole('button', { name: 'Filtrer' }).click();
    await page.locator('#audit-entries tbody tr', { hasText: 'événement du ticket' }).first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(56);
    expect(await page.getByRole('button', { name: 'Entrées suivantes' }).isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });
});
