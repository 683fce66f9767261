import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The assets a ticket concerns: one row per link (who made it, when), read both ways — a ticket's
 * assets and an asset's tickets; and, on the ticket, the linked assets' makers and models as of
 * their linking, which every event of the ticket carries to the warehouse (KPIs by model).
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('ticket_assets', {
    ticket_id: {
      type: DataTypes.INTEGER.UNSIGNED,
      primaryKey: true,
      references: { model: 'tickets', key: 'id' },
      onDelete: 'CASCADE',
    },
    asset_id: { type: DataTypes.INTEGER.UNSIGNED, primaryKey: true, references: { model: 'assets', key: 'id' }, onDelete: 'CASCADE' },
    linked_by: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'users', key: 'id' } },
    linked_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('ticket_assets', ['asset_id', 'ticket_id']);
  // JSON: [{id, manufacturer, model}] of the linked assets; null when none.
  await q.addColumn('tickets', 'assets', { type: DataTypes.TEXT, allowNull: true });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.removeColumn('tickets', 'assets');
  await q.dropTable('ticket_assets');
}
