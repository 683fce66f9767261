import { DataTypes, type QueryInterface } from 'sequelize';

/** A ticket's number in the system it came from (`glpi:1234` for a ticket imported from GLPI), once per ticket. */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.addColumn('tickets', 'external_ref', { type: DataTypes.STRING(64), allowNull: true });
  await q.addIndex('tickets', ['external_ref'], { unique: true, name: 'tickets_external_ref' });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.removeIndex('tickets', 'tickets_external_ref');
  await q.removeColumn('tickets', 'external_ref');
}
