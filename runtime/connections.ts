import { Client, Connection } from '@temporalio/client';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Sequelize } from 'sequelize';
import { connectClickhouse } from '../analytics/clickhouse';
import type { Config } from '../config/config';
import { defineModels } from '../db/models';
import { connectDatabase } from '../db/sequelize';
import { tracedClientOptions } from '../tracing/temporal-tracing';
import { traceQueries } from '../tracing/traced-queries';

export interface Connections {
  sequelize: Sequelize;
  clickhouse: ClickHouseClient;
  temporal: Client;
  close(): Promise<void>;
}

// Once the Temporal server is back, the client reconnects within a second or two rather than after
// a backoff grown during the outage (gRPC's grows to two minutes).
const TEMPORAL_CHANNEL_ARGS = { 'grpc.initial_reconnect_backoff_ms': 250, 'grpc.max_reconnect_backoff_ms': 2_000 };

/** A connection to the Temporal server at `address` that comes back quickly after an outage. */
export const connectTemporal = (address: string): Promise<Connection> =>
  Connection.connect({ address, channelArgs: TEMPORAL_CHANNEL_ARGS });

/** Connects to MariaDB, ClickHouse and Temporal as configured. */
export async function openConnections(config: Config): Promise<Connections> {
  const sequelize = connectDatabase(config.dbUrl, config.dbPoolMax);
  defineModels(sequelize);
  if (config.tracesUrl) traceQueries(sequelize);
  const clickhouse = connectClickhouse({
    url: config.clickhouseUrl,
    database: config.clickhouseDatabase,
    user: config.clickhouseUser,
    password: config.clickhousePassword,
  });
  const connection = await connectTemporal(config.temporalAddress);
  const temporal = new Client({ connection, namespace: config.temporalNamespace, ...tracedClientOptions(config.tracesUrl !== null) });
  return {
    sequelize,
    clickhouse,
    temporal,
    async close() {
      await Promise.allSettled([sequelize.close(), clickhouse.close(), connection.close()]);
    },
  };
}
