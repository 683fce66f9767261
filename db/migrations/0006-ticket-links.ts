import { DataTypes, type QueryInterface } from 'sequelize';

const ticket = () => ({ type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'tickets', key: 'id' } });

export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  // Stored one way: `from` duplicates / is the parent of / is related to `to`.
  await q.createTable('ticket_links', {
    id: { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true },
    from_ticket_id: ticket(),
    to_ticket_id: ticket(),
    kind: { type: DataTypes.STRING(16), allowNull: false },
    created_by: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'users', key: 'id' } },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('ticket_links', ['from_ticket_id', 'to_ticket_id', 'kind'], { unique: true });
  await q.addIndex('ticket_links', ['to_ticket_id', 'kind']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('ticket_links');
}
