import { connectDatabase } from './sequelize';

/** Creates the database named in `url` if it does not exist yet. */
export async function createDatabaseIfMissing(url: string): Promise<void> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  if (!/^\w+$/.test(name)) throw new Error(`The database name in GUICHET_DB_URL must be letters, digits or _, got "${name}"`);
  parsed.pathname = '/';
  const server = connectDatabase(parsed.toString(), 1);
  try {
    await server.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await server.close();
  }
}
