// Imports GLPI's ticket-list export: `npm run import:glpi -- <export.csv> --as <login> [--apply]`.
// Without --apply it is a dry run: the same report, nothing written.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { logger } from '../config/logger';
import { createGlpiImportService } from '../glpi-import/glpi-import.service';
import { openConnections } from '../runtime/connections';
import { config } from '../config/config';
import { UserRow } from '../users/user.models';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { as: { type: 'string' }, apply: { type: 'boolean', default: false } },
});
const [file] = positionals;
if (!file || !values.as) {
  console.error('usage: npm run import:glpi -- <export.csv> --as <login of the administrator importing> [--apply]');
  process.exit(2);
}
const connections = await openConnections(config);
try {
  const importer = await UserRow.findOne({ where: { login: values.as } });
  if (!importer) throw new Error(`no user with the login "${values.as}"`);
  const report = await createGlpiImportService(connections).importTicketExport(await readFile(file), {
    apply: values.apply,
    importedBy: importer.id,
  });
  console.log(`${values.apply ? 'imported' : 'dry run, would import'}: ${report.imported} of ${report.read} tickets (${report.encoding})`);
  for (const skip of report.skipped) console.log(`line ${skip.line}: skipped, ticket ${skip.ref} ${skip.reason}`);
  for (const reject of report.rejected) console.log(`line ${reject.line}: rejected, ${reject.reason}`);
} catch (error) {
  logger.error({ err: error }, 'GLPI import failed');
  process.exitCode = 1;
} finally {
  await connections.close();
}
