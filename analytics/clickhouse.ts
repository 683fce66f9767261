import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import type { z } from 'zod';
import { inClientSpan } from '../tracing/spans';

export interface ClickhouseSettings {
  url: string;
  database: string;
  user: string;
  password: string;
}

/** A ClickHouse client on the warehouse database (or on `default`, to create it). */
export function connectClickhouse(settings: ClickhouseSettings, database = settings.database): ClickHouseClient {
  return createClient({
    url: settings.url,
    username: settings.user,
    password: settings.password,
    database,
    request_timeout: 10_000,
    // An idle socket is dropped well before the server's keep-alive timeout (3 s by default before
    // 23.11), and checked when taken, not only by a timer: on a loaded machine whose timers run late,
    // the client could otherwise reuse a socket the server had just closed (ECONNRESET).
    keep_alive: { idle_socket_ttl: 1_500, eagerly_destroy_stale_sockets: true },
    // Failures reach the caller, which logs them once with context; the client would log each again.
    log: { level: ClickHouseLogLevel.OFF },
    // 18.16 knows nothing of the settings newer clients send by default.
    clickhouse_settings: {},
  });
}

/** Quotes a string for ClickHouse SQL; 18.16 has no query parameters, so values are inlined escaped. */
export const quoteClickhouse = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The rows of `query`, parsed with `schema` (ClickHouse sends 64-bit numbers as strings). */
export async function queryRows<T>(clickhouse: ClickHouseClient, query: string, schema: z.ZodType<T>): Promise<T[]> {
  const rows = await inClientSpan('clickhouse SELECT', { 'db.system': 'clickhouse' }, async () =>
    (await clickhouse.query({ query, format: 'JSONEachRow' })).json(),
  );
  return schema.array().parse(rows);
}
