import { DataTypes, type QueryInterface } from 'sequelize';

const ref = (table: string, allowNull: boolean) => ({
  type: DataTypes.INTEGER.UNSIGNED,
  allowNull,
  references: { model: table, key: 'id' },
});

export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('kb_articles', {
    id: { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true },
    title: { type: DataTypes.STRING(255), allowNull: false },
    content: { type: DataTypes.TEXT, allowNull: false },
    category_id: ref('categories', true),
    source_ticket_id: ref('tickets', true),
    author_id: ref('users', false),
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('kb_articles', ['category_id', 'id']);
  await q.addIndex('kb_articles', ['title', 'content'], { type: 'FULLTEXT', name: 'kb_articles_text' });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('kb_articles');
}
