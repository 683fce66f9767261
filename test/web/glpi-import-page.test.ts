// The GLPI import page in Chromium, as an administrator moving from GLPI uses it: a dry run of
// GLPI's database first, its report read, then the import it opened, and a wrong address said
// beside its field.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketRow } from '../../tickets/ticket.models';
import { launchChromium, loggedInPage, provokedRefusal } from '../support/browser';
import { createGlpiDatabase } from '../support/glpi/glpi-database';
import { startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let browser: Browser;
let admin: TestUser;
let glpi: Awaited<ReturnType<typeof createGlpiDatabase>>;
const filesDir = mkdtempSync(join(tmpdir(), 'glpi-files-'));
const base = 5_000_000 + Math.floor(Math.random() * 4_000_000);

beforeAll(async () => {
  stack = await startStack({ relay: false });
  admin = await stack.userWith('admin');
  browser = await launchChromium();
  glpi = await createGlpiDatabase();
  await glpi.insert('glpi_users', [
    { id: 7, name: `cmoreau.${randomUUID().slice(0, 6)}`, realname: 'Moreau', firstname: 'Claire', entities_id: 0 },
  ]);
  await glpi.insert('glpi_tickets', [
    {
      id: base,
      entities_id: 0,
      name: 'Badge refusé à l’entrée',
      date: '2024-10-07 07:55:00',
      date_mod: '2024-10-07 07:55:00',
      status: 1,
      users_id_recipient: 7,
    },
    { id: base + 1, entities_id: 0, name: 'Statut inconnu', date: '2024-10-07 08:00:00', status: 9, users_id_recipient: 7 },
  ]);
});
afterAll(async () => {
  await browser?.close();
  await glpi?.drop();
  await stack?.close();
});

describe('the GLPI import page', () => {
  it('runs a dry run of the database, shows its report, then opens and runs the import', async () => {
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin, provokedRefusal('/api/v1/glpi-imports/database'));
    await page.getByRole('link', { name: 'Import GLPI' }).click();
    await page.getByRole('heading', { name: 'Import depuis GLPI' }).waitFor();
    const form = page.locator('#glpi-database-form');

    await form.getByLabel(/^Adresse de la base/).fill('https://glpi.example.fr');
    await form.getByLabel('Dossier files de GLPI sur ce serveur').fill(filesDir);
    await form.getByRole('button', { name: 'Essai à blanc' }).click();
    await form.locator('#glpi-database-form-url-error').waitFor();

    await form.getByLabel(/^Adresse de la base/).fill(glpi.url);
    expect(await form.getByRole('button', { name: 'Importer' }).isDisabled()).toBe(true);
    await form.getByRole('button', { name: 'Essai à blanc' }).click();
    await page.getByRole('heading', { name: 'Ce que l’import ferait' }).waitFor();
    const tickets = page.locator('#glpi-import-report tr').filter({ has: page.getByRole('rowheader', { name: 'Tickets' }) });
    expect(await tickets.locator('td').allTextContents()).toEqual(['2', '1', '0', '1']);
    await page
      .locator('#glpi-import-report li')
      .filter({ hasText: `Tickets ${base + 1} : status: 9 is no GLPI status` })
      .waitFor();
    expect(await TicketRow.count({ where: { external_ref: `glpi:${base}` } })).toBe(0);

    await form.getByRole('button', { name: 'Importer' }).click();
    await page.getByRole('heading', { name: 'Ce que l’import a fait' }).waitFor();
    expect(await TicketRow.count({ where: { external_ref: `glpi:${base}` } })).toBe(1);
    expect(await page.locator('#glpi-import-history tr').count()).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
  });
});
