// Restores a backup in place of the desk's data: `npm run restore -- <backup folder>`. Stop
// guichet's processes first (`npm run restore:cluster` does it for the cluster). Temporal's dev
// server, or the cluster's Temporal server, is stopped while its data is put back and started again; then the schema is brought to this code, the warehouse rebuilt from MariaDB and
// every ticket not closed started again from what MariaDB recorded, its clocks with it.
import { execFileSync } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { rebuildWarehouse } from '../analytics/warehouse-rebuild';
import { migrateClickhouse } from '../analytics/clickhouse-migrations';
import { backupManifestOf, restoreBackup } from '../backup/restore';
import { deskDataOf } from '../backup/desk-data';
import { config } from '../config/config';
import { createDatabaseIfMissing } from '../db/create-database';
import { mariadbMigrator } from '../db/migrate';
import { defineModels } from '../db/models';
import { connectDatabase } from '../db/sequelize';
import { restartOpenTicketWorkflows } from '../tickets/ticket-workflow-reconciler';

const from = process.argv[2];
if (!from) {
  console.error('usage: npm run restore -- <backup folder>');
  process.exit(2);
}
const data = deskDataOf(config);
await createDatabaseIfMissing(config.dbUrl);
const sequelize = connectDatabase(config.dbUrl, 2);
defineModels(sequelize);
try {
  // Every migration this code knows: the ones applied here and the ones still to apply.
  const manifest = await backupManifestOf(
    from,
    (await mariadbMigrator(sequelize).pending())
      .map((m) => m.name)
      .concat((await mariadbMigrator(sequelize).executed()).map((m) => m.name)),
  );
  const temporalServer = (command: 'up' | 'down') => {
    if (data.temporalDbFile) execFileSync('bash', ['scripts/services.sh', command, 'temporal'], { stdio: 'inherit' });
    else if (data.temporalPostgresUrl) execFileSync('bash', ['scripts/cluster.sh', 'temporal-server', command], { stdio: 'inherit' });
  };
  temporalServer('down');
  await restoreBackup(from, manifest, data);
  temporalServer('up');
  await mariadbMigrator(sequelize).up();
  const clickhouse = {
    url: config.clickhouseUrl,
    database: config.clickhouseDatabase,
    user: config.clickhouseUser,
    password: config.clickhousePassword,
  };
  await migrateClickhouse(clickhouse);
  const warehouse = await rebuildWarehouse(sequelize, clickhouse);
  const temporal = new Client({
    connection: await Connection.connect({ address: config.temporalAddress }),
    namespace: config.temporalNamespace,
  });
  const restarted = await restartOpenTicketWorkflows(temporal);
  await temporal.connection.close();
  console.log(
    `restored ${from} (backup of ${manifest.createdAt}): warehouse rebuilt (${JSON.stringify(warehouse)}), ${restarted} open tickets started again`,
  );
} finally {
  await sequelize.close();
}
