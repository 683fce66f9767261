import { join } from 'node:path';
import type { Config } from '../config/config';
import type { DeskData } from './backup';

/**
 * Where this installation keeps its data: MariaDB, the attachments, and the Temporal dev server's
 * file when `npm start` runs one (no GUICHET_TEMPORAL_ADDRESS), or the cluster's PostgreSQL when
 * `scripts/cluster.sh` names it (GUICHET_TEMPORAL_POSTGRES_URL); a Temporal server elsewhere is
 * backed up by its own means.
 */
export const deskDataOf = (config: Pick<Config, 'dbUrl' | 'attachmentsDir'>): DeskData => ({
  dbUrl: config.dbUrl,
  attachmentsDir: config.attachmentsDir,
  temporalDbFile: process.env['GUICHET_TEMPORAL_ADDRESS']
    ? null
    : join(process.env['GUICHET_DATA_DIR'] ?? '.data', 'temporal', 'temporal.db'),
  temporalPostgresUrl: process.env['GUICHET_TEMPORAL_POSTGRES_URL'] || null,
});
