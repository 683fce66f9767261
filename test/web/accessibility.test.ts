import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRow } from '../../users/user.models';
import { hashPassword } from '../../users/password';
import { startAgents } from '../support/agent-computers';
import { ARTIFACTS, launchChromium, logInThrough, watchForErrors } from '../support/browser';
import { inGroup, startStack, type Stack } from '../support/stack';

// axe-core, the accessibility engine browsers' own audits use, run inside the page.
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let stack: Stack;
let browser: Browser;
const password = `pw-${randomUUID()}`;
const logins = {
  requester: `alice-${randomUUID().slice(0, 6)}`,
  technician: `tech-${randomUUID().slice(0, 6)}`,
  manager: `manager-${randomUUID().slice(0, 6)}`,
  owner: `owner-${randomUUID().slice(0, 6)}`,
  admin: `admin-${randomUUID().slice(0, 6)}`,
};

beforeAll(async () => {
  stack = await startStack();
  const base = { email: null, password_hash: await hashPassword(password) };
  await UserRow.create({ ...base, login: logins.requester, name: 'Alice Durand', profile: 'requester' });
  await inGroup(await UserRow.create({ ...base, login: logins.technician, name: 'Théo Martin', profile: 'technician' }), stack.groups.n1);
  await UserRow.create({ ...base, login: logins.manager, name: 'Claire Petit', profile: 'manager' });
  await UserRow.create({ ...base, login: logins.owner, name: 'Paul Girard', profile: 'owner' });
  await UserRow.create({ ...base, login: logins.admin, name: 'Nadia Lefèvre', profile: 'admin' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

// The page's WCAG 2.1 A and AA violations, as axe reports them. The page's CSP is bypassed so axe can be injected.
async function violationsOf(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (options: object) => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations;
  });
  return found.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function pageOf(login: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'fr-FR', bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(stack.baseUrl);
  expect(await violationsOf(page), 'login page').toEqual([]);
  await logInThrough(page, stack.baseUrl, { login, password });
  return { page, errors };
}

describe('accessibility', () => {
  it('has no WCAG 2.1 AA violation on the pages technicians and requesters use', async () => {
    const alice = await pageOf(logins.requester);
    const filed = await stack.call('POST', '/api/v1/tickets', {
      token: (await stack.call('POST', '/api/v1/auth/login', { body: { login: logins.requester, password } })).body.token,
      body: { title: 'Écran noir au démarrage', description: 'Depuis la mise à jour.', type: 'incident', urgency: 3, impact: 3 },
    });
    const report: Record<string, string[]> = {};
    report['requester list'] = await violationsOf(alice.page);
    await alice.page.getByRole('link', { name: 'Nouveau ticket' }).click();
    await alice.page.getByRole('heading', { name: 'Nouveau ticket' }).waitFor();
    report['new ticket form'] = await violationsOf(alice.page);
    await alice.page.goto(`${stack.baseUrl}/#/tickets/${filed.body.id}`);
    await alice.page.locator('#ticket-live[data-following="yes"]').waitFor({ state: 'attached' });
    report['requester ticket page'] = await violationsOf(alice.page);

    const tech = await pageOf(logins.technician);
    await tech.page.locator('#queues a').first().waitFor();
    report['technician queue'] = await violationsOf(tech.page);
    await tech.page.goto(`${stack.baseUrl}/#/tickets/${filed.body.id}`);
    await tech.page.locator('#ticket-diagram:not([hidden])').waitFor();
    await tech.page.getByRole('button', { name: 'Résoudre' }).click();
    report['technician ticket page with an action form'] = await violationsOf(tech.page);

    // On a phone, the list and the ticket page fit the screen's width.
    await tech.page.setViewportSize({ width: 390, height: 844 });
    const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await sideways(tech.page), 'ticket page at 390 px').toBeLessThanOrEqual(0);
    await tech.page.goto(`${stack.baseUrl}/#/`);
    await tech.page.locator('#ticket-rows tr').first().waitFor();
    expect(await sideways(tech.page), 'ticket list at 390 px').toBeLessThanOrEqual(0);
    report['technician queue on a phone'] = await violationsOf(tech.page);
    await tech.page.screenshot({ path: `${ARTIFACTS}/phone-ticket-list.png`, fullPage: true });
    // The same ticket page in English, back at laptop width.
    await tech.page.setViewportSize({ width: 1280, height: 900 });
    await tech.page.getByRole('button', { name: 'EN' }).click();
    await tech.page.goto(`${stack.baseUrl}/#/tickets/${filed.body.id}`);
    await tech.page.getByRole('button', { name: 'Resolve' }).waitFor();
    await tech.page.locator('#ticket-diagram:not([hidden])').waitFor();
    report['technician ticket page in English'] = await violationsOf(tech.page);

    const manager = await pageOf(logins.manager);
    await manager.page.goto(`${stack.baseUrl}/#/dashboards`);
    await manager.page
      .getByText(/mis à jour à/i)
      .first()
      .waitFor();
    report['manager dashboards'] = await violationsOf(manager.page);
    const owner = await pageOf(logins.owner);
    await owner.page.goto(`${stack.baseUrl}/#/lifecycles`);
    await owner.page
      .getByRole('heading', { name: /Cycles de vie/ })
      .first()
      .waitFor();
    report['process owner lifecycles'] = await violationsOf(owner.page);

    expect(report).toEqual(Object.fromEntries(Object.keys(report).map((name) => [name, []])));
    expect([...alice.errors, ...tech.errors, ...manager.errors, ...owner.errors]).toEqual([]);
  });

  it('has no WCAG 2.1 AA violation on the administrators’ pages, and none scrolls sideways at 390 px', async () => {
    const admin = await pageOf(logins.admin);
    const session = (await stack.call('POST', '/api/v1/auth/login', { body: { login: logins.admin, password } })).body;
    const group = await stack.call('POST', '/api/v1/groups', { token: session.token, body: { name: 'Postes de travail' } });
    // A deep branch of long names, whose paths make long choices: the tree must still fit a phone.
    let parent: number | null = null;
    for (const depth of [1, 2, 3, 4, 5]) {
      const name = `Infrastructureserveursetstockageniveau${depth}x${Date.now()}`;
      parent = (await stack.call('POST', '/api/v1/categories', { token: session.token, body: { parent, name: { fr: name, en: name } } }))
        .body.id;
    }
    const administrator = { id: session.user.id, login: logins.admin, password, token: session.token };
    const agents = await startAgents(stack, administrator);
    const computer = await agents.file(
      { name: `pc-${randomUUID().slice(0, 6)}`, mac: '02:dd:00:00:00:01', maker: 'LENOVO', model: 'ThinkPad T14 Gen 2' },
      administrator,
    );
    await agents.stop();
    const licence = await stack.call('POST', '/api/v1/licences', {
      token: session.token,
      body: { name: 'Microsoft 365 E3', software: 'bash', kind: 'subscription', seats: 20, expiresOn: '2031-06-30' },
    });
    const pages: [string, string, () => Promise<unknown>][] = [
      ['assets', '#/assets', () => admin.page.locator('#asset-list tbody tr').first().waitFor()],
      ['asset', `#/assets/${computer}`, () => admin.page.locator('#asset-edit').waitFor()],
      ['licences', '#/licences', () => admin.page.locator('#licence-list tbody tr').first().waitFor()],
      ['licence', `#/licences/${licence.body.id}`, () => admin.page.locator('#licence-assignments').waitFor()],
      ['CSV injection', '#/injection', () => admin.page.locator('#injection-mapping-form').waitFor()],
      ['inventory agents', '#/agent-tokens', () => admin.page.locator('#agent-token-form').waitFor()],
      ['groups', '#/groups', () => admin.page.locator('#groups table').waitFor()],
      ['group', `#/groups/${group.body.id}`, () => admin.page.locator('#members-form').waitFor()],
      ['templates', '#/templates', () => admin.page.locator('#templates').waitFor()],
      ['new template', '#/templates/new', () => admin.page.locator('#template-form').waitFor()],
      ['recurring tickets', '#/recurring', () => admin.page.locator('#recurring').waitFor()],
      ['new recurring ticket', '#/recurring/new', () => admin.page.locator('#recurring-form').waitFor()],
      ['SLAs', '#/slas', () => admin.page.locator('#slas').waitFor()],
      ['new SLA', '#/slas/new', () => admin.page.locator('#sla-form').waitFor()],
      ['entities', '#/entities', () => admin.page.locator('#entities table').waitFor()],
      ['entity', '#/entities/1', () => admin.page.locator('#entity-form').waitFor()],
      ['categories', '#/categories', () => admin.page.locator('#categories').waitFor()],
      ['new mailbox', '#/mailboxes/new', () => admin.page.locator('#mailbox-form').waitFor()],
      ['calendars', '#/calendars', () => admin.page.locator('#calendars').waitFor()],
      ['new calendar', '#/calendars/new', () => admin.page.locator('#calendar-form').waitFor()],
      ['API tokens', '#/tokens', () => admin.page.locator('#token-form').waitFor()],
      ['users', '#/users', () => admin.page.locator('#users tbody tr').first().waitFor()],
      ['user', `#/users/${session.user.id}`, () => admin.page.locator('#profiles-form').waitFor()],
      ['audit log', '#/audit', () => admin.page.locator('#audit-entries tbody tr').first().waitFor()],
    ];
    const report: Record<string, string[]> = {};
    const sideways: Record<string, number> = {};
    for (const [name, hash, ready] of pages) {
      await admin.page.setViewportSize({ width: 1280, height: 900 });
      await admin.page.goto(`${stack.baseUrl}/${hash}`);
      await ready();
      report[name] = await violationsOf(admin.page);
      await admin.page.setViewportSize({ width: 390, height: 844 });
      sideways[name] = await admin.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    }
    expect(report).toEqual(Object.fromEntries(Object.keys(report).map((name) => [name, []])));
    expect(sideways).toEqual(Object.fromEntries(Object.keys(sideways).map((name) => [name, 0])));
    expect(admin.errors).toEqual([]);
  });
});
