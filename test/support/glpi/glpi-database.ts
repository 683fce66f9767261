import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mariadb';
import { TEST_DB_URL } from '../test-settings';

/** A row to insert: column → value. */
export type GlpiRow = Record<string, string | number | null>;

/**
 * A GLPI 10 database of its own on the server of `serverUrl` (with its account), holding
 * GLPI's tables with GLPI's columns and the rows GLPI ships (root entity, profiles, request types).
 */
export async function createGlpiDatabase(serverUrl = TEST_DB_URL) {
  const name = `guichet_glpi_${randomUUID().slice(0, 8)}`;
  const where = new URL(serverUrl);
  const settings = { host: where.hostname, port: Number(where.port || 3306), user: where.username, password: where.password };
  const admin = await createConnection(settings);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const db: Connection = await createConnection({ ...settings, database: name, multipleStatements: true });
  await db.query("SET time_zone = '+00:00'");
  await db.query(readFileSync(join(import.meta.dirname, 'glpi10-tables.sql'), 'utf8'));

  // Rows of the same columns go in one batch.
  async function insert(table: string, rows: GlpiRow[]): Promise<void> {
    const batches = new Map<string, GlpiRow[]>();
    for (const row of rows) {
      const key = Object.keys(row).join(',');
      const batch = batches.get(key);
      if (batch) batch.push(row);
      else batches.set(key, [row]);
    }
    for (const [key, batch] of batches) {
      const columns = key.split(',');
      const sql = `INSERT INTO \`${table}\` (${columns.map((column) => `\`${column}\``).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      await db.batch(
        sql,
        batch.map((row) => Object.values(row)),
      );
    }
  }

  await insert('glpi_entities', [{ id: 0, name: 'Entité racine', entities_id: null, completename: 'Entité racine', level: 1 }]);
  await insert(
    'glpi_profiles',
    ['Self-Service', 'Observer', 'Admin', 'Super-Admin', 'Hotliner', 'Technician', 'Supervisor', 'Read-Only'].map((profile, index) => ({
      id: index + 1,
      name: profile,
      interface: index === 0 ? 'helpdesk' : 'central',
    })),
  );
  await insert(
    'glpi_requesttypes',
    ['Helpdesk', 'E-Mail', 'Phone', 'Direct', 'Written', 'Other'].map((type, index) => ({ id: index + 1, name: type })),
  );

  return {
    /** `mysql://…` for the importer. */
    url: `mysql://${where.username}:${where.password}@${where.hostname}:${settings.port}/${name}`,
    insert,
    /** The tables' content checksums, to tell whether anything in them changed. */
    async checksums(): Promise<unknown[]> {
      return db.query('CHECKSUM TABLE glpi_tickets, glpi_users, glpi_logs, glpi_itilfollowups, glpi_documents, glpi_entities');
    },
    async drop(): Promise<void> {
      await db.end();
      await admin.query(`DROP DATABASE \`${name}\``);
      await admin.end();
    },
  };
}
