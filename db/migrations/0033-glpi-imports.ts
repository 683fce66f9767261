import { DataTypes, type QueryInterface } from 'sequelize';

/** Imports from GLPI started from the administration screen: what they read, how far they got, what they did. */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('glpi_imports', {
    id: { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true },
    source: { type: DataTypes.STRING(16), allowNull: false },
    /** What was read, shown to people: a database's address without its password, or a file's name. */
    origin: { type: DataTypes.STRING(255), allowNull: false },
    apply: { type: DataTypes.BOOLEAN, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    stage: { type: DataTypes.STRING(16), allowNull: false },
    done: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    total: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    report: { type: DataTypes.TEXT('long'), allowNull: true },
    error: { type: DataTypes.TEXT, allowNull: true },
    started_by: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'users', key: 'id' } },
    started_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
    finished_at: { type: DataTypes.DATE(3), allowNull: true },
  });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('glpi_imports');
}
