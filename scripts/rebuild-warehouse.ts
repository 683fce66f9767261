// Rebuilds the ClickHouse warehouse from MariaDB's history: `npm run warehouse:rebuild`.
import { rebuildWarehouse } from '../analytics/warehouse-rebuild';
import { config } from '../config/config';
import { logger } from '../config/logger';
import { connectDatabase } from '../db/sequelize';

const sequelize = connectDatabase(config.dbUrl, 2);
try {
  const started = Date.now();
  const result = await rebuildWarehouse(sequelize, {
    url: config.clickhouseUrl,
    database: config.clickhouseDatabase,
    user: config.clickhouseUser,
    password: config.clickhousePassword,
  });
  logger.info({ ...result, seconds: (Date.now() - started) / 1000 }, 'warehouse rebuilt from the history');
} finally {
  await sequelize.close();
}
