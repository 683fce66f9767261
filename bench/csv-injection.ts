// CSV data injection's speed: a spreadsheet's file of GUICHET_BENCH_ROWS computers (10,000; ten
// columns, Windows-1252, one line in a hundred wrong) run through a saved mapping by an
// administrator over the real HTTP API in this process — a dry run, the real run creating every
// computer, the same file again (all unchanged), and a file with one computer in ten changed —
// rows per second for each, medians of GUICHET_BENCH_ROUNDS (3) rounds, each into an entity of
// its own on the benchmark database. The last line is JSON.
import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import { UserRow } from '../users/user.models';
import { hashPassword } from '../users/password';
import { startBenchApi } from './bench-api';

const ROWS = Number(process.env['GUICHET_BENCH_ROWS'] ?? 10_000);
const ROUNDS = Number(process.env['GUICHET_BENCH_ROUNDS'] ?? 3);

const { base, close } = await startBenchApi();

// An administrator of the root entity, who may save mappings and run them.
const password = `bench-${randomUUID()}`;
const [admin] = await UserRow.findOrCreate({
  where: { login: 'bench-admin' },
  defaults: { login: 'bench-admin', name: 'Bench admin', email: null, profile: 'admin', password_hash: await hashPassword(password) },
});
await admin.update({ password_hash: await hashPassword(password), profile: 'admin' });
const { token } = (await (
  await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'bench-admin', password }),
  })
).json()) as { token: string };

async function api(method: string, path: string, body?: object): Promise<any> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer: unknown = await response.json();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

const HEADER = [
  'Nom',
  'Numéro de série',
  'Fabricant',
  'Modèle',
  'Mémoire (Mo)',
  'État',
  'Lieu',
  'Système',
  "Date d'achat",
  'Fin de garantie',
];
const FIELDS = ['name', 'serial', 'manufacturer', 'model', 'memoryMb', 'state', 'location', 'osName', 'purchaseDate', 'warrantyEnd'];
const MODELS = ['OptiPlex 7090', 'Latitude 5440', 'EliteDesk 800 G6', 'ThinkPad T14', 'ThinkCentre M70q'];

function fileOf(round: string, changedEvery: number): Buffer {
  const lines = Array.from({ length: ROWS }, (_, i) => [
    `PC-${round}-${i}`,
    `SN-${round}-${i}`,
    ['Dell Inc.', 'HP', 'LENOVO'][i % 3]!,
    MODELS[i % MODELS.length]!,
    changedEvery > 0 && i % changedEvery === 0 ? '32 768' : i % 100 === 42 ? 'beaucoup' : '16 384',
    i % 7 === 0 ? 'En stock' : 'En service',
    `Siège — étage ${i % 6}`,
    'Windows 11 Professionnel',
    `${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2024`,
    '31/12/2028',
  ]);
  const text = [HEADER, ...lines].map((line) => line.map((cell) => `"${cell}"`).join(';')).join('\r\n');
  return iconv.encode(`${text}\r\n`, 'windows-1252');
}

async function inject(mapping: number, file: Buffer, dryRun: boolean): Promise<{ perSecond: number; run: any }> {
  const form = new FormData();
  form.set('dryRun', String(dryRun));
  form.set('file', new Blob([new Uint8Array(file)], { type: 'text/csv' }), 'parc.csv');
  const t0 = performance.now();
  const response = await fetch(`${base}/api/v1/injection-mappings/${mapping}/runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const run: any = await response.json();
  const seconds = (performance.now() - t0) / 1000;
  if (response.status !== 200) throw new Error(`the run answered ${response.status}: ${JSON.stringify(run)}`);
  return { perSecond: ROWS / seconds, run };
}

console.log(`rows: ${ROWS} per file, ${ROUNDS} rounds`);
const figures: Record<'dryRun' | 'create' | 'unchanged' | 'update', number[]> = { dryRun: [], create: [], unchanged: [], update: [] };
for (let round = 1; round <= ROUNDS; round += 1) {
  const name = randomUUID().slice(0, 8);
  const entity = (await api('POST', '/api/v1/entities', { parent: 1, name: `Injection ${name}` })).id as number;
  const mapping = (
    await api('POST', '/api/v1/injection-mappings', {
      name: `Parc ${name}`,
      target: 'computer',
      entity,
      encoding: 'windows-1252',
      dateFormat: 'DD/MM/YYYY',
      decimalSeparator: ',',
      columns: HEADER.map((header, i) => ({ header, field: FIELDS[i] })),
      identify: ['serial'],
    })
  ).id as number;
  const file = fileOf(name, 0);
  const dry = await inject(mapping, file, true);
  const created = await inject(mapping, file, false);
  const again = await inject(mapping, file, false);
  const changed = await inject(mapping, fileOf(name, 10), false);
  if (created.run.created !== dry.run.created || again.run.unchanged !== created.run.created || changed.run.updated === 0) {
    throw new Error(
      `unexpected reports: ${JSON.stringify([dry, created, again, changed].map(({ run }) => ({ ...run, report: undefined })))}`,
    );
  }
  figures.dryRun.push(dry.perSecond);
  figures.create.push(created.perSecond);
  figures.unchanged.push(again.perSecond);
  figures.update.push(changed.perSecond);
  console.log(
    `round ${round}  dry run ${dry.perSecond.toFixed(0)} rows/s  |  creating ${created.perSecond.toFixed(0)} rows/s (${created.run.created} created, ${created.run.rejected} rejected)  |  unchanged ${again.perSecond.toFixed(0)} rows/s  |  ${changed.run.updated} updated ${changed.perSecond.toFixed(0)} rows/s`,
  );
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(
  JSON.stringify({
    rows: ROWS,
    ...Object.fromEntries(Object.entries(figures).map(([name, values]) => [`${name}RowsPerSecond`, Math.round(median(values))])),
  }),
);
await close();
