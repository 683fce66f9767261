import { DataTypes, type QueryInterface } from 'sequelize';

/** A category's ticket template (JSON): what the requester's form fills in, asks for and leaves out for it. */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.addColumn('categories', 'ticket_template', { type: DataTypes.TEXT, allowNull: true });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.removeColumn('categories', 'ticket_template');
}
