import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true };
const ref = (table: string, allowNull = true) => ({ type: DataTypes.INTEGER.UNSIGNED, allowNull, references: { model: table, key: 'id' } });
const at = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });

/**
 * Software licences: what they cover (the installed software's name), their seats and dates, the
 * computers and people they are assigned to, and the renewal alerts sent (one per licence,
 * threshold and expiry date); the days before expiry an entity's licences alert by default.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('software_licences', {
    id,
    entity_id: ref('entities', false),
    name: { type: DataTypes.STRING(255), allowNull: false },
    // The name its software is installed under, as agents report it.
    software: { type: DataTypes.STRING(255), allowNull: false },
    publisher: { type: DataTypes.STRING(255), allowNull: true },
    kind: { type: DataTypes.STRING(20), allowNull: false },
    seats: { type: DataTypes.INTEGER.UNSIGNED, allowNull: true },
    purchase_date: { type: DataTypes.DATEONLY, allowNull: true },
    expires_on: { type: DataTypes.DATEONLY, allowNull: true },
    // JSON: days before expiry to alert; null for the entity's default.
    alert_days: { type: DataTypes.TEXT, allowNull: true },
    manager_id: ref('users', false),
    // When its renewal clock last took its terms; null or older than updated_at: to give them again.
    clock_set_at: at(true),
    created_at: at(),
    updated_at: at(),
  });
  await q.addIndex('software_licences', ['entity_id', 'id']);
  await q.addIndex('software_licences', ['software']);
  await q.createTable('software_licence_assignments', {
    id,
    licence_id: { ...ref('software_licences', false), onDelete: 'CASCADE' },
    asset_id: { ...ref('assets'), onDelete: 'CASCADE' },
    user_id: { ...ref('users'), onDelete: 'CASCADE' },
    created_at: at(),
  });
  await q.addIndex('software_licence_assignments', ['licence_id', 'asset_id'], { unique: true });
  await q.addIndex('software_licence_assignments', ['licence_id', 'user_id'], { unique: true });
  await q.createTable('licence_alerts', {
    licence_id: { ...ref('software_licences', false), primaryKey: true, onDelete: 'CASCADE' },
    threshold_days: { type: DataTypes.INTEGER.UNSIGNED, primaryKey: true },
    expires_on: { type: DataTypes.DATEONLY, primaryKey: true },
    address: { type: DataTypes.STRING(255), allowNull: true },
    sent_at: at(true),
    created_at: at(),
  });
  await q.addColumn('entities', 'licence_alert_days', { type: DataTypes.TEXT, allowNull: true });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.removeColumn('entities', 'licence_alert_days');
  await q.dropTable('licence_alerts');
  await q.dropTable('software_licence_assignments');
  await q.dropTable('software_licences');
}
