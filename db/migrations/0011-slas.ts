import { DataTypes, type QueryInterface } from 'sequelize';

const at = () => ({ type: DataTypes.DATE(3), allowNull: false });
const json = (allowNull = false) => ({ type: DataTypes.TEXT, allowNull });

export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('calendars', {
    id: { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true },
    name: { type: DataTypes.STRING(255), allowNull: false },
    definition: json(),
    created_at: at(),
    updated_at: at(),
  });
  await q.createTable('slas', {
    id: { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true },
    name: { type: DataTypes.STRING(255), allowNull: false },
    calendar_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'calendars', key: 'id' } },
    match: json(),
    tto_minutes: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    ttr_minutes: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    levels: json(),
    created_at: at(),
    updated_at: at(),
  });
  await q.addColumn('tickets', 'sla_id', { type: DataTypes.INTEGER.UNSIGNED, allowNull: true, references: { model: 'slas', key: 'id' } });
  // The clocks as the ticket's workflow last recorded them (JSON), and what list filters need of them.
  await q.addColumn('tickets', 'sla_clocks', json(true));
  await q.addColumn('tickets', 'tto_due', { type: DataTypes.DATE(3), allowNull: true });
  await q.addColumn('tickets', 'ttr_due', { type: DataTypes.DATE(3), allowNull: true });
  await q.addColumn('tickets', 'sla_breached', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  await q.addIndex('tickets', ['sla_breached', 'id']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.sequelize.query(
    'ALTER TABLE `tickets` DROP FOREIGN KEY IF EXISTS `tickets_sla_id_foreign_idx`, DROP INDEX IF EXISTS `tickets_sla_breached_id`, DROP COLUMN `sla_id`, DROP COLUMN `sla_clocks`, DROP COLUMN `tto_due`, DROP COLUMN `ttr_due`, DROP COLUMN `sla_breached`',
  );
  await q.dropTable('slas');
  await q.dropTable('calendars');
}
