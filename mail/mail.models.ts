import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { date, id, int, nullableInt, nullableText, stamped, text } from '../db/columns';

export class MailboxRow extends Model<InferAttributes<MailboxRow>, InferCreationAttributes<MailboxRow>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare address: string;
  declare entity_id: number;
  /** MailboxSettings as JSON: the IMAP server and where its password comes from, never the password. */
  declare settings: string;
  declare enabled: boolean;
}

export class MailMessageRow extends Model<InferAttributes<MailMessageRow>, InferCreationAttributes<MailMessageRow>> {
  declare id: CreationOptional<number>;
  declare mailbox_id: number;
  declare uid_validity: number;
  declare uid: number;
  declare message_id: string | null;
  declare sender: string | null;
  declare subject: string | null;
  declare outcome: 'ticket' | 'followup' | 'skipped' | 'quarantined';
  declare reason: string | null;
  declare ticket_id: number | null;
  declare followup_id: number | null;
  declare received_at: Date;
}

export function defineMailModels(sequelize: Sequelize): void {
  MailboxRow.init(
    {
      id: id(),
      name: text(),
      address: text(),
      entity_id: int(),
      settings: { type: DataTypes.TEXT, allowNull: false },
      enabled: { type: DataTypes.BOOLEAN, allowNull: false },
    },
    { sequelize, tableName: 'mailboxes', ...stamped },
  );
  MailMessageRow.init(
    {
      id: id(),
      mailbox_id: int(),
      uid_validity: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
      uid: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
      message_id: nullableText(),
      sender: nullableText(),
      subject: nullableText(),
      outcome: text(),
      reason: nullableText(),
      ticket_id: nullableInt(),
      followup_id: nullableInt(),
      received_at: date(),
    },
    { sequelize, tableName: 'mail_messages', timestamps: false },
  );
}
