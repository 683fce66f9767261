import { DataTypes, type QueryInterface } from 'sequelize';

/** Followup, task and solution templates, with placeholders; each belongs to an entity and is offered there and below. */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('response_templates', {
    id: { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true },
    kind: { type: DataTypes.ENUM('followup', 'task', 'solution'), allowNull: false },
    name: { type: DataTypes.STRING(255), allowNull: false },
    content: { type: DataTypes.TEXT('medium'), allowNull: false },
    entity_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'entities', key: 'id' } },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  // Two templates of one kind in one entity never share a name.
  await q.addIndex('response_templates', ['entity_id', 'kind', 'name'], { unique: true });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('response_templates');
}
