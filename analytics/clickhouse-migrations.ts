import type { ClickHouseClient } from '@clickhouse/client';
import { connectClickhouse, type ClickhouseSettings } from './clickhouse';
import { WAREHOUSE_MIGRATIONS } from './warehouse-schema';

async function appliedNames(client: ClickHouseClient): Promise<Set<string>> {
  await client.command({
    query: 'CREATE TABLE IF NOT EXISTS schema_migrations (name String, applied_at DateTime) ENGINE = MergeTree ORDER BY name',
  });
  const rows = await (await client.query({ query: 'SELECT name FROM schema_migrations', format: 'JSONEachRow' })).json<{ name: string }>();
  return new Set(rows.map((r) => r.name));
}

/** Creates the warehouse database if needed and applies the migrations it has not seen. */
export async function migrateClickhouse(settings: ClickhouseSettings): Promise<void> {
  const admin = connectClickhouse(settings, 'default');
  await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${settings.database}` });
  await admin.close();
  const client = connectClickhouse(settings);
  try {
    const applied = await appliedNames(client);
    for (const migration of WAREHOUSE_MIGRATIONS.filter((m) => !applied.has(m.name))) {
      for (const statement of migration.statements) await client.command({ query: statement });
      await client.insert({
        table: 'schema_migrations',
        values: [{ name: migration.name, applied_at: Math.floor(Date.now() / 1000) }],
        format: 'JSONEachRow',
      });
    }
  } finally {
    await client.close();
  }
}
