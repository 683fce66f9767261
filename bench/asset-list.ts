// The asset list on a large estate: p50/p99 of the first page of GET /api/v1/assets with no filter,
// with a state and a maker, with a model and a word of the name, with a fragment of a serial
// number, and of page 20 through keyset cursors, through the real HTTP API in this process, on a
// database of its own filled once to GUICHET_BENCH_ASSETS computers (default 100,000). The last
// line is JSON.
import { QueryTypes } from 'sequelize';
import { startBenchApi } from './bench-api';
import { percentile } from './bench-client';

const ASSETS = Number(process.env['GUICHET_BENCH_ASSETS'] ?? 100_000);
const ROUNDS = Number(process.env['GUICHET_BENCH_ROUNDS'] ?? 3);
const SAMPLES = Number(process.env['GUICHET_BENCH_SAMPLES'] ?? 50);
// The deep page read: page 20, or the last full page of a smaller estate.
const DEPTH = Math.max(1, Math.min(20, Math.floor(ASSETS / 50)));

const { sequelize, call, close } = await startBenchApi();

// An estate as desks have them: a few makers, a few dozen models, most computers in use.
const MODELS = [
  ['Dell Inc.', ['OptiPlex 7090', 'OptiPlex 5000', 'Latitude 5440', 'Latitude 7420', 'Precision 3660']],
  ['HP', ['EliteDesk 800 G6', 'ProDesk 400 G7', 'EliteBook 840 G8', 'ProBook 450 G9']],
  ['LENOVO', ['ThinkPad T14 Gen 2', 'ThinkPad X1 Carbon', 'ThinkCentre M70q', 'ThinkPad L14']],
  ['Apple Inc.', ['MacBook Pro', 'MacBook Air', 'iMac']],
  ['Microsoft Corporation', ['Surface Laptop 5', 'Surface Pro 9']],
] as const;
const STATES = ['in_use', 'in_use', 'in_use', 'in_use', 'in_use', 'in_use', 'in_stock', 'in_repair', 'retired'];
const SITES = ['SIEGE', 'ARCS', 'LYON', 'NANTES', 'LILLE', 'TOULOUSE'];

async function fillAssets(): Promise<void> {
  const [{ count }] = (await sequelize.query<{ count: number }>(
    "SELECT COUNT(*) AS count FROM assets WHERE device_id LIKE 'benchasset-%'",
    {
      type: QueryTypes.SELECT,
    },
  )) as [{ count: number }];
  const components = JSON.stringify({ bios: { manufacturer: null, version: null, date: null }, cpus: [], disks: [], networkCards: [] });
  for (let start = Number(count); start < ASSETS; start += 2_000) {
    const rows = Array.from({ length: Math.min(2_000, ASSETS - start) }, (_, k) => {
      const n = start + k;
      const [maker, models] = MODELS[n % MODELS.length]!;
      const model = models[Math.floor(n / MODELS.length) % models.length]!;
      const site = SITES[n % SITES.length]!;
      return [
        'computer',
        1,
        `PC-${site}-${String(n).padStart(6, '0')}`,
        `SN${(n * 7919).toString(36).toUpperCase().padStart(8, '0')}`,
        maker,
        model,
        'Desktop',
        'Windows 11 Professionnel',
        '23H2',
        `user${n % 5000}`,
        components,
        STATES[n % STATES.length]!,
        `benchasset-${n}`,
      ];
    });
    await sequelize.query(
      `INSERT INTO assets (kind, entity_id, name, serial, manufacturer, model, type, os_name, os_version, last_user, components, state,
        device_id, created_at, updated_at) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))').join(', ')}`,
      { replacements: rows.flat() },
    );
  }
}

async function page(query: string): Promise<{ ms: number; nextCursor: string | null }> {
  const { ms, status, body } = await call(`/api/v1/assets?${query}`);
  if (status !== 200) throw new Error(`the asset list answered ${status}: ${JSON.stringify(body)}`);
  return { ms, nextCursor: body.nextCursor };
}

const QUERIES: Record<string, (i: number) => string> = {
  'no filter': () => 'limit=50',
  'state and maker': (i) =>
    `state=${['in_repair', 'in_stock', 'retired'][i % 3]}&manufacturer=${encodeURIComponent(MODELS[i % MODELS.length]![0])}&limit=50`,
  'model and a word': (i) => `model=${encodeURIComponent(MODELS[0][1][i % 5]!)}&search=${SITES[i % SITES.length]}&limit=50`,
  'a serial fragment': (i) => `search=${(i * 104_729).toString(36).toUpperCase().slice(0, 4)}&limit=50`,
};

await fillAssets();
console.log(`assets: ${ASSETS}; ${SAMPLES} first pages per query and ${Math.ceil(SAMPLES / 10)} walks to page ${DEPTH} per round`);
const figures: Record<string, { p50: number; p99: number }[]> = {};
for (let round = 1; round <= ROUNDS; round += 1) {
  const line: string[] = [];
  for (const [name, query] of Object.entries(QUERIES)) {
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) times.push((await page(query(i))).ms);
    times.sort((a, b) => a - b);
    (figures[name] ??= []).push({ p50: percentile(times, 50), p99: percentile(times, 99) });
    line.push(`${name}: p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`);
  }
  const deep: number[] = [];
  for (let walk = 0; walk < Math.ceil(SAMPLES / 10); walk += 1) {
    let cursor: string | null = null;
    for (let n = 1; n <= DEPTH; n += 1) {
      const result = await page(`limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      if (n === DEPTH) deep.push(result.ms);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
  }
  deep.sort((a, b) => a - b);
  (figures[`page ${DEPTH}`] ??= []).push({ p50: percentile(deep, 50), p99: percentile(deep, 99) });
  line.push(`page ${DEPTH}: p50 ${percentile(deep, 50).toFixed(1)} ms, p99 ${percentile(deep, 99).toFixed(1)} ms`);
  console.log(`round ${round}  ${line.join('  |  ')}`);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(
  JSON.stringify({
    assets: ASSETS,
    ...Object.fromEntries(
      Object.entries(figures).map(([name, rounds]) => [
        name,
        { p50Ms: Math.round(median(rounds.map((r) => r.p50)) * 10) / 10, p99Ms: Math.round(median(rounds.map((r) => r.p99)) * 10) / 10 },
      ]),
    ),
  }),
);
await close();
