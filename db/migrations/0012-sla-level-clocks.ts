import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  // Per support level clocks (OLA), JSON: [{ level, ttoMinutes, ttrMinutes }].
  await q.addColumn('slas', 'level_clocks', { type: DataTypes.TEXT, allowNull: false, defaultValue: '[]' });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.sequelize.query('ALTER TABLE `slas` DROP COLUMN `level_clocks`');
}
