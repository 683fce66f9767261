// Backs the desk up while it runs: `npm run backup -- [<folder>]` (default backups/guichet-<time>).
// MariaDB (one consistent transaction), the local Temporal dev server's file, the attachments'
// files and a manifest; the warehouse is rebuilt from MariaDB on restore rather than kept.
import { join } from 'node:path';
import { createBackup } from '../backup/backup';
import { deskDataOf } from '../backup/desk-data';
import { config } from '../config/config';

const out = process.argv[2] ?? join('backups', `guichet-${new Date().toISOString().replace(/[:.]/g, '-')}`);
const manifest = await createBackup(deskDataOf(config), out);
console.log(
  `backup in ${out}: MariaDB ${manifest.database} at migration ${manifest.migrations.at(-1)}, ${manifest.temporal ? "Temporal's file" : manifest.temporalPostgres?.length ? `Temporal's PostgreSQL databases (${manifest.temporalPostgres.join(', ')})` : 'no Temporal data'}, ${manifest.attachments} attachment files`,
);
