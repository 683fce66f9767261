import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.addColumn('tickets', 'reopen_count', { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, defaultValue: 0 });
  await q.sequelize.query(
    "UPDATE tickets SET reopen_count = (SELECT COUNT(*) FROM ticket_events e WHERE e.ticket_id = tickets.id AND e.action = 'refuse_solution')",
  );
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.sequelize.query('ALTER TABLE `tickets` DROP COLUMN `reopen_count`');
}
