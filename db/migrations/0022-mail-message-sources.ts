import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Each collected message's source, as the mail server gave it, kept in the attachment storage (by
 * SHA-256) so that the desk can read the original of a ticket, a followup or a quarantined message.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.addColumn('mail_messages', 'source_sha256', { type: DataTypes.CHAR(64), allowNull: true });
  await q.addColumn('mail_messages', 'source_size', { type: DataTypes.BIGINT.UNSIGNED, allowNull: true });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.removeColumn('mail_messages', 'source_size');
  await q.removeColumn('mail_messages', 'source_sha256');
}
