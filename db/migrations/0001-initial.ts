import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true };
const ref = (table: string, allowNull = false) => ({
  type: DataTypes.INTEGER.UNSIGNED,
  allowNull,
  references: { model: table, key: 'id' },
});
const at = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });
const stamps = { created_at: at(), updated_at: at() };

export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('support_groups', {
    id,
    name: { type: DataTypes.STRING(255), allowNull: false, unique: true },
    level: { type: DataTypes.TINYINT.UNSIGNED, allowNull: false },
    ...stamps,
  });
  await q.createTable('users', {
    id,
    login: { type: DataTypes.STRING(191), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(255), allowNull: false },
    email: { type: DataTypes.STRING(255), allowNull: true },
    profile: { type: DataTypes.STRING(32), allowNull: false },
    group_id: ref('support_groups', true),
    password_hash: { type: DataTypes.STRING(255), allowNull: false },
    ...stamps,
  });
  await q.createTable('auth_tokens', {
    id,
    token_hash: { type: DataTypes.CHAR(64), allowNull: false, unique: true },
    user_id: ref('users'),
    expires_at: at(),
    ...stamps,
  });
  await q.createTable('lifecycles', {
    id,
    key: { type: DataTypes.STRING(64), allowNull: false },
    version: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    definition: { type: DataTypes.TEXT('long'), allowNull: false },
    ...stamps,
  });
  await q.addIndex('lifecycles', ['key', 'version'], { unique: true });
  await q.createTable('tickets', {
    id,
    title: { type: DataTypes.STRING(255), allowNull: false },
    description: { type: DataTypes.TEXT, allowNull: false },
    type: { type: DataTypes.STRING(16), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    state: { type: DataTypes.STRING(64), allowNull: false },
    lifecycle_key: { type: DataTypes.STRING(64), allowNull: false },
    lifecycle_version: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    context: { type: DataTypes.TEXT, allowNull: false },
    urgency: { type: DataTypes.TINYINT.UNSIGNED, allowNull: false },
    impact: { type: DataTypes.TINYINT.UNSIGNED, allowNull: false },
    priority: { type: DataTypes.TINYINT.UNSIGNED, allowNull: false },
    category: { type: DataTypes.STRING(255), allowNull: true },
    requester_id: ref('users'),
    assignee_id: ref('users', true),
    group_id: ref('support_groups', true),
    level: { type: DataTypes.TINYINT.UNSIGNED, allowNull: false, defaultValue: 1 },
    source: { type: DataTypes.STRING(16), allowNull: false },
    location: { type: DataTypes.STRING(255), allowNull: true },
    seq: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    opened_at: at(),
    taken_into_account_at: at(true),
    resolved_at: at(true),
    closed_at: at(true),
    workflow_started_at: at(true),
    created_by: ref('users'),
    ...stamps,
  });
  await q.addIndex('tickets', ['status', 'id']);
  await q.addIndex('tickets', ['requester_id', 'id']);
  await q.addIndex('tickets', ['assignee_id', 'id']);
  await q.addIndex('tickets', ['group_id', 'id']);
  await q.addIndex('tickets', ['workflow_started_at', 'id']);
  await q.createTable('ticket_events', {
    id: { type: DataTypes.BIGINT.UNSIGNED, autoIncrement: true, primaryKey: true },
    ticket_id: ref('tickets'),
    seq: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    at: at(),
    actor_id: ref('users', true),
    action: { type: DataTypes.STRING(64), allowNull: false },
    from_state: { type: DataTypes.STRING(64), allowNull: true },
    to_state: { type: DataTypes.STRING(64), allowNull: false },
    data: { type: DataTypes.TEXT, allowNull: false },
  });
  await q.addIndex('ticket_events', ['ticket_id', 'seq'], { unique: true });
  await q.createTable('outbox', {
    id: { type: DataTypes.BIGINT.UNSIGNED, autoIncrement: true, primaryKey: true },
    ticket_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    seq: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    payload: { type: DataTypes.TEXT, allowNull: false },
    created_at: at(),
  });
  await q.addIndex('outbox', ['ticket_id', 'seq'], { unique: true });
  await q.createTable('idempotency_keys', {
    id,
    user_id: ref('users'),
    key: { type: DataTypes.STRING(255), allowNull: false },
    request_hash: { type: DataTypes.CHAR(64), allowNull: false },
    ticket_id: ref('tickets'),
    created_at: at(),
  });
  await q.addIndex('idempotency_keys', ['user_id', 'key'], { unique: true });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  for (const table of ['idempotency_keys', 'outbox', 'ticket_events', 'tickets', 'lifecycles', 'auth_tokens', 'users', 'support_groups']) {
    await q.dropTable(table);
  }
}
