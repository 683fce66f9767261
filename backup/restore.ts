import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BACKUP_FILES, runTool, type BackupManifest, type DeskData } from './backup';
import { mariadbClientOf } from './mariadb-client';
import { postgresClientOf, postgresDumpFile } from './postgres-client';

/** The backup's manifest, refused when this code does not know every migration its database went through. */
export async function backupManifestOf(from: string, knownMigrations: readonly string[]): Promise<BackupManifest> {
  const manifest = JSON.parse(await readFile(join(from, BACKUP_FILES.manifest), 'utf8')) as BackupManifest;
  if (manifest.format !== 1) throw new Error(`${from} is no guichet backup this version reads`);
  const unknown = manifest.migrations.filter((name) => !knownMigrations.includes(name));
  if (unknown.length > 0)
    throw new Error(`the backup comes from a newer guichet (migrations ${unknown.join(', ')}): restore it with that version or later`);
  return manifest;
}

/**
 * Puts a backup's data back in place of the desk's: the MariaDB database emptied and loaded from
 * the dump, Temporal's file or the cluster's Temporal databases (its server stopped), the
 * attachments' files. What comes after — the
 * schema brought up to this code, the warehouse rebuilt, the tickets' workflows started again from
 * MariaDB — is the caller's (`npm run restore` does it all).
 */
export async function restoreBackup(from: string, manifest: BackupManifest, data: DeskData): Promise<void> {
  const client = mariadbClientOf(data.dbUrl);
  await runTool(
    'mariadb',
    [
      ...client.args,
      '-e',
      `DROP DATABASE IF EXISTS \`${client.database}\`; CREATE DATABASE \`${client.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    ],
    { env: client.env },
  );
  await runTool('mariadb', [...client.args, client.database], { env: client.env, gunzipFrom: join(from, BACKUP_FILES.mariadb) });
  if (manifest.temporal && data.temporalDbFile !== null) {
    await mkdir(dirname(data.temporalDbFile), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) await rm(`${data.temporalDbFile}${suffix}`, { force: true });
    await copyFile(join(from, BACKUP_FILES.temporal), data.temporalDbFile);
  }
  if (data.temporalPostgresUrl !== null) {
    const client = postgresClientOf(data.temporalPostgresUrl);
    for (const database of manifest.temporalPostgres ?? [])
      await runTool(
        'pg_restore',
        [
          ...client.args,
          '--clean',
          '--if-exists',
          '--single-transaction',
          '--no-owner',
          '-d',
          database,
          join(from, postgresDumpFile(database)),
        ],
        { env: client.env },
      );
  }
  await rm(data.attachmentsDir, { recursive: true, force: true });
  await mkdir(data.attachmentsDir, { recursive: true });
  await runTool('tar', ['-xzf', join(from, BACKUP_FILES.attachments), '-C', data.attachmentsDir]);
}
