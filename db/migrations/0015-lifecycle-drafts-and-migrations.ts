import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true };
const at = () => ({ type: DataTypes.DATE(3), allowNull: false });
const count = () => ({ type: DataTypes.INTEGER.UNSIGNED, allowNull: false, defaultValue: 0 });

/**
 * Process owners' drafts of lifecycle versions, and the migrations that move running tickets
 * from one published version to another.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('lifecycle_drafts', {
    id,
    key: { type: DataTypes.STRING(64), allowNull: false },
    based_on: { type: DataTypes.INTEGER.UNSIGNED, allowNull: true },
    definition: { type: DataTypes.TEXT('long'), allowNull: false },
    author_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'users', key: 'id' } },
    created_at: at(),
    updated_at: at(),
  });
  await q.addIndex('lifecycle_drafts', ['key', 'id']);
  await q.createTable('lifecycle_migrations', {
    id,
    key: { type: DataTypes.STRING(64), allowNull: false },
    from_version: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    to_version: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    mapping: { type: DataTypes.TEXT, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    total: count(),
    moved: count(),
    failed: count(),
    failures: { type: DataTypes.TEXT, allowNull: false },
    author_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'users', key: 'id' } },
    created_at: at(),
    updated_at: at(),
  });
  await q.addIndex('tickets', ['lifecycle_key', 'lifecycle_version', 'state']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.removeIndex('tickets', ['lifecycle_key', 'lifecycle_version', 'state']);
  await q.dropTable('lifecycle_migrations');
  await q.dropTable('lifecycle_drafts');
}
