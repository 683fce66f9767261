import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.addColumn('support_groups', 'manager_id', {
    type: DataTypes.INTEGER.UNSIGNED,
    allowNull: true,
    references: { model: 'users', key: 'id' },
  });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.sequelize.query(
    'ALTER TABLE `support_groups` DROP FOREIGN KEY IF EXISTS `support_groups_manager_id_foreign_idx`, DROP COLUMN `manager_id`',
  );
}
