// Imports a GLPI ticket-list export of GUICHET_BENCH_TICKETS finished tickets (default 100,000;
// closed and solved, the bulk of a desk's past) into the benchmark database of bench/bench-api.ts:
// the dry run, then the real run, in tickets per second, and the process's peak memory. Open
// tickets, which start workflows, are left to the tests: no worker here runs on this database.
// Numbers are new on each run, so a second run imports again rather than skipping.
import { Client, Connection } from '@temporalio/client';
import { BENCH_TEMPORAL_ADDRESS, startBenchApi } from './bench-api';
import { createGlpiImportService } from '../glpi-import/glpi-import.service';
import { EXPORT_HEADERS } from '../glpi-import/glpi-ticket-export';

const TICKETS = Number(process.env['GUICHET_BENCH_TICKETS'] ?? 100_000);
const { sequelize, refs, close } = await startBenchApi();
const client = new Client({ connection: await Connection.connect({ address: BENCH_TEMPORAL_ADDRESS }) });

const STATUSES: [string, number][] = [
  ['Clos', 0.95],
  ['Résolu', 0.05],
];
const statusOf = (i: number) => {
  let left = (i * 0.6180339887) % 1;
  for (const [label, share] of STATUSES) if ((left -= share) < 0) return label;
  return 'Clos';
};
const two = (n: number) => String(n).padStart(2, '0');
const cell = (value: string | number) => `"${value}";`;
const base = Date.now() % 1_000_000_000;
let csv = '\uFEFF' + EXPORT_HEADERS.fr.map(cell).join('') + '\n';
for (let i = 0; i < TICKETS; i++) {
  const day = `2025-${two(1 + (i % 12))}-${two(1 + (i % 28))}`;
  csv +=
    [
      base + i,
      `Ticket GLPI ${i}`,
      'Entité racine',
      statusOf(i),
      `${day} 16:00`,
      `${day} 09:${two(i % 60)}`,
      'Moyenne',
      'Bench',
      'Bench',
      'Matériel > Imprimante',
    ]
      .map(cell)
      .join('') + '\n';
}
const bytes = Buffer.from(csv, 'utf8');
csv = '';

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
const importer = createGlpiImportService({ sequelize, temporal: client });
const timed = async (apply: boolean) => {
  const started = performance.now();
  const report = await importer.importTicketExport(bytes, { apply, importedBy: refs.technician });
  if (report.imported !== TICKETS)
    throw new Error(
      `${apply ? 'imported' : 'would import'} ${report.imported} of ${TICKETS}: ${JSON.stringify(report.rejected.slice(0, 3))}`,
    );
  return (performance.now() - started) / 1000;
};
const drySeconds = await timed(false);
const applySeconds = await timed(true);
clearInterval(sampler);
console.log(
  `${TICKETS} tickets: dry run ${(TICKETS / drySeconds).toFixed(0)}/s, import ${(TICKETS / applySeconds).toFixed(0)}/s, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
);
console.log(
  JSON.stringify({
    tickets: TICKETS,
    dryRunPerSecond: Math.round(TICKETS / drySeconds),
    importPerSecond: Math.round(TICKETS / applySeconds),
    peakRssMiB: Math.round(peakRss / 2 ** 20),
  }),
);
await client.connection.close();
await close();
