import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true };
const ref = (table: string, allowNull = true) => ({ type: DataTypes.INTEGER.UNSIGNED, allowNull, references: { model: table, key: 'id' } });
const at = () => ({ type: DataTypes.DATE(3), allowNull: false });
const stamps = { created_at: at(), updated_at: at() };

/** The organisation's root entity: every ticket and user belongs to an entity, this one until told otherwise. */
export const ROOT_ENTITY_ID = 1;

export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('entities', {
    id,
    parent_id: ref('entities'),
    name: { type: DataTypes.STRING(255), allowNull: false },
    // A 5 × 5 urgency × impact grid (JSON); null inherits the parent's, and the root's null is GLPI's default.
    priority_matrix: { type: DataTypes.STRING(255), allowNull: true },
    ...stamps,
  });
  const now = new Date();
  await q.bulkInsert('entities', [
    { id: ROOT_ENTITY_ID, parent_id: null, name: 'Entité racine', priority_matrix: null, created_at: now, updated_at: now },
  ]);
  await q.createTable('categories', {
    id,
    parent_id: ref('categories'),
    name_fr: { type: DataTypes.STRING(255), allowNull: false },
    name_en: { type: DataTypes.STRING(255), allowNull: false },
    ...stamps,
  });
  await q.addIndex('categories', ['parent_id', 'name_fr'], { unique: true });
  await q.addColumn('users', 'entity_id', { ...ref('entities', false), defaultValue: ROOT_ENTITY_ID });
  // removeColumn reads foreign keys with a raw SELECT that the mariadb dialect mishandles; plain DDL does not.
  await q.sequelize.query('ALTER TABLE `tickets` DROP COLUMN `category`');
  await q.addColumn('tickets', 'category_id', ref('categories'));
  await q.addColumn('tickets', 'entity_id', { ...ref('entities', false), defaultValue: ROOT_ENTITY_ID });
  await q.addColumn('tickets', 'due_at', { type: DataTypes.DATE(3), allowNull: true });
  await q.addColumn('tickets', 'priority_overridden', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  for (const column of ['category_id', 'entity_id', 'priority', 'level']) await q.addIndex('tickets', [column, 'id']);
  await q.addIndex('tickets', ['title', 'description'], { type: 'FULLTEXT', name: 'tickets_text' });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.removeIndex('tickets', 'tickets_text');
  await q.sequelize.query(
    'ALTER TABLE `tickets` DROP FOREIGN KEY IF EXISTS `tickets_category_id_foreign_idx`, DROP FOREIGN KEY IF EXISTS `tickets_entity_id_foreign_idx`',
  );
  await q.sequelize.query(
    'ALTER TABLE `tickets` DROP COLUMN `priority_overridden`, DROP COLUMN `due_at`, DROP COLUMN `entity_id`, DROP COLUMN `category_id`',
  );
  await q.addColumn('tickets', 'category', { type: DataTypes.STRING(255), allowNull: true });
  await q.sequelize.query('ALTER TABLE `users` DROP FOREIGN KEY IF EXISTS `users_entity_id_foreign_idx`, DROP COLUMN `entity_id`');
  await q.dropTable('categories');
  await q.dropTable('entities');
}
