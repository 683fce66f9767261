import { DataTypes, type QueryInterface } from 'sequelize';

/** Sessions of the GLPI-compatible API: opened by a login and password or by an API token, closed by killSession or expiry. */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('glpi_sessions', {
    token_hash: { type: DataTypes.CHAR(64), allowNull: false, primaryKey: true },
    user_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'users', key: 'id' }, onDelete: 'CASCADE' },
    api_token_id: {
      type: DataTypes.INTEGER.UNSIGNED,
      allowNull: true,
      references: { model: 'api_tokens', key: 'id' },
      onDelete: 'CASCADE',
    },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('glpi_sessions', ['expires_at']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('glpi_sessions');
}
