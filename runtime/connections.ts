import { Client, Connection } from '@temporalio/client';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Sequelize } from 'sequelize';
import { connectClickhouse } from '../analytics/clickhouse';
import type { Config } from '../config/config';
import { defineModels } from '../db/models';
import { connectDatabase } from '../db/sequelize';

export interface Connections {
  sequelize: Sequelize;
  clickhouse: ClickHouseClient;
  temporal: Client;
  close(): Promise<void>;
}

/** Connects to MariaDB, ClickHouse and Temporal as configured. */
export async function openConnections(config: Config): Promise<Connections> {
  const sequelize = connectDatabase(config.dbUrl, config.dbPoolMax);
  defineModels(sequelize);
  const clickhouse = connectClickhouse({
    url: config.clickhouseUrl,
    database: config.clickhouseDatabase,
    user: config.clickhouseUser,
    password: config.clickhousePassword,
  });
  const connection = await Connection.connect({ address: config.temporalAddress });
  const temporal = new Client({ connection, namespace: config.temporalNamespace });
  return {
    sequelize,
    clickhouse,
    temporal,
    async close() {
      await Promise.allSettled([sequelize.close(), clickhouse.close(), connection.close()]);
    },
  };
}
