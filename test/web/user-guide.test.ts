// The user guide under /guide/, French and English: each profile's help link opens its page, every
// page is served with its screenshots, and the screenshots are taken here, in Chromium, from the
// screens they show, so that the guide never shows a screen that no longer exists.
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUIDE_PAGES } from '../../guide/user-guide';
import { LANGUAGES } from '../../core/language';
import { launchChromium, loggedInPage } from '../support/browser';
import { startStack, type Stack, type TestUser } from '../support/stack';

const IMAGES = fileURLToPath(new URL('../../docs/guide/images', import.meta.url));
const ALWAYS = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['08:00', '18:00']]]));

let stack: Stack;
let browser: Browser;
const people: Record<string, TestUser> = {};

beforeAll(async () => {
  stack = await startStack();
  for (const [profile, name] of [
    ['requester', 'Julie Bernard'],
    ['technician', 'Karim Haddad'],
    ['owner', 'Claire Moreau'],
    ['manager', 'Paul Lefèvre'],
    ['admin', 'Sophie Laurent'],
  ] as const)
    people[profile] = await stack.userWith(profile, profile === 'technician' ? 'N1' : undefined, { name });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const call = (method: string, path: string, token: string, body?: object) => stack.call(method, path, { token, body });
const shoot = (page: Page, name: string) => page.screenshot({ path: `${IMAGES}/${name}.png` });

describe('the user guide', () => {
  it('is illustrated with screenshots of the screens it describes, taken now', async () => {
    const { requester, technician, owner, manager, admin } = people;
    const filed = await call('POST', '/api/v1/tickets', requester!.token, {
      title: 'Imprimante du 2e bloquée',
      description: 'Bourrage papier, le voyant clignote en orange.',
      type: 'incident',
      urgency: 3,
      impact: 2,
    });
    const id = filed.body.id as number;
    await call('POST', `/api/v1/tickets/${id}/actions/assign`, technician!.token, {});
    await call('POST', `/api/v1/tickets/${id}/followups`, technician!.token, {
      content: 'Je passe vers 14 h :\n- ouvrir le capot\n- retirer la feuille',
    });
    await call('POST', '/api/v1/response-templates', admin!.token, {
      kind: 'solution',
      name: 'Bourrage résolu',
      content: 'Bonjour {{requester.name}},\n\nLe bourrage est retiré, l’imprimante fonctionne.\n\n{{me.name}}',
    });

    const asRequester = await loggedInPage(browser, stack.baseUrl, requester!);
    await asRequester.page.getByRole('link', { name: 'Nouveau ticket' }).click();
    await asRequester.page.getByLabel('Titre').fill('Accès au dossier partagé Comptabilité');
    await shoot(asRequester.page, 'requester-new-ticket');
    await asRequester.page.goto(`${stack.baseUrl}/#/tickets/${id}`);
    await asRequester.page.locator('#ticket-history .written').first().waitFor();
    await shoot(asRequester.page, 'requester-ticket');

    const asTechnician = await loggedInPage(browser, stack.baseUrl, technician!);
    await asTechnician.page.locator('#ticket-rows tr').first().waitFor();
    await asTechnician.page.locator('#ticket-rows input[name="ticket"]').first().check();
    await shoot(asTechnician.page, 'technician-queue');
    await asTechnician.page.goto(`${stack.baseUrl}/#/tickets/${id}`);
    await asTechnician.page.getByRole('button', { name: 'Résoudre' }).click();
    await asTechnician.page.locator('#action-form select.template-picker').selectOption({ label: 'Bourrage résolu' });
    await shoot(asTechnician.page, 'technician-ticket');

    const asOwner = await loggedInPage(browser, stack.baseUrl, owner!);
    await asOwner.page.goto(`${stack.baseUrl}/#/lifecycles/incident/versions/1`);
    await asOwner.page.locator('svg').first().waitFor();
    await shoot(asOwner.page, 'process-owner-lifecycle');

    const asManager = await loggedInPage(browser, stack.baseUrl, manager!);
    await asManager.page.locator('canvas').first().waitFor();
    await shoot(asManager.page, 'manager-dashboard');

    const calendar = await call('POST', '/api/v1/calendars', admin!.token, {
      name: 'Siège',
      timezone: 'Europe/Paris',
      hours: ALWAYS,
      holidays: [],
    });
    const sla = await call('POST', '/api/v1/slas', admin!.token, {
      name: 'Postes de travail',
      calendar: calendar.body.id,
      match: { category: await stack.newCategory() },
      ttoMinutes: 60,
      ttrMinutes: 480,
      levels: [{ clock: 'ttr', offsetMinutes: -60, actions: [{ type: 'notify' }] }],
    });
    const recurring = await call('POST', '/api/v1/recurring-tickets', admin!.token, {
      name: 'Contrôle des sauvegardes',
      ticket: {
        title: 'Vérifier les sauvegardes de la nuit',
        description: 'Rapport du serveur de sauvegarde.',
        type: 'request',
        urgency: 3,
        impact: 3,
      },
      schedule: { every: 'week', days: ['mon', 'tue', 'wed', 'thu', 'fri'], time: '08:00' },
      timezone: 'Europe/Paris',
    });
    const asAdmin = await loggedInPage(browser, stack.baseUrl, admin!);
    await asAdmin.page.goto(`${stack.baseUrl}/#/slas/${sla.body.id}`);
    await asAdmin.page.getByRole('button', { name: 'Simuler le recalcul' }).click();
    await asAdmin.page.locator('#recompute-result p, #recompute-result table').waitFor();
    await shoot(asAdmin.page, 'administrator-sla');
    await asAdmin.page.goto(`${stack.baseUrl}/#/recurring/${recurring.body.id}`);
    await asAdmin.page.locator('#next-occurrences li').first().waitFor();
    await shoot(asAdmin.page, 'administrator-recurring');

    for (const watched of [asRequester, asTechnician, asOwner, asManager, asAdmin]) expect(watched.errors).toEqual([]);
  });

  it('serves every page in French and English with the screenshots it shows', async () => {
    for (const language of LANGUAGES) {
      const index = await fetch(`${stack.baseUrl}/guide/${language}/`);
      expect(index.status).toBe(200);
      const links = [...(await index.text()).matchAll(/<a href="([a-z-]+)">/g)].map((match) => match[1]);
      expect(links).toEqual([...GUIDE_PAGES]);
      for (const page of GUIDE_PAGES) {
        const answer = await fetch(`${stack.baseUrl}/guide/${language}/${page}`);
        expect(answer.status, `${language}/${page}`).toBe(200);
        for (const [, image] of (await answer.text()).matchAll(/<img src="([^"]+)"/g)) {
          const picture = await fetch(`${stack.baseUrl}${image}`);
          expect(picture.status, image).toBe(200);
          expect(picture.headers.get('content-type')).toBe('image/png');
        }
      }
    }
    expect((await fetch(`${stack.baseUrl}/guide/fr/nowhere`)).status).toBe(404);
  });

  it('is one click away for each profile, on the page for what that profile does', async () => {
    const pages = { requester: 'requester', technician: 'technician', owner: 'process-owner', manager: 'manager', admin: 'administrator' };
    for (const [profile, page] of Object.entries(pages)) {
      const watched = await loggedInPage(browser, stack.baseUrl, people[profile]!);
      await watched.page.getByRole('link', { name: 'Aide' }).click();
      await watched.page.waitForURL(`${stack.baseUrl}/guide/fr/${page}`);
      await watched.page.getByRole('heading', { level: 1 }).waitFor();
      await watched.page.getByRole('link', { name: 'English' }).click();
      await watched.page.waitForURL(`${stack.baseUrl}/guide/en/${page}`);
      expect(watched.errors).toEqual([]);
    }
  });
});
