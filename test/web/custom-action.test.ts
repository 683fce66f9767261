import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRow } from '../../users/user.models';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { hashPassword } from '../../users/password';
import { ARTIFACTS, launchChromium, loggedInPage } from '../support/browser';
import { inGroup, startDesk, type Desk } from '../support/stack';

let desk: Desk;
let browser: Browser;
const password = `pw-${randomUUID()}`;
const technician = `tech-${randomUUID().slice(0, 6)}`;
const KEY = `incident-${randomUUID().slice(0, 8)}`;

/** The incident lifecycle with a state where the ticket waits for parts ordered from a supplier. */
function withPartsOrdering() {
  const incident = SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!;
  const definition: any = structuredClone({ ...incident, key: KEY });
  definition.states.awaiting_parts = { status: 'pending', label: { fr: 'En attente de pièces', en: 'Awaiting parts' } };
  definition.actions.push(
    {
      name: 'order_parts',
      label: { fr: 'Commander des pièces', en: 'Order parts' },
      from: ['assigned'],
      to: 'awaiting_parts',
      roles: ['technician'],
      payload: ['supplier'],
    },
    {
      name: 'parts_received',
      label: { fr: 'Pièces reçues', en: 'Parts received' },
      from: ['awaiting_parts'],
      to: 'assigned',
      roles: ['technician'],
    },
  );
  return definition;
}

beforeAll(async () => {
  desk = await startDesk({ relay: false });
  const owner = await desk.stack.userWith('owner');
  const draft = await desk.stack.call('POST', `/api/v1/lifecycles/${KEY}/drafts`, { token: owner.token, body: withPartsOrdering() });
  expect(draft.body.findings).toEqual([]);
  expect((await desk.stack.call('POST', `/api/v1/lifecycles/${KEY}/drafts/${draft.body.id}/publish`, { token: owner.token })).status).toBe(
    201,
  );
  const hash = await hashPassword(password);
  await inGroup(
    await UserRow.create({
      login: technician,
      name: 'Théo Martin',
      email: null,
      profile: 'technician',
      password_hash: hash,
    }),
    desk.stack.groups.n1,
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await desk?.stack.close();
});

describe("web UI: a process owner's own actions on the ticket page", () => {
  it('names the action as its lifecycle does, asks for the payload fields it declares, and shows its states in the timeline', async () => {
    const filed = await desk.stack.call('POST', '/api/v1/tickets', {
      token: desk.alice.token,
      body: {
        title: 'Écran du poste 12 fissuré',
        description: 'Il faut un écran neuf.',
        type: 'incident',
        urgency: 3,
        impact: 2,
        lifecycle: KEY,
      },
    });
    const { page, errors } = await loggedInPage(browser, desk.stack.baseUrl, { login: technician, password });
    await page.goto(`${desk.stack.baseUrl}/#/tickets/${filed.body.id}`);
    await page.getByRole('button', { name: 'Prendre en charge' }).click();
    await page.getByRole('button', { name: 'Commander des pièces' }).click();
    await page.getByRole('heading', { name: 'Commander des pièces' }).waitFor();
    await page.getByLabel('supplier').fill('Dell Pro Support');
    await page.getByRole('button', { name: 'Confirmer' }).click();
    await page.getByRole('button', { name: 'Pièces reçues' }).waitFor();
    expect(await page.locator('#ticket-status').textContent()).toBe('En attente');
    await expect.poll(() => page.locator('#ticket-history').textContent()).toContain('Commander des pièces → En attente de pièces');
    await page.screenshot({ path: `${ARTIFACTS}/custom-action.png`, fullPage: true });
    const ticket = await desk.stack.call('GET', `/api/v1/tickets/${filed.body.id}/history`, { token: desk.tech1.token });
    expect(ticket.body.items.at(-1)).toMatchObject({ action: 'order_parts', to: 'awaiting_parts', data: { supplier: 'Dell Pro Support' } });
    expect(errors).toEqual([]);
  });
});
