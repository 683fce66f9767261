import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { LineReport } from './injection-plan';
import type { MappingBody, MappingView, RunSummary, RunView } from './injection.schemas';

interface MappingRow {
  id: number;
  name: string;
  target: MappingView['target'];
  entity_id: number;
  field_separator: MappingView['separator'];
  encoding: MappingView['encoding'];
  date_format: MappingView['dateFormat'];
  decimal_separator: MappingView['decimalSeparator'];
  columns: string;
  identify: string;
  allow_create: number | boolean;
  allow_update: number | boolean;
  created_by: number;
  updated_at: Date;
}

const viewOf = (row: MappingRow): MappingView => ({
  id: row.id,
  name: row.name,
  target: row.target,
  entity: row.entity_id,
  separator: row.field_separator,
  encoding: row.encoding,
  dateFormat: row.date_format,
  decimalSeparator: row.decimal_separator,
  columns: JSON.parse(row.columns) as MappingView['columns'],
  identify: JSON.parse(row.identify) as string[],
  allowCreate: Boolean(row.allow_create),
  allowUpdate: Boolean(row.allow_update),
  createdBy: row.created_by,
  updatedAt: row.updated_at.toISOString(),
});

const columnsOf = (body: MappingBody) => [
  body.name,
  body.target,
  body.entity,
  body.separator,
  body.encoding,
  body.dateFormat,
  body.decimalSeparator,
  JSON.stringify(body.columns),
  JSON.stringify(body.identify),
  body.allowCreate,
  body.allowUpdate,
];
const COLUMNS =
  'name, target, entity_id, field_separator, encoding, date_format, decimal_separator, columns, identify, allow_create, allow_update';

/** The mappings of `entities`, by name. */
export async function mappingsOf(sequelize: Sequelize, entities: readonly number[]): Promise<MappingView[]> {
  if (entities.length === 0) return [];
  const rows = await sequelize.query<MappingRow>('SELECT * FROM injection_mappings WHERE entity_id IN (:entities) ORDER BY name', {
    replacements: { entities },
    type: QueryTypes.SELECT,
  });
  return rows.map(viewOf);
}

export async function mappingOf(sequelize: Sequelize, id: number): Promise<MappingView | undefined> {
  const [row] = await sequelize.query<MappingRow>('SELECT * FROM injection_mappings WHERE id = ?', {
    replacements: [id],
    type: QueryTypes.SELECT,
  });
  return row && viewOf(row);
}

/** True when another mapping than `except` has this name. */
export async function mappingNameTaken(sequelize: Sequelize, name: string, except = 0): Promise<boolean> {
  const rows = await sequelize.query('SELECT id FROM injection_mappings WHERE name = ? AND id <> ?', {
    replacements: [name, except],
    type: QueryTypes.SELECT,
  });
  return rows.length > 0;
}

export async function insertMapping(sequelize: Sequelize, body: MappingBody, by: number): Promise<number> {
  const [id] = await sequelize.query(
    `INSERT INTO injection_mappings (${COLUMNS}, created_by, created_at, updated_at)
     VALUES (${columnsOf(body)
       .map(() => '?')
       .join(', ')}, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
    { replacements: [...columnsOf(body), by], type: QueryTypes.INSERT },
  );
  return id;
}

export async function replaceMapping(sequelize: Sequelize, id: number, body: MappingBody): Promise<void> {
  await sequelize.query(
    `UPDATE injection_mappings SET ${COLUMNS.split(', ')
      .map((column) => `${column} = ?`)
      .join(', ')}, updated_at = UTC_TIMESTAMP(3) WHERE id = ?`,
    { replacements: [...columnsOf(body), id] },
  );
}

/** Deletes a mapping with its runs. */
export async function deleteMapping(sequelize: Sequelize, id: number): Promise<void> {
  await sequelize.query('DELETE FROM injection_mappings WHERE id = ?', { replacements: [id] });
}

interface RunRow {
  id: number;
  mapping_id: number;
  dry_run: number | boolean;
  file_name: string;
  line_count: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  rejected: number;
  report?: string;
  started_by: number;
  started_at: Date;
  duration_ms: number;
}

const summaryOf = (row: RunRow): RunSummary => ({
  id: row.id,
  mapping: row.mapping_id,
  dryRun: Boolean(row.dry_run),
  fileName: row.file_name,
  lines: row.line_count,
  created: row.created,
  updated: row.updated,
  unchanged: row.unchanged,
  skipped: row.skipped,
  rejected: row.rejected,
  startedBy: row.started_by,
  startedAt: row.started_at.toISOString(),
  durationMs: row.duration_ms,
});

/** Keeps a run's report; its id. */
export async function insertRun(sequelize: Sequelize, run: Omit<RunView, 'id'>, transaction?: Transaction): Promise<number> {
  const [id] = await sequelize.query(
    `INSERT INTO injection_runs (mapping_id, dry_run, file_name, line_count, created, updated, unchanged, skipped, rejected, report, started_by, started_at, duration_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    {
      replacements: [
        run.mapping,
        run.dryRun,
        run.fileName,
        run.lines,
        run.created,
        run.updated,
        run.unchanged,
        run.skipped,
        run.rejected,
        JSON.stringify(run.report),
        run.startedBy,
        new Date(run.startedAt),
        run.durationMs,
      ],
      type: QueryTypes.INSERT,
      transaction,
    },
  );
  return id;
}

/** A mapping's latest runs, newest first, without their reports. */
export async function runsOf(sequelize: Sequelize, mapping: number, limit: number): Promise<RunSummary[]> {
  const rows = await sequelize.query<RunRow>(
    `SELECT id, mapping_id, dry_run, file_name, line_count, created, updated, unchanged, skipped, rejected, started_by, started_at, duration_ms
       FROM injection_runs WHERE mapping_id = ? ORDER BY id DESC LIMIT ?`,
    { replacements: [mapping, limit], type: QueryTypes.SELECT },
  );
  return rows.map(summaryOf);
}

export async function runOf(sequelize: Sequelize, id: number): Promise<RunView | undefined> {
  const [row] = await sequelize.query<RunRow>('SELECT * FROM injection_runs WHERE id = ?', { replacements: [id], type: QueryTypes.SELECT });
  return row && { ...summaryOf(row), report: JSON.parse(row.report!) as LineReport[] };
}
