import { DataTypes, type QueryInterface } from 'sequelize';

const ref = (table: string) => ({ type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: table, key: 'id' } });

export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('ticket_followups', {
    id: { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true },
    ticket_id: ref('tickets'),
    author_id: ref('users'),
    content: { type: DataTypes.TEXT, allowNull: false },
    private: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('ticket_followups', ['ticket_id', 'created_at']);
  await q.createTable('ticket_tasks', {
    id: { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true },
    ticket_id: ref('tickets'),
    author_id: ref('users'),
    content: { type: DataTypes.TEXT, allowNull: false },
    duration_minutes: { type: DataTypes.INTEGER.UNSIGNED, allowNull: true },
    state: { type: DataTypes.STRING(8), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('ticket_tasks', ['ticket_id', 'created_at']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('ticket_tasks');
  await q.dropTable('ticket_followups');
}
