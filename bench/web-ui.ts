// The web UI in Debian's Chromium, on a database of its own holding GUICHET_BENCH_UI_TICKETS
// tickets (10,000) that the bench technician sees: time to interactive of the ticket list (from
// navigation to the first page of rows drawn, the saved views' counts shown and the change stream
// open), the ticket page's time to render a 500-item timeline, and what the browser downloads for
// them, gzipped. Medians over GUICHET_BENCH_SAMPLES (10) loads per round. The web UI is built first, as npm start
// builds it, unless GUICHET_BENCH_BUILT says it is.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { percentile } from './bench-client';

if (!process.env['GUICHET_BENCH_BUILT']) await build({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)) });

process.env['GUICHET_BENCH_DB_URL'] ??= 'mariadb://guichet:guichet@127.0.0.1:3306/guichet_bench_ui';
const TICKETS = Number(process.env['GUICHET_BENCH_UI_TICKETS'] ?? 10_000);
const ROUNDS = Number(process.env['GUICHET_BENCH_ROUNDS'] ?? 3);
const SAMPLES = Number(process.env['GUICHET_BENCH_SAMPLES'] ?? 10);

const { startBenchApi } = await import('./bench-api');
const { busyTicket, fillTickets } = await import('./bench-tickets');
const { sequelize, refs, base, token, close } = await startBenchApi();
await fillTickets(sequelize, refs, TICKETS);
const busy = await busyTicket(refs);
const session = JSON.stringify({ token, user: { id: refs.technician, name: 'Bench', profile: 'technician' } });

const browser = await chromium.launch({
  executablePath: process.env['GUICHET_CHROMIUM'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});

// One cold load of `hash` in a fresh context (no cache): ms from navigation start to `ready`, and the gzipped bytes downloaded.
// The app's own files (the bundle) and the API's answers (the data) are counted apart.
async function load(
  hash: string,
  ready: (page: Page) => Promise<unknown>,
): Promise<{ ms: number; gzipped: number; raw: number; data: number }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript((value) => sessionStorage.setItem('guichet.session', value), session);
  const page = await context.newPage();
  let gzipped = 0;
  let raw = 0;
  let data = 0;
  page.on('response', (response) => {
    void response
      .body()
      .then((body) => {
        if (new URL(response.url()).pathname.startsWith('/api/')) data += gzipSync(body).length;
        else [raw, gzipped] = [raw + body.length, gzipped + gzipSync(body).length];
      })
      .catch(() => undefined);
  });
  await page.goto(`${base}/${hash}`);
  await ready(page);
  const ms = await page.evaluate(() => performance.now());
  await context.close();
  return { ms, gzipped, raw, data };
}

const listReady = (page: Page) =>
  Promise.all([
    page.locator('#ticket-rows tr').nth(99).waitFor(),
    page.locator('#queues a').first().waitFor(),
    page.locator('#ticket-rows[data-following="yes"]').waitFor({ state: 'attached' }),
  ]);
const ticketReady = (page: Page) => page.locator('#ticket-history li').nth(499).waitFor({ state: 'attached' });

console.log(`${TICKETS} tickets visible to the technician; ticket ${busy.id} has a 500-item timeline; ${SAMPLES} cold loads per round`);
console.log('round  list TTI p50 ms  p90 ms  ticket page p50 ms  p90 ms  bundle KiB gzip (raw)  list data KiB gzip  ticket data KiB gzip');
for (let round = 1; round <= ROUNDS; round += 1) {
  const list = [];
  const ticket = [];
  for (let i = 0; i < SAMPLES; i += 1) list.push(await load('#/', listReady));
  for (let i = 0; i < SAMPLES; i += 1) ticket.push(await load(`#/tickets/${busy.id}`, ticketReady));
  const ms = (loads: { ms: number }[], p: number) =>
    percentile(
      loads.map((l) => l.ms).sort((a, b) => a - b),
      p,
    ).toFixed(0);
  const kib = (bytes: number) => (bytes / 1024).toFixed(1);
  const bundle = `${kib(list[0]!.gzipped)} (${kib(list[0]!.raw)})`;
  console.log(round, ms(list, 50), ms(list, 90), ms(ticket, 50), ms(ticket, 90), bundle, kib(list[0]!.data), kib(ticket[0]!.data));
}
await browser.close();
await close();
