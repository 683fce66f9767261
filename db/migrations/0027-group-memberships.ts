import { DataTypes, QueryTypes, type QueryInterface } from 'sequelize';

const ref = (table: string) => ({
  type: DataTypes.INTEGER.UNSIGNED,
  allowNull: false,
  primaryKey: true,
  references: { model: table, key: 'id' },
  onDelete: 'CASCADE',
});

// The foreign key on `table.column`, whatever name the database gave it when the column was made.
async function foreignKeyOf(q: QueryInterface, table: string, column: string): Promise<string> {
  const rows = await q.sequelize.query<{ name: string }>(
    'SELECT CONSTRAINT_NAME AS name FROM information_schema.KEY_COLUMN_USAGE ' +
      'WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ? AND REFERENCED_TABLE_NAME IS NOT NULL',
    { replacements: [table, column], type: QueryTypes.SELECT },
  );
  return rows[0]!.name;
}

/**
 * A person may work in several support groups and a group may have several managers: memberships
 * and managers become tables of their own, filled from the one group each user had and the one
 * manager each group had. Two groups of one entity never share a name; two entities may.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  for (const table of ['group_members', 'group_managers']) {
    await q.createTable(table, { group_id: ref('support_groups'), user_id: ref('users') });
    await q.addIndex(table, ['user_id']);
  }
  await q.sequelize.query('INSERT INTO group_members (group_id, user_id) SELECT group_id, id FROM users WHERE group_id IS NOT NULL');
  await q.sequelize.query(
    'INSERT INTO group_managers (group_id, user_id) SELECT id, manager_id FROM support_groups WHERE manager_id IS NOT NULL',
  );
  await q.sequelize.query(
    `ALTER TABLE \`users\` DROP FOREIGN KEY \`${await foreignKeyOf(q, 'users', 'group_id')}\`, DROP COLUMN \`group_id\``,
  );
  const managerKey = await foreignKeyOf(q, 'support_groups', 'manager_id');
  await q.sequelize.query(
    `ALTER TABLE \`support_groups\` DROP FOREIGN KEY \`${managerKey}\`, DROP COLUMN \`manager_id\`, ` +
      'DROP INDEX `name`, ADD UNIQUE INDEX `support_groups_entity_name` (`entity_id`, `name`)',
  );
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  // The entity's foreign key leans on the unique index of (entity, name) until it has its own.
  await q.sequelize.query('ALTER TABLE `support_groups` ADD INDEX `support_groups_entity_id_foreign_idx` (`entity_id`)');
  await q.sequelize.query(
    'ALTER TABLE `support_groups` DROP INDEX `support_groups_entity_name`, ADD UNIQUE INDEX `name` (`name`), ' +
      'ADD COLUMN `manager_id` INT UNSIGNED NULL, ADD CONSTRAINT `support_groups_manager_id_foreign_idx` FOREIGN KEY (`manager_id`) REFERENCES `users` (`id`)',
  );
  await q.sequelize.query(
    'ALTER TABLE `users` ADD COLUMN `group_id` INT UNSIGNED NULL, ADD CONSTRAINT `users_ibfk_1` FOREIGN KEY (`group_id`) REFERENCES `support_groups` (`id`)',
  );
  await q.sequelize.query(
    'UPDATE users u JOIN (SELECT user_id, MIN(group_id) AS g FROM group_members GROUP BY user_id) m ON m.user_id = u.id SET u.group_id = m.g',
  );
  await q.sequelize.query(
    'UPDATE support_groups s JOIN (SELECT group_id, MIN(user_id) AS u FROM group_managers GROUP BY group_id) m ON m.group_id = s.id SET s.manager_id = m.u',
  );
  await q.dropTable('group_managers');
  await q.dropTable('group_members');
}
