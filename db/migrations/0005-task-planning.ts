import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.addColumn('ticket_tasks', 'planned_start', { type: DataTypes.DATE(3), allowNull: true });
  await q.addColumn('ticket_tasks', 'planned_end', { type: DataTypes.DATE(3), allowNull: true });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.sequelize.query('ALTER TABLE `ticket_tasks` DROP COLUMN `planned_start`, DROP COLUMN `planned_end`');
}
