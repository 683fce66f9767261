import { DataTypes, type QueryInterface } from 'sequelize';
import { ROOT_ENTITY_ID } from './0003-categories-and-entities';

const id = { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true };
const ref = (table: string, allowNull = true) => ({ type: DataTypes.INTEGER.UNSIGNED, allowNull, references: { model: table, key: 'id' } });
const at = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });
const stamps = { created_at: at(), updated_at: at() };

/**
 * Access control: profiles held per entity, accounts from a directory or local ones that lock
 * after repeated failures, API tokens for external systems, and the append-only audit log.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.addColumn('users', 'auth_source', { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'local' });
  await q.addColumn('users', 'directory_dn', { type: DataTypes.STRING(512), allowNull: true });
  await q.addColumn('users', 'disabled', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  await q.addColumn('users', 'failed_logins', { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, defaultValue: 0 });
  await q.addColumn('users', 'locked_until', at(true));

  // A user holds a profile in an entity, and in the entities below it when recursive. A user with
  // no row holds their `users.profile` in their own entity and below.
  await q.createTable('user_profiles', {
    id,
    user_id: ref('users', false),
    entity_id: ref('entities', false),
    profile: { type: DataTypes.STRING(32), allowNull: false },
    recursive: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    ...stamps,
  });
  await q.addIndex('user_profiles', ['user_id', 'entity_id', 'profile'], { unique: true });

  for (const table of ['categories', 'support_groups', 'slas', 'calendars']) {
    await q.addColumn(table, 'entity_id', { ...ref('entities', false), defaultValue: ROOT_ENTITY_ID });
  }

  // An external system's token acts as its own account (`user_id`), whose profiles are the token's scope.
  await q.createTable('api_tokens', {
    id,
    user_id: ref('users', false),
    name: { type: DataTypes.STRING(191), allowNull: false },
    token_hash: { type: DataTypes.CHAR(64), allowNull: false },
    prefix: { type: DataTypes.STRING(16), allowNull: false },
    created_by: ref('users', false),
    last_used_at: at(true),
    revoked_at: at(true),
    expires_at: at(true),
    ...stamps,
  });
  await q.addIndex('api_tokens', ['token_hash'], { unique: true });

  await q.createTable('audit_log', {
    id: { type: DataTypes.BIGINT.UNSIGNED, autoIncrement: true, primaryKey: true },
    at: at(),
    kind: { type: DataTypes.STRING(40), allowNull: false },
    actor_id: ref('users'),
    token_id: ref('api_tokens'),
    ip: { type: DataTypes.STRING(64), allowNull: true },
    target: { type: DataTypes.STRING(255), allowNull: true },
    subject: { type: DataTypes.STRING(191), allowNull: true },
    status: { type: DataTypes.SMALLINT.UNSIGNED, allowNull: true },
    details: { type: DataTypes.TEXT, allowNull: true },
  });
  await q.addIndex('audit_log', ['kind', 'id']);
  await q.addIndex('audit_log', ['actor_id', 'id']);
  await q.addIndex('audit_log', ['subject', 'id']);
  // Append-only: the database itself refuses to change or remove an entry.
  for (const event of ['UPDATE', 'DELETE']) {
    await q.sequelize.query(
      `CREATE TRIGGER audit_log_no_${event.toLowerCase()} BEFORE ${event} ON audit_log FOR EACH ROW ` +
        `SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the audit log is append-only'`,
    );
  }
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.sequelize.query('DROP TRIGGER IF EXISTS audit_log_no_update');
  await q.sequelize.query('DROP TRIGGER IF EXISTS audit_log_no_delete');
  await q.dropTable('audit_log');
  await q.dropTable('api_tokens');
  for (const table of ['categories', 'support_groups', 'slas', 'calendars'])
    await q.sequelize.query(`ALTER TABLE \`${table}\` DROP COLUMN entity_id`);
  await q.dropTable('user_profiles');
  for (const column of ['auth_source', 'directory_dn', 'disabled', 'failed_logins', 'locked_until']) {
    await q.sequelize.query(`ALTER TABLE users DROP COLUMN ${column}`);
  }
}
