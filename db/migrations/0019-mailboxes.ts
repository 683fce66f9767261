import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Mailboxes the desk collects, and every message collected from them: one row per message of a
 * mailbox (its UIDVALIDITY and UID), written in the same transaction as what the message became,
 * so a message is handled once however often the collector is interrupted. The rows are also
 * the mailbox's collection report.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('mailboxes', {
    id: { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true },
    name: { type: DataTypes.STRING(255), allowNull: false },
    address: { type: DataTypes.STRING(255), allowNull: false },
    entity_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'entities', key: 'id' } },
    // The IMAP server, and where its password comes from (an environment variable or a file); never the password.
    settings: { type: DataTypes.TEXT, allowNull: false },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('mailboxes', ['address'], { unique: true });
  await q.createTable('mail_messages', {
    id: { type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true },
    mailbox_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, references: { model: 'mailboxes', key: 'id' } },
    uid_validity: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    uid: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    message_id: { type: DataTypes.STRING(255), allowNull: true },
    sender: { type: DataTypes.STRING(255), allowNull: true },
    subject: { type: DataTypes.STRING(255), allowNull: true },
    // ticket: a new ticket; followup: added to one; skipped: junk or a loop; quarantined: could not be taken.
    outcome: { type: DataTypes.ENUM('ticket', 'followup', 'skipped', 'quarantined'), allowNull: false },
    reason: { type: DataTypes.STRING(64), allowNull: true },
    ticket_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: true, references: { model: 'tickets', key: 'id' } },
    followup_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: true },
    received_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('mail_messages', ['mailbox_id', 'uid_validity', 'uid'], { unique: true });
  await q.addIndex('mail_messages', ['message_id']);
  await q.addIndex('mail_messages', ['mailbox_id', 'sender', 'received_at']);
  await q.addIndex('mail_messages', ['mailbox_id', 'id']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('mail_messages');
  await q.dropTable('mailboxes');
}
