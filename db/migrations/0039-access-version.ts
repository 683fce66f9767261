import { DataTypes, type QueryInterface } from 'sequelize';

// What changes who may see what: an entity added, moved or removed, a profile granted or taken back.
const CHANGES = [
  { table: 'entities', event: 'INSERT', when: 'TRUE' },
  { table: 'entities', event: 'UPDATE', when: 'NOT (OLD.parent_id <=> NEW.parent_id)' },
  { table: 'entities', event: 'DELETE', when: 'TRUE' },
  { table: 'user_profiles', event: 'INSERT', when: 'TRUE' },
  { table: 'user_profiles', event: 'UPDATE', when: 'TRUE' },
  { table: 'user_profiles', event: 'DELETE', when: 'TRUE' },
];
const triggerOf = (change: (typeof CHANGES)[number]) => `${change.table}_access_${change.event.toLowerCase()}`;

/**
 * The version of the entity tree and the profiles granted, counted by the database itself on every
 * change whoever writes it (the API, the directory sync, an import, plain SQL), and committed with
 * that change: an API process keeps both in memory while the version it reads stays the same.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('access_versions', {
    id: { type: DataTypes.TINYINT.UNSIGNED, primaryKey: true },
    version: { type: DataTypes.BIGINT.UNSIGNED, allowNull: false, defaultValue: 0 },
  });
  await q.sequelize.query('INSERT INTO access_versions (id, version) VALUES (1, 0)');
  for (const change of CHANGES) {
    await q.sequelize.query(
      `CREATE TRIGGER ${triggerOf(change)} AFTER ${change.event} ON ${change.table} FOR EACH ROW ` +
        `IF ${change.when} THEN UPDATE access_versions SET version = version + 1 WHERE id = 1; END IF`,
    );
  }
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  for (const change of CHANGES) await q.sequelize.query(`DROP TRIGGER IF EXISTS ${triggerOf(change)}`);
  await q.dropTable('access_versions');
}
