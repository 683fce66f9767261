// Imports an old GLPI's database of GUICHET_BENCH_TICKETS finished tickets (default 100,000; closed
// and solved, the bulk of a desk's past), each with its requester, technician and group, two
// followups, a task, a solution and its status changes in GLPI's log, one in a hundred with a
// document, into the benchmark database of bench/bench-api.ts: the dry run, then the real run, in
// tickets per second, and the process's peak memory. GLPI's database is built anew on each run and
// dropped at the end; its numbers are new on each run, so a second run imports again.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { fileAttachmentStorage } from '../attachments/attachment-storage';
import { openGlpiDatabase } from '../glpi-import/glpi-database.repository';
import { createGlpiDatabaseImportService } from '../glpi-import/glpi-database-import.service';
import { createGlpiDatabase, type GlpiRow } from '../test/support/glpi/glpi-database';
import { BENCH_DB_URL, BENCH_TEMPORAL_ADDRESS, startBenchApi } from './bench-api';

const TICKETS = Number(process.env['GUICHET_BENCH_TICKETS'] ?? 100_000);
const CHUNK = 5_000;
const { sequelize, refs, close } = await startBenchApi();
const client = new Client({ connection: await Connection.connect({ address: BENCH_TEMPORAL_ADDRESS }) });
const glpi = await createGlpiDatabase(BENCH_DB_URL.replace(/^mariadb:/, 'mysql:'));
const filesDir = mkdtempSync(join(tmpdir(), 'glpi-files-'));
const attachmentsDir = mkdtempSync(join(tmpdir(), 'glpi-bench-attachments-'));
mkdirSync(join(filesDir, 'TXT'));
writeFileSync(join(filesDir, 'TXT', 'journal.TXT'), 'PRN-2E-01 paper jam tray 2\n');

const run = Date.now().toString(36);
const base = Date.now() % 1_000_000_000;
const two = (n: number) => String(n).padStart(2, '0');
await glpi.insert('glpi_entities', [{ id: 1, name: `Siège ${run}`, entities_id: 0, completename: `Siège ${run}`, level: 2 }]);
await glpi.insert('glpi_itilcategories', [
  { id: 1, name: `Matériel ${run}`, itilcategories_id: 0, level: 1 },
  { id: 2, name: 'Imprimante', itilcategories_id: 1, level: 2 },
]);
await glpi.insert('glpi_groups', [{ id: 1, name: `Support proximité ${run}` }]);
const people = Array.from({ length: 40 }, (_, i) => ({
  id: 10 + i,
  name: `user${i}.${run}`,
  realname: `Nom ${i}`,
  firstname: 'Prénom',
  entities_id: 1,
}));
await glpi.insert('glpi_users', people);
await glpi.insert(
  'glpi_profiles_users',
  people.map((person, i) => ({ users_id: person.id, profiles_id: i < 8 ? 6 : 1, entities_id: 1, is_recursive: 1 })),
);
for (let from = 0; from < TICKETS; from += CHUNK) {
  const rows: Record<string, GlpiRow[]> = {};
  const add = (table: string, row: GlpiRow) => (rows[table] ??= []).push(row);
  for (let i = from; i < Math.min(TICKETS, from + CHUNK); i++) {
    const id = base + i;
    const day = `2025-${two(1 + (i % 12))}-${two(1 + (i % 28))}`;
    const [requester, tech] = [18 + (i % 32), 10 + (i % 8)];
    const closed = i % 20 !== 0;
    add('glpi_tickets', {
      id,
      entities_id: 1,
      name: `Imprimante ${i} en panne`,
      date: `${day} 09:${two(i % 60)}:00`,
      takeintoaccountdate: `${day} 10:00:00`,
      solvedate: `${day} 15:00:00`,
      closedate: closed ? `${day} 16:00:00` : null,
      date_mod: `${day} 16:00:00`,
      status: closed ? 6 : 5,
      users_id_recipient: requester,
      requesttypes_id: 2,
      content: `&#60;p&#62;L&#39;imprimante ${i} affiche « Bourrage papier ».&#60;/p&#62;`,
      urgency: 3,
      impact: 3,
      priority: 3,
      itilcategories_id: 2,
      type: 1,
    });
    add('glpi_tickets_users', { tickets_id: id, users_id: requester, type: 1 });
    add('glpi_tickets_users', { tickets_id: id, users_id: tech, type: 2 });
    add('glpi_groups_tickets', { tickets_id: id, groups_id: 1, type: 2 });
    for (const [n, at, who] of [
      [1, '10:05', tech],
      [2, '11:00', requester],
    ] as const)
      add('glpi_itilfollowups', {
        id: id * 2 + n,
        itemtype: 'Ticket',
        items_id: id,
        date: `${day} ${at}:00`,
        users_id: who,
        content: `Suivi ${n}`,
      });
    add('glpi_tickettasks', {
      tickets_id: id,
      date: `${day} 12:00:00`,
      users_id: tech,
      users_id_tech: tech,
      content: 'Rouleau remplacé',
      actiontime: 1800,
      state: 2,
    });
    add('glpi_itilsolutions', {
      itemtype: 'Ticket',
      items_id: id,
      content: 'Rouleau remplacé, page de test OK',
      date_creation: `${day} 15:00:00`,
      users_id: tech,
      status: 3,
    });
    for (const [from, to, at] of [[1, 2, '10:00'], [2, 5, '15:00'], ...(closed ? [[5, 6, '16:00'] as const] : [])] as const)
      add('glpi_logs', {
        itemtype: 'Ticket',
        items_id: id,
        user_name: `Prénom Nom (${tech})`,
        date_mod: `${day} ${at}:00`,
        id_search_option: 12,
        old_value: String(from),
        new_value: String(to),
      });
    if (i % 100 === 0) {
      add('glpi_documents', {
        id,
        name: 'Journal',
        filename: `journal-${i}.txt`,
        filepath: 'TXT/journal.TXT',
        mime: 'text/plain',
        users_id: tech,
      });
      add('glpi_documents_items', { documents_id: id, itemtype: 'Ticket', items_id: id, users_id: tech });
    }
  }
  for (const [table, list] of Object.entries(rows)) await glpi.insert(table, list);
}

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
const importer = createGlpiDatabaseImportService({ sequelize, temporal: client, storage: fileAttachmentStorage(attachmentsDir) });
const timed = async (apply: boolean) => {
  const source = await openGlpiDatabase(glpi.url);
  const started = performance.now();
  try {
    const report = await importer.importDatabase(source, { apply, importedBy: refs.technician, filesDir });
    if (report.tickets.imported !== TICKETS)
      throw new Error(
        `${apply ? 'imported' : 'would import'} ${report.tickets.imported} of ${TICKETS}: ${JSON.stringify(report.tickets.rejected.slice(0, 3))}`,
      );
    return (performance.now() - started) / 1000;
  } finally {
    await source.close();
  }
};
const drySeconds = await timed(false);
const applySeconds = await timed(true);
clearInterval(sampler);
console.log(
  `${TICKETS} tickets from GLPI's database: dry run ${(TICKETS / drySeconds).toFixed(0)}/s, import ${(TICKETS / applySeconds).toFixed(0)}/s, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
);
console.log(
  JSON.stringify({
    tickets: TICKETS,
    dryRunPerSecond: Math.round(TICKETS / drySeconds),
    importPerSecond: Math.round(TICKETS / applySeconds),
    peakRssMiB: Math.round(peakRss / 2 ** 20),
  }),
);
await glpi.drop();
rmSync(filesDir, { recursive: true, force: true });
rmSync(attachmentsDir, { recursive: true, force: true });
await client.connection.close();
await close();
