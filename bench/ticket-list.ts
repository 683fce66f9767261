// Ticket list and search on a large base: p50/p99 of the first page and of page 100 (keyset
// cursors) for a query with three filters and text, through the real HTTP API in this process,
// on a database of its own filled once to GUICHET_BENCH_TICKETS tickets (default 1,000,000).
import { QueryTypes } from 'sequelize';
import { priorityOf } from '../tickets/priority-matrix';
import { startBenchApi } from './bench-api';
import { percentile } from './bench-client';

const TICKETS = Number(process.env['GUICHET_BENCH_TICKETS'] ?? 1_000_000);
const ROUNDS = Number(process.env['GUICHET_BENCH_ROUNDS'] ?? 3);
const SAMPLES = 60;

const PHRASES = [
  'Mon PC rame depuis ce matin',
  'Imprimante : lignes décalées après changement de cartouche',
  'Téléphone de la caisse hors service',
  'Pas de Wi-Fi sur mon portable',
  'Restaurer un e-mail supprimé',
  "Besoin de la dernière version d'Office",
  "Erreur 404 sur l'intranet",
  'Impossible d’accéder à la ressource partagée',
  'Clavier en panne',
  'Souris qui ne répond plus',
  'Plus d’accès à ma messagerie',
  'Erreur de calcul du prix de vente',
  'Soldes de congés mal affichés',
  'Création d’un compte utilisateur',
  'Écran qui clignote',
  'Disque dur plein',
];
const STATUSES = ['new', 'assigned', 'assigned', 'planned', 'pending', 'resolved', 'closed', 'closed', 'closed', 'closed'];
const SOURCES = ['helpdesk', 'email', 'phone', 'direct', 'other'];

// Deterministic, so every run fills the same base.
let seed = 42;
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

const { sequelize, refs, call, close } = await startBenchApi();

async function fill(refs: { categories: number[]; technician: number; group: number }): Promise<void> {
  const [existing] = await sequelize.query<{ count: number }>('SELECT COUNT(*) AS count FROM tickets', { type: QueryTypes.SELECT });
  const missing = TICKETS - Number(existing?.count ?? 0);
  if (missing <= 0) return;
  console.log(`filling ${missing} tickets…`);
  const started = performance.now();
  const now = Date.now();
  const batch = 2_000;
  for (let done = 0; done < missing; done += batch) {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let i = 0; i < Math.min(batch, missing - done); i += 1) {
      const status = pick(STATUSES);
      const urgency = 1 + Math.floor(random() * 5);
      const impact = 1 + Math.floor(random() * 5);
      const level = random() < 0.8 ? 1 : 2;
      const openedAt = new Date(now - Math.floor(random() * 365 * 86_400_000));
      const assigned = status !== 'new';
      const word = `ref${Math.floor(random() * 50_000)}`;
      rows.push('(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
      values.push(
        `${pick(PHRASES)} ${word}`,
        `${pick(PHRASES)}. Signalé par le magasin, poste ${word}.`,
        random() < 0.7 ? 'incident' : 'request',
        status,
        status,
        'incident',
        1,
        '{"requester":1,"assignee":null,"group":null,"level":1,"validator":null}',
        urgency,
        impact,
        priorityOf(urgency, impact),
        pick(refs.categories),
        1,
        refs.technician,
        assigned && random() < 0.5 ? refs.technician : null,
        assigned ? refs.group : null,
        level,
        pick(SOURCES),
        2,
        openedAt,
        openedAt,
        openedAt,
        openedAt,
        refs.technician,
        openedAt,
      );
    }
    await sequelize.query(
      `INSERT INTO tickets (title, description, type, status, state, lifecycle_key, lifecycle_version, context, urgency, impact,
         priority, category_id, entity_id, requester_id, assignee_id, group_id, level, source, seq, opened_at, created_at,
         updated_at, workflow_started_at, created_by, taken_into_account_at) VALUES ${rows.join(',')}`,
      { replacements: values, type: QueryTypes.INSERT },
    );
    if ((done / batch) % 50 === 0) console.log(`  ${done + rows.length} rows, ${Math.round((performance.now() - started) / 1000)} s`);
  }
  console.log(`filled in ${Math.round((performance.now() - started) / 1000)} s`);
}

await fill(refs);
async function page(query: string): Promise<{ ms: number; nextCursor: string | null; count: number }> {
  const { ms, status, body } = await call(`/api/v1/tickets?${query}`);
  if (status !== 200) throw new Error(`list answered ${status}: ${JSON.stringify(body)}`);
  return { ms, nextCursor: body.nextCursor, count: body.items.length };
}

// Three filters (status, a category with its children, support level) and a word of the title.
const words = ['imprimante', 'messagerie', 'clavier', 'caisse', 'portable'];
const queryOf = (word: string) => `status=assigned&category=${refs.hardware}&level=1&q=${encodeURIComponent(word)}&limit=50`;

console.log(`tickets: ${TICKETS}; ${SAMPLES} first pages and ${SAMPLES / 6} walks to page 100 per round`);
console.log('round  first page p50 ms  p99 ms  page 100 p50 ms  p99 ms  rare word p50 ms  p99 ms  (rows on page 100)');
for (let round = 1; round <= ROUNDS; round += 1) {
  const first: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) first.push((await page(queryOf(words[i % words.length]!))).ms);
  const hundredth: number[] = [];
  let rowsOnPage100 = 0;
  for (let walk = 0; walk < SAMPLES / 6; walk += 1) {
    const query = queryOf(words[walk % words.length]!);
    let cursor: string | null = null;
    for (let n = 1; n <= 100; n += 1) {
      const result = await page(cursor ? `${query}&cursor=${cursor}` : query);
      if (n === 100) {
        hundredth.push(result.ms);
        rowsOnPage100 = result.count;
      }
      cursor = result.nextCursor;
      if (!cursor && n < 100) throw new Error(`only ${n} pages match "${query}"; fill more tickets`);
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
