import { stat } from 'node:fs/promises';
import type { Client } from '@temporalio/client';
import type { Sequelize } from 'sequelize';
import { fileAttachmentStorage } from '../attachments/attachment-storage';
import { logger } from '../config/logger';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors';
import { bytesOfUpload, type Upload } from '../core/file-transfer';
import type { CurrentUser } from '../users/user';
import { openGlpiDatabase, type GlpiDatabase } from './glpi-database.repository';
import { createGlpiDatabaseImportService } from './glpi-database-import.service';
import { createGlpiImportService } from './glpi-import.service';
import { GlpiImportRow } from './glpi-import-job.models';
import type { DatabaseImportBody, ExportImportFields, GlpiImportView } from './glpi-import-job.schemas';
import type { UserColumn } from './glpi-user-export';

// An import not heard of for this long died with the process that ran it.
const STALE_AFTER_MS = 60_000;
const BEAT_MS = 1_000;
const EXPORT_LIMIT_BYTES = 256 * 2 ** 20;

const viewOf = (row: GlpiImportRow): GlpiImportView => ({
  id: row.id,
  source: row.source,
  origin: row.origin,
  apply: row.apply,
  status: row.status === 'running' && Date.now() - row.updated_at.getTime() > STALE_AFTER_MS ? 'stopped' : row.status,
  stage: row.stage,
  done: row.done,
  total: row.total,
  report: row.report === null ? null : (JSON.parse(row.report) as GlpiImportView['report']),
  error: row.error,
  startedBy: row.started_by,
  startedAt: row.started_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
});

// A database's address as people may see it: without its password.
function originOf(url: string): string {
  const where = new URL(url);
  where.password = '';
  return where.toString();
}

/**
 * Imports from GLPI started by an administrator and followed on screen: one at a time, run in the
 * background by the API process that took it, its progress and then its report kept in MariaDB.
 * An import whose process went away shows as stopped; what it wrote stays, and running it again
 * goes on from there (what was imported is skipped).
 */
export function createGlpiImportJobService({
  sequelize,
  temporal,
  attachmentsDir,
}: {
  sequelize: Sequelize;
  temporal: Client;
  attachmentsDir: string;
}) {
  const exports = createGlpiImportService({ sequelize, temporal });
  const database = createGlpiDatabaseImportService({ sequelize, temporal, storage: fileAttachmentStorage(attachmentsDir) });

  async function refuseIfRunning(): Promise<void> {
    const running = await GlpiImportRow.findOne({ where: { status: 'running' } });
    if (!running) return;
    if (Date.now() - running.updated_at.getTime() < STALE_AFTER_MS)
      throw new ConflictError('import_running', `Import ${running.id} is still running; wait for it to finish`, { import: running.id });
    await running.update({ status: 'failed', error: 'stopped with the process that ran it' });
  }

  // Runs the import, writing its progress every second (which also tells it is alive), then its report.
  function runInBackground(
    row: GlpiImportRow,
    work: (progress: (stage: string, done: number, total: number) => void) => Promise<unknown>,
  ): void {
    let progress = { stage: row.stage, done: 0, total: 0 };
    let writing: Promise<unknown> = Promise.resolve();
    const write = (fields: Partial<GlpiImportRow>) =>
      (writing = writing
        .then(() => row.update({ ...fields, updated_at: new Date() }))
        .catch((error: unknown) => logger.warn({ err: error, import: row.id }, 'import progress not written')));
    const beat = setInterval(() => void write(progress), BEAT_MS);
    work((stage, done, total) => (progress = { stage, done, total }))
      .then((report) => {
        clearInterval(beat);
        return write({ ...progress, stage: 'done', status: 'done', report: JSON.stringify(report), finished_at: new Date() });
      })
      .catch((error: unknown) => {
        clearInterval(beat);
        logger.error({ err: error, import: row.id }, 'GLPI import failed');
        const message = error instanceof Error ? error.message.slice(0, 500) : 'the import failed';
        return write({ ...progress, status: 'failed', error: message, finished_at: new Date() });
      });
  }

  const started = (user: CurrentUser, source: GlpiImportRow['source'], origin: string, apply: boolean) =>
    GlpiImportRow.create({
      source,
      origin: origin.slice(0, 255),
      apply,
      status: 'running',
      stage: 'reading',
      done: 0,
      total: 0,
      report: null,
      error: null,
      started_by: user.id,
      started_at: new Date(),
      updated_at: new Date(),
      finished_at: null,
    });

  return {
    /** Starts an import from GLPI's database (a dry run unless `apply`) once it answers; its progress is read with `get`. */
    async startDatabase(user: CurrentUser, body: DatabaseImportBody): Promise<GlpiImportView> {
      const folder = await stat(body.filesDir).catch(() => null);
      if (!folder?.isDirectory()) throw new ValidationError({ filesDir: 'no such folder on the server' });
      await refuseIfRunning();
      let glpi: GlpiDatabase;
      try {
        glpi = await openGlpiDatabase(body.url.replace(/^mariadb:/, 'mysql:'));
        await glpi.ticketCount();
      } catch (error) {
        throw new ValidationError({ url: `GLPI's database cannot be read: ${(error as Error).message}` });
      }
      const row = await started(user, 'database', originOf(body.url), body.apply);
      runInBackground(row, (progress) =>
        database
          .importDatabase(glpi, {
            apply: body.apply,
            importedBy: user.id,
            filesDir: body.filesDir,
            onProgress: ({ stage, done, total }) => progress(stage, done, total),
          })
          .finally(() => glpi.close()),
      );
      return viewOf(row);
    },

    /** Starts an import of GLPI's ticket-list or user-list export (a dry run unless `apply`). */
    async startExport(user: CurrentUser, fields: ExportImportFields, upload: Upload): Promise<GlpiImportView> {
      const bytes = await bytesOfUpload(upload.content, EXPORT_LIMIT_BYTES, 'An export');
      await refuseIfRunning();
      const apply = fields.apply === 'true';
      const row = await started(user, fields.kind, upload.name, apply);
      const mapping = Object.fromEntries(
        fields.map.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
      ) as Partial<Record<UserColumn, string>>;
      runInBackground(row, () =>
        fields.kind === 'tickets'
          ? exports.importTicketExport(bytes, { apply, importedBy: user.id })
          : exports.importUserExport(bytes, { apply, mapping }),
      );
      return viewOf(row);
    },

    async get(id: number): Promise<GlpiImportView> {
      const row = await GlpiImportRow.findByPk(id);
      if (!row) throw new NotFoundError(`Import ${id}`);
      return viewOf(row);
    },

    /** The latest imports, newest first. */
    async list(): Promise<GlpiImportView[]> {
      return (await GlpiImportRow.findAll({ order: [['id', 'DESC']], limit: 20 })).map(viewOf);
    },
  };
}

export type GlpiImportJobService = ReturnType<typeof createGlpiImportJobService>;
