import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true };
const ref = (table: string, allowNull = true) => ({ type: DataTypes.INTEGER.UNSIGNED, allowNull, references: { model: table, key: 'id' } });
const textOf = (length: number, allowNull = true) => ({ type: DataTypes.STRING(length), allowNull });
const at = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });

/**
 * The assets of the inventory (computers first; monitors, printers, phones and network devices share
 * the table, told apart by `kind`) and what it knows of them: their software, their network cards'
 * addresses (what agents are matched by), the history of their changes; the agents' tokens, per
 * entity; and the inventories received, kept until processed.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('assets', {
    id,
    kind: textOf(20, false),
    entity_id: ref('entities', false),
    name: textOf(255, false),
    serial: textOf(255),
    uuid: textOf(64),
    manufacturer: textOf(255),
    model: textOf(255),
    type: textOf(100),
    os_name: textOf(255),
    os_version: textOf(100),
    os_arch: textOf(50),
    memory_mb: { type: DataTypes.INTEGER.UNSIGNED, allowNull: true },
    last_user: textOf(255),
    // JSON: what the components are, as the agent last told them.
    components: { type: DataTypes.TEXT, allowNull: false },
    state: textOf(20, false),
    user_id: ref('users'),
    location: textOf(255),
    purchase_date: { type: DataTypes.DATEONLY, allowNull: true },
    warranty_end: { type: DataTypes.DATEONLY, allowNull: true },
    device_id: textOf(255),
    last_inventory_at: at(true),
    created_at: at(),
    updated_at: at(),
  });
  for (const columns of [['entity_id', 'kind', 'id'], ['entity_id', 'name'], ['serial'], ['uuid'], ['manufacturer', 'model']]) {
    await q.addIndex('assets', columns);
  }
  // Two inventories of one new computer processed at once: the second finds the first's row on its retry.
  await q.addIndex('assets', ['device_id'], { unique: true });
  await q.createTable('asset_macs', {
    asset_id: { ...ref('assets', false), primaryKey: true, onDelete: 'CASCADE' },
    mac: { ...textOf(17, false), primaryKey: true },
  });
  await q.addIndex('asset_macs', ['mac']);
  await q.createTable('asset_software', {
    id: { type: DataTypes.BIGINT.UNSIGNED, autoIncrement: true, primaryKey: true },
    asset_id: { ...ref('assets', false), onDelete: 'CASCADE' },
    name: textOf(255, false),
    publisher: textOf(255),
    version: textOf(255),
    arch: textOf(50),
  });
  await q.addIndex('asset_software', ['asset_id']);
  await q.addIndex('asset_software', ['name']);
  await q.createTable('asset_history', {
    id: { type: DataTypes.BIGINT.UNSIGNED, autoIncrement: true, primaryKey: true },
    asset_type: textOf(20, false),
    asset_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    field: textOf(50, false),
    before: { type: DataTypes.TEXT, allowNull: true },
    after: { type: DataTypes.TEXT, allowNull: true },
    // agent, import or person; the person's id when one made the change.
    source: textOf(10, false),
    user_id: ref('users'),
    at: at(),
  });
  await q.addIndex('asset_history', ['asset_type', 'asset_id', 'id']);
  await q.createTable('inventory_agent_tokens', {
    id,
    entity_id: ref('entities', false),
    name: textOf(255, false),
    token_hash: textOf(64, false),
    created_by: ref('users', false),
    created_at: at(),
    revoked_at: at(true),
  });
  await q.addIndex('inventory_agent_tokens', ['token_hash'], { unique: true });
  await q.createTable('inventory_submissions', {
    id: { type: DataTypes.BIGINT.UNSIGNED, autoIncrement: true, primaryKey: true },
    entity_id: ref('entities', false),
    token_id: ref('inventory_agent_tokens', false),
    device_id: textOf(255, false),
    // The agent's XML, deflated.
    content: { type: DataTypes.BLOB('medium'), allowNull: false },
    received_at: at(),
    // queued, done or refused (an inventory that cannot be read; `error` says why).
    state: textOf(10, false),
    error: textOf(1000),
    asset_id: { ...ref('assets'), onDelete: 'SET NULL' },
    processed_at: at(true),
  });
  await q.addIndex('inventory_submissions', ['state', 'id']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  for (const table of ['inventory_submissions', 'inventory_agent_tokens', 'asset_history', 'asset_software', 'asset_macs', 'assets']) {
    await q.dropTable(table);
  }
}
