// Imports from an old GLPI:
//   npm run import:glpi -- database <mysql://user:password@host:port/glpi> --files <GLPI's files folder> --as <login> [--apply]
//   npm run import:glpi -- tickets <export.csv> --as <login> [--apply]
//   npm run import:glpi -- users <export.csv> [--map login=Matricule …] [--apply]
// Without --apply it is a dry run: the same report, nothing written.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fileAttachmentStorage } from '../attachments/attachment-storage';
import { config } from '../config/config';
import { logger } from '../config/logger';
import { openGlpiDatabase } from '../glpi-import/glpi-database.repository';
import { createGlpiDatabaseImportService, type DatabaseImportReport } from '../glpi-import/glpi-database-import.service';
import { createGlpiImportService, type ImportReport } from '../glpi-import/glpi-import.service';
import { USER_COLUMNS, type UserColumn } from '../glpi-import/glpi-user-export';
import { openConnections } from '../runtime/connections';
import { UserRow } from '../users/user.models';

const USAGE = `usage: npm run import:glpi -- database <mysql://user:password@host:port/glpi> --files <GLPI's files folder> --as <login> [--apply]
       npm run import:glpi -- tickets <export.csv> --as <login of the administrator importing> [--apply]
       npm run import:glpi -- users <export.csv> [--map <${USER_COLUMNS.join('|')}>=<header> …] [--apply]`;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    as: { type: 'string' },
    files: { type: 'string' },
    map: { type: 'string', multiple: true, default: [] },
    apply: { type: 'boolean', default: false },
  },
});
const [kind, source] = positionals;
const mapping: Record<string, string> = Object.fromEntries(
  values.map.map((pair): [string, string] => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);
const badColumn = Object.keys(mapping).find((column) => !USER_COLUMNS.includes(column as UserColumn));
const complete =
  source !== undefined && (kind === 'users' || (kind === 'tickets' && values.as) || (kind === 'database' && values.as && values.files));
if (!complete || badColumn !== undefined) {
  console.error(badColumn === undefined ? USAGE : `--map: "${badColumn}" is none of ${USER_COLUMNS.join(', ')}`);
  process.exit(2);
}
const verb = values.apply ? 'imported' : 'dry run, would import';

function printExportReport(report: ImportReport) {
  console.log(`${verb}: ${report.imported} of ${report.read} ${kind} (${report.encoding})`);
  for (const skip of report.skipped) console.log(`line ${skip.line}: skipped, ${skip.ref} ${skip.reason}`);
  for (const reject of report.rejected) console.log(`line ${reject.line}: rejected, ${reject.reason}`);
}

function printDatabaseReport(report: DatabaseImportReport) {
  for (const kind of ['entities', 'categories', 'groups', 'users', 'tickets'] as const) {
    const part = report[kind];
    console.log(`${kind}: ${verb} ${part.imported} of ${part.read}, ${part.skipped} already here, ${part.rejected.length} rejected`);
    for (const reject of part.rejected) console.log(`  ${kind} ${reject.ref}: rejected, ${reject.reason}`);
  }
  for (const missing of report.missingFiles)
    console.log(`  ticket ${missing.ticket}: document ${missing.document} has no file at ${missing.path}, imported without it`);
}

const connections = await openConnections(config);
try {
  const importer = values.as ? await UserRow.findOne({ where: { login: values.as } }) : null;
  if (values.as && !importer) {
    console.error(`--as: no user with the login "${values.as}"`);
    process.exit(2);
  }
  if (kind === 'database') {
    const glpi = await openGlpiDatabase(source);
    try {
      const service = createGlpiDatabaseImportService({ ...connections, storage: fileAttachmentStorage(config.attachmentsDir) });
      const report = await service.importDatabase(glpi, {
        apply: values.apply,
        importedBy: importer!.id,
        filesDir: values.files!,
        onProgress: ({ stage, done, total }) => process.stderr.write(`\r${stage}: ${done} of ${total} tickets read   `),
      });
      process.stderr.write('\n');
      printDatabaseReport(report);
    } finally {
      await glpi.close();
    }
  } else {
    const service = createGlpiImportService(connections);
    const bytes = await readFile(source);
    printExportReport(
      kind === 'tickets'
        ? await service.importTicketExport(bytes, { apply: values.apply, importedBy: importer!.id })
        : await service.importUserExport(bytes, { apply: values.apply, mapping }),
    );
  }
} catch (error) {
  logger.error({ err: error }, 'GLPI import failed');
  process.exitCode = 1;
} finally {
  await connections.close();
}
