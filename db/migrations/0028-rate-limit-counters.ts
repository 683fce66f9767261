import { DataTypes, type QueryInterface } from 'sequelize';

/** Request counters per client (address, user or API token) and window, shared by every API process. */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('rate_limit_counters', {
    counter_key: { type: DataTypes.STRING(191), allowNull: false, primaryKey: true },
    hits: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    reset_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('rate_limit_counters', ['reset_at']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('rate_limit_counters');
}
