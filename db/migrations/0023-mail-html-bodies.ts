import { DataTypes, type QueryInterface } from 'sequelize';

/** Each notice also goes as HTML, where followups and solutions show as their authors wrote them in Markdown. */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.addColumn('mail_deliveries', 'body_html', { type: DataTypes.TEXT, allowNull: true });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.removeColumn('mail_deliveries', 'body_html');
}
