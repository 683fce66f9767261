import { z } from 'zod';
import { USER_COLUMNS } from './glpi-user-export';

/** An import from GLPI's database: its address (`mysql://user:password@host:port/glpi`) and its files folder on this server. */
export const DatabaseImportBody = z.strictObject({
  url: z
    .string()
    .max(1000)
    .refine((value) => /^(mysql|mariadb):\/\/[^/]+\/[^/?#]+$/.test(value), 'an address mysql://user:password@host:port/database'),
  filesDir: z.string().min(1).max(1000),
  apply: z.boolean().default(false),
});
export type DatabaseImportBody = z.infer<typeof DatabaseImportBody>;

/** The fields sent before an export's file (multipart/form-data). */
export const ExportImportFields = z.strictObject({
  kind: z.enum(['tickets', 'users']),
  apply: z.enum(['true', 'false']).default('false'),
  /** For a users' file whose headers are not GLPI's: one `column=Header` per line. */
  map: z
    .string()
    .max(2000)
    .default('')
    .transform((text) =>
      text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(/^[a-z]+=.+$/, 'one column=Header per line')
          .refine(
            (pair) => (USER_COLUMNS as readonly string[]).includes(pair.slice(0, pair.indexOf('='))),
            `columns: ${USER_COLUMNS.join(', ')}`,
          ),
      ),
    ),
});
export type ExportImportFields = z.infer<typeof ExportImportFields>;

export const GlpiImportParams = z.object({ id: z.coerce.number().int().positive() });

const Rejected = z.object({ ref: z.union([z.number(), z.string()]).optional(), line: z.number().optional(), reason: z.string() });
const KindReport = z.object({ read: z.number(), imported: z.number(), skipped: z.number(), rejected: z.array(Rejected) });

/** An import as people follow it: where it is, and once finished what it did (or, a dry run, would do). */
export const GlpiImportView = z.object({
  id: z.number(),
  source: z.enum(['database', 'tickets', 'users']),
  /** The database's address without its password, or the file's name. */
  origin: z.string(),
  apply: z.boolean(),
  /** `stopped`: its process went away before it finished; what it imported stays, and running it again goes on from there. */
  status: z.enum(['running', 'done', 'failed', 'stopped']),
  stage: z.string(),
  done: z.number(),
  total: z.number(),
  report: z
    .union([
      z.object({
        entities: KindReport,
        categories: KindReport,
        groups: KindReport,
        users: KindReport,
        tickets: KindReport,
        missingFiles: z.array(z.object({ ticket: z.number(), document: z.number(), path: z.string() })),
      }),
      z.object({
        encoding: z.string(),
        read: z.number(),
        imported: z.number(),
        skipped: z.array(z.object({ line: z.number(), ref: z.union([z.number(), z.string()]), reason: z.string() })),
        rejected: z.array(Rejected),
      }),
    ])
    .nullable(),
  error: z.string().nullable(),
  startedBy: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type GlpiImportView = z.infer<typeof GlpiImportView>;
