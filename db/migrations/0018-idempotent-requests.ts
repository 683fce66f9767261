import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Writes sent with an Idempotency-Key: one row per caller and key, holding the first outcome so a
 * retry gets it again instead of acting twice.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('idempotent_requests', {
    user_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, primaryKey: true },
    idempotency_key: { type: DataTypes.STRING(255), allowNull: false, primaryKey: true },
    request_hash: { type: DataTypes.CHAR(64), allowNull: false },
    // running: a process is on it until lease_until; accepted: a workflow took it and records it;
    // done: the outcome below is final.
    state: { type: DataTypes.ENUM('running', 'accepted', 'done'), allowNull: false },
    lease_until: { type: DataTypes.DATE(3), allowNull: false },
    status: { type: DataTypes.SMALLINT.UNSIGNED, allowNull: true },
    etag: { type: DataTypes.STRING(64), allowNull: true },
    body: { type: DataTypes.TEXT('medium'), allowNull: true },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    // The row the request created, written in that row's own transaction (see createOnce).
    created_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: true },
  });
  await q.addIndex('idempotent_requests', ['expires_at']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('idempotent_requests');
}
