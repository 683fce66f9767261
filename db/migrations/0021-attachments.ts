import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Files attached to tickets (and their followups), uploaded or taken from e-mails. The bytes are
 * kept once per content (by SHA-256) in the attachment storage; a row names them for a ticket.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('attachments', {
    id: { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true },
    ticket_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'tickets', key: 'id' } },
    followup_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: true },
    name: { type: DataTypes.STRING(255), allowNull: false },
    size: { type: DataTypes.BIGINT.UNSIGNED, allowNull: false },
    type: { type: DataTypes.STRING(127), allowNull: false },
    sha256: { type: DataTypes.CHAR(64), allowNull: false },
    // upload, or email (with the image's Content-ID when the message showed it inline).
    source: { type: DataTypes.STRING(16), allowNull: false },
    content_id: { type: DataTypes.STRING(255), allowNull: true },
    uploaded_by: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  // The same file under the same name on a ticket is one attachment, however often it is sent.
  await q.addIndex('attachments', ['ticket_id', 'sha256', 'name'], { unique: true });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('attachments');
}
