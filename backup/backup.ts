import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { mariadbClientOf } from './mariadb-client';
import { postgresClientOf, postgresDumpFile, TEMPORAL_POSTGRES_DATABASES } from './postgres-client';

/** Where the desk keeps what a backup takes. */
export interface DeskData {
  dbUrl: string;
  /** The Temporal dev server's SQLite file; null when Temporal runs elsewhere (its own backups apply). */
  temporalDbFile: string | null;
  /** The cluster's PostgreSQL holding the Temporal server's databases (`postgres://user:password@host:port`); null without a cluster. */
  temporalPostgresUrl: string | null;
  attachmentsDir: string;
}

export interface BackupManifest {
  format: 1;
  createdAt: string;
  database: string;
  /** The MariaDB migrations the dump holds, last one last: a restore needs code that knows them. */
  migrations: string[];
  temporal: boolean;
  /** The Temporal server's PostgreSQL databases the backup holds (none but on the cluster; absent from older backups). */
  temporalPostgres?: string[];
  attachments: number;
}

export const BACKUP_FILES = {
  manifest: 'manifest.json',
  mariadb: 'mariadb.sql.gz',
  temporal: 'temporal.db',
  attachments: 'attachments.tar.gz',
} as const;

/** Runs a command; with `gzipTo` its output is gzipped into that file, with `gunzipFrom` that file is its input; fails with its standard error. */
export async function runTool(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; gzipTo?: string; gunzipFrom?: string } = {},
): Promise<string> {
  const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  const output = options.gzipTo
    ? pipeline(child.stdout, createGzip(), createWriteStream(options.gzipTo))
    : child.stdout.forEach((chunk: Buffer) => void (out += chunk.toString()));
  const input = options.gunzipFrom
    ? pipeline(createReadStream(options.gunzipFrom), createGunzip(), child.stdin)
    : Promise.resolve(child.stdin.end());
  const [code] = await Promise.all([closed, output, input]);
  if (code !== 0) throw new Error(`${command} failed (${code}): ${err.trim().slice(0, 500)}`);
  return out;
}

// SQLite's online backup (through Python's sqlite3): a consistent copy of a file the server keeps writing.
const SQLITE_BACKUP =
  'import sqlite3, sys\nsource = sqlite3.connect(sys.argv[1])\ntarget = sqlite3.connect(sys.argv[2])\nsource.backup(target)\ntarget.close()\nsource.close()';

/** Copies a SQLite database consistently, while its server runs. */
export const copySqlite = (from: string, to: string) => runTool('python3', ['-c', SQLITE_BACKUP, from, to]);

/** Dumps the Temporal server's databases from the cluster's PostgreSQL, each in one consistent snapshot. */
async function dumpTemporalPostgres(url: string, out: string): Promise<string[]> {
  const client = postgresClientOf(url);
  for (const database of TEMPORAL_POSTGRES_DATABASES)
    await runTool('pg_dump', [...client.args, '-Fc', '-f', join(out, postgresDumpFile(database)), database], { env: client.env });
  return [...TEMPORAL_POSTGRES_DATABASES];
}

/**
 * Backs the desk up into the folder `out`, while it runs: Temporal's persistence first (an online
 * copy of the dev server's file, or a dump of the cluster's PostgreSQL), then MariaDB in one consistent transaction (`--single-transaction`), then the attachments'
 * files; MariaDB, taken last, is the truth a restore starts the tickets' workflows from. The
 * warehouse is not backed up: a restore rebuilds it from MariaDB.
 */
export async function createBackup(data: DeskData, out: string): Promise<BackupManifest> {
  await mkdir(out, { recursive: true });
  const temporal = data.temporalDbFile !== null && existsSync(data.temporalDbFile);
  if (temporal) await copySqlite(data.temporalDbFile!, join(out, BACKUP_FILES.temporal));
  const temporalPostgres = data.temporalPostgresUrl === null ? [] : await dumpTemporalPostgres(data.temporalPostgresUrl, out);
  const client = mariadbClientOf(data.dbUrl);
  const migrations = (
    await runTool('mariadb', [...client.args, '-N', '-B', '-e', 'SELECT name FROM SequelizeMeta ORDER BY name', client.database], {
      env: client.env,
    })
  )
    .split('\n')
    .filter(Boolean);
  await runTool('mariadb-dump', [...client.args, '--single-transaction', '--routines', '--triggers', '--hex-blob', client.database], {
    env: client.env,
    gzipTo: join(out, BACKUP_FILES.mariadb),
  });
  await mkdir(data.attachmentsDir, { recursive: true });
  await runTool('tar', ['-czf', join(out, BACKUP_FILES.attachments), '-C', data.attachmentsDir, '--exclude=./incoming', '.']);
  const manifest: BackupManifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    database: client.database,
    migrations,
    temporal,
    temporalPostgres,
    attachments: await countFiles(data.attachmentsDir),
  };
  await writeFile(join(out, BACKUP_FILES.manifest), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

async function countFiles(dir: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(dir, { recursive: true }))
    if ((await stat(join(dir, entry))).isFile() && !entry.startsWith('incoming')) count += 1;
  return count;
}
