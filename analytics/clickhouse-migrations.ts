import type { ClickHouseClient } from '@clickhouse/client';
import { connectClickhouse, type ClickhouseSettings } from './clickhouse';

/**
 * The warehouse schema, in order. SQL that runs on ClickHouse 18.16 and 24.x alike.
 * ticket_events collapses a redelivered (ticket_id, seq) and every KPI query is written so that
 * a duplicate not yet merged away cannot change a figure (argMax, uniqExact, min/max per ticket).
 */
const MIGRATIONS: { name: string; sql: string }[] = [
  {
    name: '0001-ticket-events',
    sql: `CREATE TABLE IF NOT EXISTS ticket_events (
      ticket_id UInt32, seq UInt32, at DateTime, action String, actor_id UInt32,
      from_state String, to_state String, status String, ticket_type String, priority UInt8,
      category String, group_id UInt32, assignee_id UInt32, level UInt8, opened_at DateTime
    ) ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(at) ORDER BY (ticket_id, seq)`,
  },
  // The requester's satisfaction rating (1–5) on their `satisfaction` event; 0 on every other event.
  { name: '0002-satisfaction-rating', sql: 'ALTER TABLE ticket_events ADD COLUMN rating UInt8 DEFAULT 0' },
  // The SLA the ticket is held to (0 for none): SLA compliance counts only those tickets.
  { name: '0003-sla', sql: 'ALTER TABLE ticket_events ADD COLUMN sla_id UInt32 DEFAULT 0' },
  // Working minutes the ticket's TTR has stood still so far (pending, awaiting the requester).
  { name: '0004-waiting-minutes', sql: 'ALTER TABLE ticket_events ADD COLUMN waiting_minutes Float64 DEFAULT 0' },
];

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
    for (const migration of MIGRATIONS.filter((m) => !applied.has(m.name))) {
      await client.command({ query: migration.sql });
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
