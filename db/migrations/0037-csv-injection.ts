import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true };
const ref = (table: string, allowNull = true) => ({ type: DataTypes.INTEGER.UNSIGNED, allowNull, references: { model: table, key: 'id' } });
const at = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });

/**
 * CSV injection: the saved mappings (which column fills which field of which kind of item, what
 * identifies an existing one, how the file is written) and the runs of each, dry or real, with
 * their per-line report.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('injection_mappings', {
    id,
    name: { type: DataTypes.STRING(255), allowNull: false, unique: true },
    // computer, monitor, user or licence.
    target: { type: DataTypes.STRING(20), allowNull: false },
    entity_id: ref('entities', false),
    field_separator: { type: DataTypes.STRING(1), allowNull: false },
    encoding: { type: DataTypes.STRING(20), allowNull: false },
    date_format: { type: DataTypes.STRING(20), allowNull: false },
    decimal_separator: { type: DataTypes.STRING(1), allowNull: false },
    // JSON: [{ header, field }], in the order shown.
    columns: { type: DataTypes.TEXT, allowNull: false },
    // JSON: the fields whose values, together, find the existing item.
    identify: { type: DataTypes.TEXT, allowNull: false },
    allow_create: { type: DataTypes.BOOLEAN, allowNull: false },
    allow_update: { type: DataTypes.BOOLEAN, allowNull: false },
    created_by: ref('users', false),
    created_at: at(),
    updated_at: at(),
  });
  await q.createTable('injection_runs', {
    id,
    mapping_id: { ...ref('injection_mappings', false), onDelete: 'CASCADE' },
    dry_run: { type: DataTypes.BOOLEAN, allowNull: false },
    file_name: { type: DataTypes.STRING(255), allowNull: false },
    line_count: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    created: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    updated: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    unchanged: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    skipped: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    rejected: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    // JSON: what became of each line.
    report: { type: DataTypes.TEXT('medium'), allowNull: false },
    started_by: ref('users', false),
    started_at: at(),
    duration_ms: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
  });
  await q.addIndex('injection_runs', ['mapping_id', 'id']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('injection_runs');
  await q.dropTable('injection_mappings');
}
