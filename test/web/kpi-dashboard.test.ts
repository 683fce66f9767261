import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRow } from '../../users/user.models';
import { listCategories } from '../../organisation/category.repository';
import { hashPassword } from '../../users/password';
import { ARTIFACTS, launchChromium, logInThrough, watchForErrors } from '../support/browser';
import { eventually, startDesk, type Desk, type TestUser } from '../support/stack';

const CHARTS = [
  'backlog',
  'flow',
  'mttrByCategory',
  'mttrByPriority',
  'slaGauge',
  'slaTrend',
  'rates',
  'satisfaction',
  'heatmap',
  'workload',
];

let desk: Desk;
let browser: Browser;
const password = `pw-${randomUUID()}`;
const logins = { manager: `manager-${randomUUID().slice(0, 6)}`, requester: `alice-${randomUUID().slice(0, 6)}` };
// The test's tickets sit under a category of their own, so the dashboard filtered on it shows only them.
const categories = { parent: 0, printers: 0, network: 0 };
const paths: Record<keyof typeof categories, string> = { parent: '', printers: '', network: '' };
const titles = { printerJam: '', printerDriver: '' };

const act = (user: TestUser, id: number, action: string, body: object = {}) =>
  desk.stack.call('POST', `/api/v1/tickets/${id}/actions/${action}`, { token: user.token, body });

async function file(title: string, category: number, urgency: number, impact: number): Promise<number> {
  const created = await desk.stack.call('POST', '/api/v1/tickets', {
    token: desk.alice.token,
    body: { title, description: 'Signalé à l’accueil.', type: 'incident', urgency, impact, category },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function expectDone(response: Promise<{ status: number }>) {
  expect((await response).status).toBeLessThan(300);
}

beforeAll(async () => {
  desk = await startDesk();
  const hash = await hashPassword(password);
  for (const [profile, login] of [
    ['manager', logins.manager],
    ['requester', logins.requester],
  ] as const) {
    await UserRow.create({ login, name: `Mme ${login}`, email: null, profile, password_hash: hash });
  }
  categories.parent = await desk.stack.newCategory();
  categories.printers = await desk.stack.newCategory(categories.parent);
  categories.network = await desk.stack.newCategory(categories.parent);
  const all = await listCategories();
  for (const key of Object.keys(categories) as (keyof typeof categories)[]) paths[key] = all.find((c) => c.id === categories[key])!.path.fr;

  // The parent category's tickets are held to a 24/7 SLA, so compliance has figures.
  const admin = await desk.stack.userWith('admin');
  const always = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]]));
  const calendar = await desk.stack.call('POST', '/api/v1/calendars', {
    token: admin.token,
    body: { name: 'Toujours', timezone: 'UTC', hours: always, holidays: [] },
  });
  const sla = await desk.stack.call('POST', '/api/v1/slas', {
    token: admin.token,
    body: { name: 'Tableaux de bord', calendar: calendar.body.id, match: { category: categories.parent }, ttoMinutes: 60, ttrMinutes: 480 },
  });
  expect(sla.status).toBe(201);

  const tech = desk.tech1;
  titles.printerJam = `Bourrage papier ${randomUUID().slice(0, 4)}`;
  titles.printerDriver = `Pilote d’imprimante ${randomUUID().slice(0, 4)}`;
  // Resolved, accepted and rated 4: a first contact resolution.
  const jam = await file(titles.printerJam, categories.printers, 2, 2);
  await expectDone(act(tech, jam, 'assign'));
  await new Promise((resolve) => setTimeout(resolve, 1_500)); // a resolution time of whole seconds
  await expectDone(act(tech, jam, 'resolve', { solution: 'Papier retiré' }));
  await expectDone(act(desk.alice, jam, 'accept_solution'));
  await expectDone(desk.stack.call('POST', `/api/v1/tickets/${jam}/satisfaction`, { token: desk.alice.token, body: { rating: 4 } }));
  // Escalated, then resolved.
  const driver = await file(titles.printerDriver, categories.printers, 5, 5);
  await expectDone(act(tech, driver, 'assign'));
  await expectDone(act(tech, driver, 'escalate', { reason: 'Pilote signé requis' }));
  await expectDone(act(tech, driver, 'resolve', { solution: 'Pilote signé installé' }));
  // Resolved, refused by the requester, resolved again.
  const wifi = await file('Wi-Fi instable au 3e', categories.network, 3, 3);
  await expectDone(act(tech, wifi, 'assign'));
  await expectDone(act(tech, wifi, 'resolve', { solution: 'Borne redémarrée' }));
  await expectDone(act(desk.alice, wifi, 'refuse_solution', { reason: 'Toujours des coupures' }));
  await expectDone(act(tech, wifi, 'resolve', { solution: 'Borne remplacée' }));
  // Still open: one held, one new.
  await expectDone(act(tech, await file('Prise réseau morte', categories.network, 3, 2), 'assign'));
  await file('Câble à remplacer', categories.network, 2, 1);

  await eventually(async () => {
    const { body } = await desk.stack.call('GET', `/api/v1/kpis/summary?category=${categories.parent}`, { token: desk.manager.token });
    return body.created === 5 && body.resolved === 3 && body.satisfaction === 4 && body.slaCompliance !== null ? body : undefined;
  }, 30_000);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await desk?.stack.close();
});

async function logIn(login: string): Promise<{ page: Page; errors: string[] }> {
  // Without motion, the bars are where they end up as soon as they are drawn.
  const page = await (
    await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 }, reducedMotion: 'reduce' })
  ).newPage();
  const errors = watchForErrors(page);
  await logInThrough(page, desk.stack.baseUrl, { login, password });
  return { page, errors };
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').replace(/\s/g, ' ');

