// The CSV injection page in Chromium, as an administrator fills the estate from a spreadsheet: a
// mapping whose columns come from the file's own headers (Windows-1252, French), a dry run that
// names the bad line, then the injection of the same file and the runs kept; none of it offered
// to a technician.
import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, loggedInPage } from '../support/browser';
import { startStack, type Stack, type TestUser } from '../support/stack';

const run = randomUUID().slice(0, 8);
let stack: Stack;
let browser: Browser;
let admin: TestUser;
let technician: TestUser;
let entity: number;

const file = {
  name: 'parc-agence.csv',
  mimeType: 'text/csv',
  buffer: iconv.encode(
    [
      'Nom;Numéro de série;Fabricant;Mémoire (Mo);Lieu;Commentaire',
      `PC-ACCUEIL-${run};SN-A-${run};Dell Inc.;8 192;Hall d’entrée;neuf`,
      `PC-CAISSE-${run};SN-B-${run};HP;beaucoup;Caisse n°2;à changer`,
      `PC-RÉSERVE-${run};SN-C-${run};LENOVO;16 384;Réserve;`,
    ].join('\r\n'),
    'windows-1252',
  ),
};

beforeAll(async () => {
  stack = await startStack({ relay: false });
  admin = await stack.userWith('admin');
  technician = await stack.userWith('technician', 'N1');
  entity = (await stack.call('POST', '/api/v1/entities', { token: admin.token, body: { parent: 1, name: `Agence ${run}` } })).body.id;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the CSV injection page', () => {
  it('builds a mapping from a file’s headers, dry-runs the file, then injects it', async () => {
    const { page, errors } = await loggedInPage(browser, stack.baseUrl, admin);
    await page.getByRole('link', { name: 'Injection CSV' }).click();
    await page.getByRole('heading', { name: 'Injection CSV' }).waitFor();
    const form = page.locator('#injection-mapping-form');
    await form.getByLabel('Nom du modèle').fill(`Parc agence ${run}`);
    await form.locator('select[name="entity"]').selectOption(String(entity));
    await form.locator('select[name="encoding"]').selectOption('windows-1252');
    await form.getByLabel('Prendre les en-têtes d’un fichier').setInputFiles(file);
    // Each header the page recognises is given its field; the comment column is left out.
    await form.locator('input[name="columns.5.header"]').waitFor();
    expect(
      await form.locator('#injection-columns input').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
    ).toEqual(['Nom', 'Numéro de série', 'Fabricant', 'Mémoire (Mo)', 'Lieu', 'Commentaire']);
    expect(
      await form.locator('#injection-columns select').evaluateAll((selects) => selects.map((one) => (one as HTMLSelectElement).value)),
    ).toEqual(['name', 'serial', 'manufacturer', 'memoryMb', 'location', '']);
    // Saved without saying what recognises a computer: the form says so beside the choice.
    await form.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    await form.locator('.field-error').first().waitFor();
    await form.getByLabel('Numéro de série', { exact: true }).check();
    await form.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    await page.locator('#injection-run-form').waitFor();
    expect(await page.locator('#injection-mappings li').allTextContents()).toContain(`Parc agence ${run} — Ordinateurs, Agence ${run}`);

    const runForm = page.locator('#injection-run-form');
    await runForm.getByLabel('Fichier CSV').setInputFiles(file);
    expect(await runForm.getByRole('button', { name: 'Injecter' }).isDisabled()).toBe(true);
    await runForm.getByRole('button', { name: 'Essai à blanc' }).click();
    const report = page.locator('#injection-report');
    await report.getByRole('heading', { name: 'Ce que l’injection ferait' }).waitFor();
    expect(await report.getByRole('status').textContent()).toMatch(
      /^3 lignes : 2 créées, 0 mises à jour, 0 inchangées, 0 laissées, 1 refusées/,
    );
    expect(await report.locator('tbody td').allTextContents()).toEqual([
      '3',
      'refusée',
      '',
      'Mémoire (Mo): "beaucoup" is not a whole number',
    ]);
    expect((await stack.call('GET', `/api/v1/assets?entity=${entity}`, { token: admin.token })).body.items).toEqual([]);

    await runForm.getByRole('button', { name: 'Injecter' }).click();
    await report.getByRole('heading', { name: 'Ce que l’injection a fait' }).waitFor();
    await page.locator('#injection-history tbody tr').nth(1).waitFor();
    expect(await page.locator('#injection-history tbody tr td:nth-child(2)').allTextContents()).toEqual(['injection', 'essai à blanc']);
    const filed = (await stack.call('GET', `/api/v1/assets?entity=${entity}`, { token: admin.token })).body.items;
    expect(filed.map((asset: { name: string }) => asset.name).sort()).toEqual([`PC-ACCUEIL-${run}`, `PC-RÉSERVE-${run}`]);
    // The one refusal the browser logged is the mapping saved without what recognises a computer.
    expect(errors).toEqual([expect.stringContaining('status of 400')]);
  });

  it('is not offered to a technician', async () => {
    const { page } = await loggedInPage(browser, stack.baseUrl, technician);
    await page.getByRole('link', { name: 'Tickets', exact: true }).first().waitFor();
    expect(await page.locator('#injection-link').isHidden()).toBe(true);
  });
});
