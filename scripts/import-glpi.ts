// Imports GLPI's exports: `npm run import:glpi -- tickets <export.csv> --as <login> [--apply]` or
// `npm run import:glpi -- users <export.csv> [--map login=Matricule …] [--apply]`.
// Without --apply it is a dry run: the same report, nothing written.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { config } from '../config/config';
import { logger } from '../config/logger';
import { createGlpiImportService } from '../glpi-import/glpi-import.service';
import { USER_COLUMNS, type UserColumn } from '../glpi-import/glpi-user-export';
import { openConnections } from '../runtime/connections';
import { UserRow } from '../users/user.models';

const USAGE = `usage: npm run import:glpi -- tickets <export.csv> --as <login of the administrator importing> [--apply]
       npm run import:glpi -- users <export.csv> [--map <${USER_COLUMNS.join('|')}>=<header> …] [--apply]`;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { as: { type: 'string' }, map: { type: 'string', multiple: true, default: [] }, apply: { type: 'boolean', default: false } },
});
const [kind, file] = positionals;
const mapping: Record<string, string> = Object.fromEntries(
  values.map.map((pair): [string, string] => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);
const badColumn = Object.keys(mapping).find((column) => !USER_COLUMNS.includes(column as UserColumn));
if (!file || (kind !== 'tickets' && kind !== 'users') || (kind === 'tickets' && !values.as) || badColumn !== undefined) {
  console.error(badColumn === undefined ? USAGE : `--map: "${badColumn}" is none of ${USER_COLUMNS.join(', ')}`);
  process.exit(2);
}
const connections = await openConnections(config);
try {
  const importer = createGlpiImportService(connections);
  const bytes = await readFile(file);
  let report;
  if (kind === 'tickets') {
    const by = await UserRow.findOne({ where: { login: values.as! } });
    if (!by) {
      console.error(`--as: no user with the login "${values.as}"`);
      process.exit(2);
    }
    report = await importer.importTicketExport(bytes, { apply: values.apply, importedBy: by.id });
  } else {
    report = await importer.importUserExport(bytes, { apply: values.apply, mapping: mapping });
  }
  console.log(`${values.apply ? 'imported' : 'dry run, would import'}: ${report.imported} of ${report.read} ${kind} (${report.encoding})`);
  for (const skip of report.skipped) console.log(`line ${skip.line}: skipped, ${skip.ref} ${skip.reason}`);
  for (const reject of report.rejected) console.log(`line ${reject.line}: rejected, ${reject.reason}`);
} catch (error) {
  logger.error({ err: error }, 'GLPI import failed');
  process.exitCode = 1;
} finally {
  await connections.close();
}
