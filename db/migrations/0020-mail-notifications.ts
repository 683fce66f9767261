import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Notifications by e-mail: what happened waits in `mail_outbox` (written in the transaction of
 * the event or followup), becomes one delivery per recipient (once: unique on the outbox row and
 * the user), and each delivery is sent, retried with growing pauses while the SMTP server is out
 * of reach. Each user chooses their language and the notices they do not want.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('mail_outbox', {
    id: { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true },
    ticket_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    notice: { type: DataTypes.STRING(32), allowNull: false },
    // A ticket event (its seq), or a followup (its id).
    seq: { type: DataTypes.INTEGER.UNSIGNED, allowNull: true },
    followup_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.createTable('mail_deliveries', {
    id: { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true },
    outbox_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    user_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'users', key: 'id' } },
    ticket_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    notice: { type: DataTypes.STRING(32), allowNull: false },
    address: { type: DataTypes.STRING(255), allowNull: false },
    message_id: { type: DataTypes.STRING(255), allowNull: false },
    in_reply_to: { type: DataTypes.STRING(255), allowNull: false },
    subject: { type: DataTypes.STRING(998), allowNull: false },
    body: { type: DataTypes.TEXT, allowNull: false },
    state: { type: DataTypes.ENUM('due', 'sent'), allowNull: false },
    attempts: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, defaultValue: 0 },
    next_attempt_at: { type: DataTypes.DATE(3), allowNull: false },
    last_error: { type: DataTypes.STRING(500), allowNull: true },
    sent_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('mail_deliveries', ['outbox_id', 'user_id'], { unique: true });
  await q.addIndex('mail_deliveries', ['state', 'next_attempt_at']);
  await q.addIndex('mail_deliveries', ['ticket_id']);
  await q.createTable('mail_preferences', {
    user_id: { type: DataTypes.INTEGER.UNSIGNED, primaryKey: true, references: { model: 'users', key: 'id' } },
    language: { type: DataTypes.STRING(2), allowNull: false },
    // The notices the user does not want, as a JSON array.
    muted: { type: DataTypes.TEXT, allowNull: false },
  });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('mail_preferences');
  await q.dropTable('mail_deliveries');
  await q.dropTable('mail_outbox');
}
