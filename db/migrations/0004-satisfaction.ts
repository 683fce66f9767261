import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('ticket_satisfactions', {
    // One answer per ticket: the key makes a second one impossible, even from concurrent requests.
    ticket_id: { type: DataTypes.INTEGER.UNSIGNED, primaryKey: true, references: { model: 'tickets', key: 'id' } },
    requester_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'users', key: 'id' } },
    rating: { type: DataTypes.TINYINT.UNSIGNED, allowNull: false },
    comment: { type: DataTypes.TEXT, allowNull: true },
    answered_at: { type: DataTypes.DATE(3), allowNull: false },
  });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('ticket_satisfactions');
}
