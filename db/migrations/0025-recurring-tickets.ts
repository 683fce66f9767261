import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Recurring tickets: a ticket to file again and again (every Monday at 08:00, the first of the
 * month…), each run by a Temporal schedule of the same id; the pause here is the one that counts.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('recurring_tickets', {
    id: { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true },
    name: { type: DataTypes.STRING(255), allowNull: false },
    entity_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'entities', key: 'id' } },
    ticket: { type: DataTypes.TEXT, allowNull: false },
    schedule: { type: DataTypes.TEXT, allowNull: false },
    timezone: { type: DataTypes.STRING(64), allowNull: false },
    paused: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    created_by: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'users', key: 'id' } },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('recurring_tickets');
}
