import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRow } from '../../users/user.models';
import { hashPassword } from '../../users/password';
import { ARTIFACTS, launchChromium, loggedInPage } from '../support/browser';
import { inGroup, startStack, type Stack } from '../support/stack';

let stack: Stack;
let browser: Browser;
const password = `pw-${randomUUID()}`;
const logins = { requester: `alice-${randomUUID().slice(0, 6)}`, technician: `tech1-${randomUUID().slice(0, 6)}` };
const ids: Record<string, number> = {};

beforeAll(async () => {
  stack = await startStack();
  const hash = await hashPassword(password);
  const base = { email: null, password_hash: hash };
  ids['requester'] = (await UserRow.create({ ...base, login: logins.requester, name: 'Alice Durand', profile: 'requester' })).id;
  ids['technician'] = (
    await inGroup(await UserRow.create({ ...base, login: logins.technician, name: 'Théo Martin', profile: 'technician' }), stack.groups.n1)
  ).id;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const tokenOf = async (login: string): Promise<string> =>
  (await stack.call('POST', '/api/v1/auth/login', { body: { login, password } })).body.token as string;

describe('live updates', () => {
  it('shows on one browser, within 2 s and without reload, what is done on the ticket in another, keeping what is being typed', async () => {
    const aliceToken = await tokenOf(logins.requester);
    const filed = await stack.call('POST', '/api/v1/tickets', {
      token: aliceToken,
      body: {
        title: 'Wi-Fi du 4e étage instable',
        description: 'Coupures toutes les dix minutes.',
        type: 'incident',
        urgency: 3,
        impact: 3,
      },
    });
    const id: number = filed.body.id;
    const technician = await loggedInPage(browser, stack.baseUrl, { login: logins.technician, password });
    const requester = await loggedInPage(browser, stack.baseUrl, { login: logins.requester, password });
    for (const { page } of [technician, requester]) {
      await page.goto(`${stack.baseUrl}/#/tickets/${id}`);
      await page.locator('#ticket-live[data-following="yes"]').waitFor();
    }
    const latencies: number[] = [];
    // The lifecycle is drawn with the ticket's state marked.
    const current = (page: typeof technician.page) => page.locator('#ticket-diagram g.task.current').getAttribute('data-state');
    await technician.page.locator('#ticket-diagram g.task.current').waitFor({ state: 'attached' });
    expect(await current(technician.page)).toBe('new');
    expect(await technician.page.locator('#ticket-diagram-caption').textContent()).toBe('Cycle de vie — état actuel : Nouveau');

    // The requester adds a followup through their page; the technician's page shows it.
    const note = 'Ça recommence à l’instant, salle de réunion B.';
    await requester.page.getByLabel('Ajouter un suivi').fill(note);
    const posted = requester.page.waitForResponse((response) => response.url().endsWith(`/tickets/${id}/followups`));
    await requester.page.getByRole('button', { name: 'Ajouter le suivi' }).click();
    await posted;
    let start = Date.now();
    await technician.page.locator('#ticket-history li', { hasText: note }).waitFor({ timeout: 2000 });
    latencies.push(Date.now() - start);

    // The technician starts typing; meanwhile a colleague takes the ticket from elsewhere.
    const draft = 'Je passe vérifier la borne';
    await technician.page.getByLabel('Ajouter un suivi').fill(draft);
    const colleague = await stack.userWith('technician', 'N1');
    const taken = await stack.call('POST', `/api/v1/tickets/${id}/actions/assign`, { token: colleague.token, body: {} });
    expect(taken.status).toBe(200);
    start = Date.now();
    for (const { page } of [technician, requester]) {
      await page.locator('#ticket-status', { hasText: 'En cours (attribué)' }).waitFor({ timeout: 2000 });
      latencies.push(Date.now() - start);
    }
    expect(await technician.page.getByLabel('Ajouter un suivi').inputValue()).toBe(draft);
    await technician.page.locator('#ticket-diagram g.task.current[data-state="assigned"]').waitFor({ state: 'attached', timeout: 2000 });
    expect(await technician.page.locator('#ticket-live').textContent()).toContain('Mis à jour à');
    // The requester's page offers what the requester may do now: not the desk's actions.
    expect(await requester.page.locator('#ticket-actions button').allTextContents()).not.toContain('Résoudre');
    await technician.page.screenshot({ path: `${ARTIFACTS}/live-update-technician.png`, fullPage: true });
    await requester.page.screenshot({ path: `${ARTIFACTS}/live-update-requester.png`, fullPage: true });
    expect(technician.errors).toEqual([]);
    expect(requester.errors).toEqual([]);
    console.info(`live updates: shown after ${latencies.join(', ')} ms`);
  });
});
