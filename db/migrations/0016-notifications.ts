import { DataTypes, type QueryInterface } from 'sequelize';

/** In-app notifications, written by lifecycle states' `notify` effects: one per user, ticket event and effect. */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('notifications', {
    id: { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true },
    user_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'users', key: 'id' } },
    ticket_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'tickets', key: 'id' } },
    seq: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    effect: { type: DataTypes.TINYINT.UNSIGNED, allowNull: false },
    message_fr: { type: DataTypes.STRING(600), allowNull: false },
    message_en: { type: DataTypes.STRING(600), allowNull: false },
    read_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  // A retried effect notifies nobody twice.
  await q.addIndex('notifications', ['user_id', 'ticket_id', 'seq', 'effect'], { unique: true });
  await q.addIndex('notifications', ['user_id', 'id']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('notifications');
}
