// The mailbox pages in Chromium, as an administrator uses them: a mailbox added through the form
// (the API's refusal shown beside its field), its connection tested, a rule routing to a group,
// and the latest collection read with the original of a message.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, loggedInPage, provokedRefusal } from '../support/browser';
import { freshAddress, sendMail, userWithMailbox } from '../support/mail';
import { eventually, startStack, type Stack, type TestUser } from '../support/stack';
import { TEST_MAIL } from '../support/test-settings';

let stack: Stack;
let browser: Browser;
let admin: TestUser;

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.userWith('admin');
  browser = await launchChromium();
});
afterAll(async () => {
  const mailboxes = await stack?.call('GET', '/api/v1/mailboxes', { token: admin.token });
  for (const { id } of mailboxes?.body.items ?? []) {
    await stack.call('PATCH', `/api/v1/mailboxes/${id}`, { token: admin.token, body: { enabled: false } });
  }
  await browser?.close();
  await stack?.close();
});

describe('the mailbox pages', () => {
  it('add a mailbox with a rule, test its connection and show what its messages became', async () => {
    const desk = freshAddress('support');
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin, provokedRefusal('/api/v1/mailboxes'));
    await page.getByRole('link', { name: 'Boîtes de réception' }).click();
    await page.getByRole('link', { name: 'Ajouter une boîte' }).click();
    await page.getByRole('heading', { name: 'Nouvelle boîte de réception' }).waitFor();
    const form = page.locator('#mailbox-form');
    await form.getByLabel('Nom', { exact: true }).fill('Support informatique');
    await form.getByLabel('Adresse du service').fill(desk);
    await form.getByLabel('Hôte', { exact: true }).fill('127.0.0.1');
    await form.getByLabel('Port', { exact: true }).fill(String(TEST_MAIL.imapPort));
    await form.getByLabel('Utilisateur', { exact: true }).fill(desk);
    await form.getByLabel('la variable d’environnement', { exact: true }).fill('GUICHET_TEST_IMAP_PASSWORD');
    await form.getByLabel('Après import').selectOption('move');
    await form.getByRole('button', { name: 'Ajouter une règle' }).click();
    const rule = form.getByRole('group', { name: 'Règle 1' });
    await rule.getByLabel('Mots (séparés par des virgules)').fill('wifi, réseau');
    await rule.getByLabel('Groupe').selectOption({ label: 'Support N2 (N2)' });
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    // Moving messages needs a folder to move them to: said beside that field.
    await form.locator('#mailbox-form-moveTo-error').filter({ hasText: 'give the folder messages are moved to' }).waitFor();
    await form.getByLabel('Après import').selectOption('seen');
    await form.getByRole('button', { name: 'Enregistrer' }).click();

    await page.getByRole('heading', { name: 'Boîte de réception — Support informatique' }).waitFor();
    await page.getByRole('button', { name: 'Tester la connexion' }).click();
    await page
      .locator('#mailbox-check')
      .filter({ hasText: /^Connexion réussie : \d+ message\(s\) dans INBOX/ })
      .waitFor();
    // The rule kept its words and its group.
    const saved = page.locator('#mailbox-form').getByRole('group', { name: 'Règle 1' });
    expect(await saved.getByLabel('Mots (séparés par des virgules)').inputValue()).toBe('wifi, réseau');
    expect(await saved.getByLabel('Groupe').inputValue()).toBe(String(stack.groups.n2));

    const requester = await userWithMailbox(stack, 'requester', undefined, 'Hugo Lambert');
    await sendMail({ from: requester.address, to: desk, subject: 'Le wifi du 4e ne répond plus', text: 'Depuis 9 h.' });
    // The ticket is filed, then the message recorded in the mailbox's report: wait for both.
    const ticket = await eventually(async () => {
      const found = await stack.call('GET', `/api/v1/tickets?requester=${requester.id}`, { token: admin.token });
      const mail =
        found.body.items[0] && (await stack.call('GET', `/api/v1/tickets/${found.body.items[0].id}/mail`, { token: admin.token }));
      return mail?.body.items.length ? (found.body.items[0] as { id: number; groups: number[] }) : undefined;
    }, 30_000);
    expect(ticket.groups).toEqual([stack.groups.n2]);

    const report = page.locator('#mailbox-report');
    await report.getByRole('button', { name: 'Actualiser' }).click();
    const row = report.locator('tr', { hasText: 'Le wifi du 4e ne répond plus' });
    await row.getByRole('cell', { name: 'ticket créé' }).waitFor();
    expect(await row.getByRole('link').textContent()).toBe(`n° ${ticket.id}`);
    await row.getByRole('button', { name: 'Voir' }).click();
    await expect.poll(() => report.locator('pre.mail-source').textContent()).toContain(`From: ${requester.address}`);
    expect(errors).toEqual([]);
  });

  it('are not offered to a technician', async () => {
    const technician = await stack.userWith('technician', 'N1');
    const { page } = await loggedInPage(browser, stack.baseUrl, technician);
    await page.getByRole('link', { name: 'Tickets' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Boîtes de réception' }).isVisible()).toBe(false);
  });
});
