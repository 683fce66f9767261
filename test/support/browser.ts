import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

export const ARTIFACTS = 'test-artifacts';

/** Debian's Chromium, headless, with the flags this network needs. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env['GUICHET_CHROMIUM'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Fails the test on any console error or uncaught page error, but the console errors `expected` recognises. */
export function watchForErrors(page: Page, expected: (message: ConsoleMessage) => boolean = () => false): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected(message)) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/**
 * Logs `page` in through the login form at `baseUrl`, then waits for the first page the user's
 * profile opens on (the dashboards for a manager, the ticket list for everyone else).
 */
export async function logInThrough(page: Page, baseUrl: string, login: { login: string; password: string }): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Identifiant').fill(login.login);
  await page.getByLabel('Mot de passe').fill(login.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: /^(Tickets|Tableaux de bord)$/ }).waitFor();
}

/** A new page in French, logged in through the login form and watched for errors; `expected` as for {@link watchForErrors}. */
export async function loggedInPage(
  browser: Browser,
  baseUrl: string,
  login: { login: string; password: string },
  expected?: (message: ConsoleMessage) => boolean,
): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 } })).newPage();
  const errors = watchForErrors(page, expected);
  await logInThrough(page, baseUrl, login);
  return { page, errors };
}

/**
 * The console error a refusal the test provokes on purpose leaves: a `status` answer to a request
 * whose address ends with `path` (its query left aside). For {@link loggedInPage}'s `expected`.
 */
export const provokedRefusal =
  (path: string, status = 400) =>
  (message: ConsoleMessage): boolean =>
    message.location().url.split('?')[0]!.endsWith(path) && message.text().includes(`status of ${status}`);