/** Where on the page the middle of the bar labelled `label` of a horizontal bar chart is. */
async function barCentre(page: Page, chartId: string, label: string): Promise<{ x: number; y: number }> {
  const box = (await page.locator(`#${chartId}`).boundingBox())!;
  const [x, y] = await page.evaluate(
    ({ chartId, label }) => {
      const echarts = (window as any).echarts;
      const chart = echarts.getInstanceByDom(document.getElementById(chartId));
      const option = chart.getOption();
      const index = option.yAxis[0].data.indexOf(label);
      return chart.convertToPixel({ seriesIndex: 0 }, [option.series[0].data[index] / 2, index]) as number[];
    },
    { chartId, label },
  );
  return { x: box.x + x!, y: box.y + y! };
}

describe('web UI: the KPI dashboards', () => {
  it('serves ECharts from its own origin, under the strict CSP', async () => {
    const response = await fetch(`${desk.stack.baseUrl}/vendor/echarts.min.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect((await response.text()).length).toBeGreaterThan(500_000);
    const page = await fetch(desk.stack.baseUrl);
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self'");
  });

  it('shows a manager the tiles and every chart, refreshed in place, in French or English, with drill-down to the list', async () => {
    const { page, errors } = await logIn(logins.manager);
    // A manager's first page is the dashboards; the tickets are one link away.
    expect(page.url()).toContain('#/dashboards');
    await page.getByRole('link', { name: 'Tickets', exact: true }).click();
    await page.getByRole('heading', { name: 'Tickets', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Tableaux de bord' }).click();
    await page.getByRole('heading', { name: 'Tableaux de bord' }).waitFor();
    await page.locator('#dashboard-updated', { hasText: 'mis à jour à' }).waitFor();
    await page.locator('#dashboard-filters select[name="category"]').selectOption({ label: paths.parent });
    await expect.poll(() => text(page, '#kpi-created'), { timeout: 15_000 }).toBe('5');

    expect(await text(page, '#kpi-resolved')).toBe('3');
    expect(await text(page, '#kpi-backlog')).toBe('2');
    expect(await text(page, '#kpi-escalationRate')).toBe('33,3 %');
    expect(await text(page, '#kpi-reopenRate')).toBe('33,3 %');
    expect(await text(page, '#kpi-fcrRate')).toBe('33,3 %');
    expect(await text(page, '#kpi-slaCompliance')).toBe('100 %');
    expect(await text(page, '#kpi-satisfaction')).toBe('4 / 5');
    expect(await text(page, '#kpi-mttr')).toMatch(/^\d+(,\d)? s$/);
    expect(await page.locator('dl.tiles dt').count()).toBe(10);

    for (const key of CHARTS) {
      const chart = page.locator(`#chart-${key}`);
      await chart.locator('canvas').first().waitFor();
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await chart.getAttribute('aria-label')).toMatch(/^[^.]{20,}\. \S/);
      await expect
        .poll(() => page.locator(`#chart-${key} + .chart-note`).isHidden(), { message: `chart ${key} has data`, timeout: 12_000 })
        .toBe(true);
    }
    expect(await page.locator('#chart-mttrByCategory').getAttribute('aria-label')).toContain(paths.printers);
    expect(await page.locator('#chart-satisfaction').getAttribute('aria-label')).toContain('4 : 1');

    // A refresh draws on the same canvases, and brings a ticket filed meanwhile.
    await page
      .locator('#chart-flow canvas')
      .first()
      .evaluate((canvas) => canvas.setAttribute('data-first', 'yes'));
    await file('Écran qui clignote', categories.network, 2, 2);
    await expect.poll(() => text(page, '#kpi-created'), { timeout: 20_000 }).toBe('6');
    expect(await text(page, '#kpi-backlog')).toBe('3');
    expect(await page.locator('#chart-flow canvas[data-first="yes"]').count()).toBe(1);

    const hovered = await barCentre(page, 'chart-mttrByCategory', paths.printers);
    await page.mouse.move(hovered.x, hovered.y);
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${ARTIFACTS}/kpi-dashboard.png`, fullPage: true });

    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('heading', { name: 'Dashboards' }).waitFor();
    await page.locator('#dashboard-updated', { hasText: 'updated at' }).waitFor();
    expect(await page.locator('dl.tiles dt').first().textContent()).toBe('Created');
    expect(await page.getByRole('heading', { name: 'Technician workload' }).count()).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('guichet.dashboard.language'))).toBe('en');
    expect(await page.locator('#dashboard-filters select[name="category"]').inputValue()).toBe(String(categories.parent));
    await expect.poll(() => text(page, '#kpi-created'), { timeout: 15_000 }).toBe('6');
    await page.locator('#chart-mttrByCategory canvas').first().waitFor();
    await expect.poll(() => page.locator('#chart-mttrByCategory + .chart-note').isHidden(), { timeout: 12_000 }).toBe(true);

    const bar = await barCentre(page, 'chart-mttrByCategory', paths.printers);
    await page.mouse.click(bar.x, bar.y);
    // The list opens in the language chosen on the dashboards.
    await page.getByRole('heading', { name: `Tickets — category: ${paths.printers}` }).waitFor();
    expect(page.url()).toContain(`#/tickets?category=${categories.printers}`);
    await expect.poll(() => page.locator('#ticket-rows tr').count()).toBe(2);
    expect((await page.locator('#ticket-rows a').allTextContents()).sort()).toEqual([titles.printerDriver, titles.printerJam].sort());

    expect(errors).toEqual([]);
  });

  it('offers no dashboards to a requester', async () => {
    const { page, errors } = await logIn(logins.requester);
    expect(await page.getByRole('link', { name: 'Tableaux de bord' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
