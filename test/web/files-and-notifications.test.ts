// Files and e-mail in Chromium: a screenshot pasted on the ticket page lands in the timeline as a
// picture, a file chosen in the form as a download, both also from the new-ticket form; the desk
// reads the e-mail a ticket came from; each user chooses their notifications.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, loggedInPage } from '../support/browser';
import { pngPicture } from '../support/files';
import { addTestMailbox, freshAddress, sendMail, userWithMailbox } from '../support/mail';
import { eventually, startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let browser: Browser;
let requester: TestUser;

beforeAll(async () => {
  stack = await startStack();
  requester = await stack.userWith('requester');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('files on the ticket page', () => {
  it('shows a pasted screenshot in the timeline, and offers a chosen file for download', async () => {
    const filed = await stack.call('POST', '/api/v1/tickets', {
      token: requester.token,
      body: { title: 'Fenêtre d’erreur au lancement de SAP', description: 'Voir la capture.', type: 'incident', urgency: 3, impact: 2 },
    });
    const id = filed.body.id as number;
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, requester);
    await page.goto(`${stack.baseUrl}/#/tickets/${id}`);
    await page.getByRole('heading', { name: /Fenêtre d’erreur/ }).waitFor();

    // What the browser hands the page when someone presses Ctrl+V over a copied screenshot.
    const screenshot = [...pngPicture(24, [30, 90, 200])];
    await page.evaluate((bytes) => {
      const clipboard = new DataTransfer();
      clipboard.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true }));
    }, screenshot);
    const thumbnail = page.locator('#ticket-history li.attachment img[alt="image.png"]');
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);
    await page.getByRole('status').filter({ hasText: 'Fichier joint : image.png.' }).waitFor();

    await page
      .locator('#file-input')
      .setInputFiles({ name: 'journal.txt', mimeType: 'text/plain', buffer: Buffer.from('Erreur 0x80004005') });
    const entry = page.locator('#ticket-history li.attachment').filter({ hasText: 'journal.txt' });
    await entry.getByRole('button', { name: 'Télécharger' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), entry.getByRole('button', { name: 'Télécharger' }).click()]);
    expect(download.suggestedFilename()).toBe('journal.txt');

    const files = await stack.call('GET', `/api/v1/tickets/${id}/attachments`, { token: requester.token });
    expect(files.body.items.map((file: { name: string; type: string }) => [file.name, file.type])).toEqual([
      ['image.png', 'image/png'],
      ['journal.txt', 'text/plain'],
    ]);
    expect(errors).toEqual([]);
  });
});

describe('files on the new-ticket form', () => {
  it('sends the files chosen and the screenshots pasted with the ticket', async () => {
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, requester);
    await page.goto(`${stack.baseUrl}/#/new`);
    await page.getByLabel('Titre').fill('Imprimante : message « toner vide » alors que neuf');
    await page
      .getByLabel('Fichiers joints')
      .setInputFiles({ name: 'config.txt', mimeType: 'text/plain', buffer: Buffer.from('toner=100%') });
    const screenshot = [...pngPicture(20, [200, 40, 40])];
    await page.locator('#new-form').evaluate((form, bytes) => {
      const clipboard = new DataTransfer();
      clipboard.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
      form.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true }));
    }, screenshot);
    await page.locator('.pasted-files li', { hasText: 'Capture collée 1.png' }).waitFor();
    await page.getByRole('button', { name: 'Créer le ticket' }).click();
    await page.getByRole('heading', { name: /toner vide/ }).waitFor();
    await page.locator('#ticket-history li.attachment img[alt="Capture collée 1.png"]').waitFor();
    await page.locator('#ticket-history li.attachment', { hasText: 'config.txt' }).waitFor();
    const id = Number(/#\/tickets\/(\d+)/.exec(page.url())![1]);
    const files = await stack.call('GET', `/api/v1/tickets/${id}/attachments`, { token: requester.token });
    expect(files.body.items.map((file: { name: string; type: string }) => [file.name, file.type]).sort()).toEqual([
      ['Capture collée 1.png', 'image/png'],
      ['config.txt', 'text/plain'],
    ]);
    expect(errors).toEqual([]);
  });
});

describe('a ticket that came by e-mail', () => {
  it('says so in its timeline, and shows the desk the message as it arrived', async () => {
    const admin = await stack.userWith('admin');
    const technician = await stack.userWith('technician', 'N1');
    const sender = await userWithMailbox(stack, 'requester', undefined, 'Chloé Bernard');
    const desk = freshAddress('support');
    await addTestMailbox(stack, admin, desk);
    await sendMail({
      from: `Chloé Bernard <${sender.address}>`,
      to: desk,
      subject: 'Scanner du 1er introuvable',
      text: 'Il a disparu du réseau.',
    });
    // The ticket is filed, then the message recorded as having become it: wait for both. The
    // sender is new, so her ticket is the only one she has, whatever other tests file meanwhile.
    const id = await eventually(async () => {
      const found = await stack.call('GET', `/api/v1/tickets?requester=${sender.id}`, { token: technician.token });
      const ticket = found.body.items[0]?.id as number | undefined;
      const mail = ticket && (await stack.call('GET', `/api/v1/tickets/${ticket}/mail`, { token: technician.token })).body.items;
      return mail?.length ? ticket : undefined;
    }, 30_000);
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, technician);
    await page.goto(`${stack.baseUrl}/#/tickets/${id}`);
    const created = page.locator('#ticket-history li.from-email', { hasText: 'reçu par e-mail' });
    await created.getByRole('button', { name: 'Voir le message d’origine' }).click();
    const original = created.getByLabel(`Message d’origine de ${sender.address}`);
    await expect.poll(() => original.textContent()).toContain('Subject: Scanner du 1er introuvable');
    await created.getByRole('button', { name: 'Masquer le message d’origine' }).click();
    await original.waitFor({ state: 'hidden' });
    expect(errors).toEqual([]);
  });
});

describe('my notifications page', () => {
  it('lets a requester choose the language of her messages and turn off the followups', async () => {
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, requester);
    await page.getByRole('link', { name: 'Mes notifications' }).click();
    await page.getByRole('heading', { name: 'Mes notifications par e-mail' }).waitFor();
    expect(await page.getByLabel('un suivi est ajouté').isChecked()).toBe(true);
    await page.getByLabel('Langue des messages').selectOption('en');
    await page.getByLabel('un suivi est ajouté').uncheck();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Préférences enregistrées.' }).waitFor();
    const saved = await stack.call('GET', '/api/v1/mail-preferences', { token: requester.token });
    expect(saved.body).toEqual({ language: 'en', muted: ['followup'] });
    await page.reload();
    await page.getByRole('heading', { name: 'Mes notifications par e-mail' }).waitFor();
    expect(await page.getByLabel('un suivi est ajouté').isChecked()).toBe(false);
    expect(errors).toEqual([]);
  });
});
