import type { Browser, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, loggedInPage } from '../support/browser';
import { startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let browser: Browser;
let requester: TestUser;
let technician: TestUser;

beforeAll(async () => {
  stack = await startStack();
  requester = await stack.userWith('requester');
  technician = await stack.userWith('technician', 'N1');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function fileTicket(title: string): Promise<number> {
  const filed = await stack.call('POST', '/api/v1/tickets', {
    token: requester.token,
    body: { title, description: 'Le poste redémarre tout seul.', type: 'incident', urgency: 3, impact: 2 },
  });
  return filed.body.id;
}

const followupsOf = async (id: number): Promise<string[]> => {
  const timeline = await stack.call('GET', `/api/v1/tickets/${id}/timeline`, { token: technician.token });
  return (timeline.body.items as { type: string; content: string }[]).filter((i) => i.type === 'followup').map((i) => i.content);
};

// Adds `text` as a followup from the ticket's page while the answer to its first try is replaced by
// `lose` (the API did the work all the same); answers the key each try carried and the page's errors
// other than the console's line about `lostAnswer`.
async function addFollowupLosingFirstAnswer(id: number, text: string, lose: (route: Route) => Promise<void>, lostAnswer: string) {
  const { page, errors } = await loggedInPage(browser, stack.baseUrl, technician, (m) => m.text().includes(lostAnswer));
  const keys: string[] = [];
  await page.route(`**/api/v1/tickets/${id}/followups`, async (route) => {
    keys.push((await route.request().headerValue('idempotency-key')) ?? '');
    const response = await route.fetch();
    if (keys.length === 1) await lose(route);
    else await route.fulfill({ response });
  });
  await page.goto(`${stack.baseUrl}/#/tickets/${id}`);
  await page.getByLabel('Ajouter un suivi').fill(text);
  await page.getByRole('button', { name: 'Ajouter le suivi' }).click();
  // The page says so once its second try is answered (the list may show the followup before, as it follows changes).
  await page.getByRole('status').filter({ hasText: 'Suivi ajouté.' }).waitFor();
  return { keys, errors };
}

describe('a submission in the browser acts once', () => {
  it('adds one followup when the answer to the first try is lost and the page sends it again', async () => {
    const id = await fileTicket('Redémarrages intempestifs');
    // As when a connection drops.
    const { keys, errors } = await addFollowupLosingFirstAnswer(
      id,
      'Mise à jour du BIOS prévue demain.',
      (route) => route.abort('connectionreset'),
      'Failed to load resource',
    );
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await followupsOf(id)).toEqual(['Mise à jour du BIOS prévue demain.']);
    expect(errors).toEqual([]);
  });

  it('adds one followup when the balancer answers 502 for an API process that died after doing the work', async () => {
    const id = await fileTicket('Clavier qui ne répond plus');
    const { keys, errors } = await addFollowupLosingFirstAnswer(
      id,
      'Clavier remplacé.',
      (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>' }),
      'status of 502',
    );
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await followupsOf(id)).toEqual(['Clavier remplacé.']);
    expect(errors).toEqual([]);
  });

  it('adds one followup on a double click', async () => {
    const id = await fileTicket('Écran qui clignote');
    // The second click is told the first is still running (409), and asks again.
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, technician, (m) => m.text().includes('status of 409'));
    await page.goto(`${stack.baseUrl}/#/tickets/${id}`);
    await page.getByLabel('Ajouter un suivi').fill('Câble HDMI changé.');
    await page.getByRole('button', { name: 'Ajouter le suivi' }).dblclick();
    await page.locator('#ticket-history li', { hasText: 'Suivi : Câble HDMI changé.' }).waitFor();
    await expect.poll(() => followupsOf(id)).toEqual(['Câble HDMI changé.']);
    expect(errors).toEqual([]);
  });
});
