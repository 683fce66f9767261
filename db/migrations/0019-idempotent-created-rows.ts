import { DataTypes, type QueryInterface } from 'sequelize';

/** The row a write sent with an Idempotency-Key created, recorded in that row's own transaction. */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.addColumn('idempotent_requests', 'created_id', { type: DataTypes.INTEGER.UNSIGNED, allowNull: true });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.removeColumn('idempotent_requests', 'created_id');
}
