// Brings MariaDB and ClickHouse to the current schema. Safe to run at every start.
import { migrateClickhouse } from '../analytics/clickhouse-migrations';
import { config } from '../config/config';
import { logger } from '../config/logger';
import { createDatabaseIfMissing } from '../db/create-database';
import { mariadbMigrator } from '../db/migrate';
import { connectDatabase } from '../db/sequelize';

await createDatabaseIfMissing(config.dbUrl);
const sequelize = connectDatabase(config.dbUrl, 2);
const applied = await mariadbMigrator(sequelize).up();
await sequelize.close();
await migrateClickhouse({
  url: config.clickhouseUrl,
  database: config.clickhouseDatabase,
  user: config.clickhouseUser,
  password: config.clickhousePassword,
});
logger.info({ mariadb: applied.map((m) => m.name) }, 'migrations applied');
