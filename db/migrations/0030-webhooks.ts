import { DataTypes, type QueryInterface } from 'sequelize';

/** Webhook subscriptions (each reads the change feed from its cursor) and the log of their deliveries. */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('webhooks', {
    id: { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true },
    owner_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'users', key: 'id' } },
    token_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: true },
    url: { type: DataTypes.STRING(2048), allowNull: false },
    events: { type: DataTypes.TEXT, allowNull: false },
    filters: { type: DataTypes.TEXT, allowNull: false },
    secret: { type: DataTypes.STRING(80), allowNull: false },
    previous_secret: { type: DataTypes.STRING(80), allowNull: true },
    previous_secret_until: { type: DataTypes.DATE(3), allowNull: true },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false },
    disabled_reason: { type: DataTypes.STRING(255), allowNull: true },
    cursor: { type: DataTypes.BIGINT.UNSIGNED, allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.createTable('webhook_deliveries', {
    id: { type: DataTypes.BIGINT.UNSIGNED, autoIncrement: true, primaryKey: true },
    webhook_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'webhooks', key: 'id' }, onDelete: 'CASCADE' },
    message_id: { type: DataTypes.STRING(64), allowNull: false },
    position: { type: DataTypes.BIGINT.UNSIGNED, allowNull: false },
    type: { type: DataTypes.STRING(40), allowNull: false },
    ticket_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    attempt: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    manual: { type: DataTypes.BOOLEAN, allowNull: false },
    status: { type: DataTypes.SMALLINT.UNSIGNED, allowNull: true },
    delivered: { type: DataTypes.BOOLEAN, allowNull: false },
    error: { type: DataTypes.STRING(255), allowNull: true },
    answer_head: { type: DataTypes.STRING(512), allowNull: true },
    duration_ms: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('webhook_deliveries', ['webhook_id', 'id']);
  await q.addIndex('webhook_deliveries', ['webhook_id', 'message_id']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('webhook_deliveries');
  await q.dropTable('webhooks');
}
