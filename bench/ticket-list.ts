// Ticket list and search on a large base: p50/p99 of the first page and of page 100 (keyset
// cursors) for a query with three filters and text, through the real HTTP API in this process,
// on a database of its own filled once to GUICHET_BENCH_TICKETS tickets (default 1,000,000).
import { startBenchApi } from './bench-api';
import { fillTickets, random } from './bench-tickets';
import { percentile } from './bench-client';

const TICKETS = Number(process.env['GUICHET_BENCH_TICKETS'] ?? 1_000_000);
const ROUNDS = Number(process.env['GUICHET_BENCH_ROUNDS'] ?? 3);
const SAMPLES = Number(process.env['GUICHET_BENCH_SAMPLES'] ?? 60);
// The deep page read, and the page size.
const DEPTH = Number(process.env['GUICHET_BENCH_PAGES'] ?? 100);
const PAGE_SIZE = Number(process.env['GUICHET_BENCH_PAGE_SIZE'] ?? 50);

const { sequelize, refs, call, close } = await startBenchApi();

await fillTickets(sequelize, refs, TICKETS);
async function page(query: string): Promise<{ ms: number; nextCursor: string | null; count: number }> {
  const { ms, status, body } = await call(`/api/v1/tickets?${query}`);
  if (status !== 200) throw new Error(`list answered ${status}: ${JSON.stringify(body)}`);
  return { ms, nextCursor: body.nextCursor, count: body.items.length };
}

// Three filters (status, a category with its children, support level) and a word of the title.
const words = ['imprimante', 'messagerie', 'clavier', 'caisse', 'portable'];
const queryOf = (word: string) => `status=assigned&category=${refs.hardware}&level=1&q=${encodeURIComponent(word)}&limit=${PAGE_SIZE}`;

console.log(`tickets: ${TICKETS}; ${SAMPLES} first pages and ${Math.ceil(SAMPLES / 6)} walks to page ${DEPTH} per round`);
console.log(`round  first page p50 ms  p99 ms  page ${DEPTH} p50 ms  p99 ms  rare word p50 ms  p99 ms  (rows on page ${DEPTH})`);
for (let round = 1; round <= ROUNDS; round += 1) {
  const first: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) first.push((await page(queryOf(words[i % words.length]!))).ms);
  const hundredth: number[] = [];
  let rowsOnPage100 = 0;
  for (let walk = 0; walk < SAMPLES / 6; walk += 1) {
    const query = queryOf(words[walk % words.length]!);
    let cursor: string | null = null;
    for (let n = 1; n <= DEPTH; n += 1) {
      const result = await page(cursor ? `${query}&cursor=${cursor}` : query);
      if (n === DEPTH) {
        hundredth.push(result.ms);
        rowsOnPage100 = result.count;
      }
      cursor = result.nextCursor;
      if (!cursor && n < DEPTH) throw new Error(`only ${n} pages match "${query}"; fill more tickets`);
    }
  }
  // A word few tickets hold: the index walk gives up and the full-text index answers.
  const rare: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) rare.push((await page(queryOf(`ref${Math.floor(random() * 50_000)}`))).ms);
  const sortedRare = rare.sort((a, b) => a - b);
  const sortedFirst = first.sort((a, b) => a - b);
  const sortedHundredth = hundredth.sort((a, b) => a - b);
  console.log(
    [
      round,
      percentile(sortedFirst, 50),
      percentile(sortedFirst, 99),
      percentile(sortedHundredth, 50),
      percentile(sortedHundredth, 99),
      percentile(sortedRare, 50),
      percentile(sortedRare, 99),
    ]
      .map((v) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : String(v)))
      .join('  '),
    ` (${rowsOnPage100})`,
  );
}
await close();
