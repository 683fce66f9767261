import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { date, id, int, nullableDate, nullableInt, nullableText, stamped, text } from '../db/columns';

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
  /** Where its source is kept in the attachment storage, when it was. */
  declare source_sha256: string | null;
  declare source_size: number | null;
}

/** Something that happened to a ticket, waiting to become notices by e-mail. */
export class MailOutboxRow extends Model<InferAttributes<MailOutboxRow>, InferCreationAttributes<MailOutboxRow>> {
  declare id: CreationOptional<number>;
  declare ticket_id: number;
  declare notice: string;
  declare seq: number | null;
  declare followup_id: number | null;
  declare created_at: Date;
}

/** One notice to one recipient, as it is sent. */
export class MailDeliveryRow extends Model<InferAttributes<MailDeliveryRow>, InferCreationAttributes<MailDeliveryRow>> {
  declare id: CreationOptional<number>;
  declare outbox_id: number;
  declare user_id: number;
  declare ticket_id: number;
  declare notice: string;
  declare address: string;
  declare message_id: string;
  declare in_reply_to: string;
  declare subject: string;
  declare body: string;
  /** The same notice in HTML; null for deliveries planned before notices had one. */
  declare body_html: string | null;
  declare state: 'due' | 'sent';
  declare attempts: CreationOptional<number>;
  declare next_attempt_at: Date;
  declare last_error: CreationOptional<string | null>;
  declare sent_at: CreationOptional<Date | null>;
  declare created_at: Date;
}

export class MailPreferencesRow extends Model<InferAttributes<MailPreferencesRow>, InferCreationAttributes<MailPreferencesRow>> {
  declare user_id: number;
  declare language: string;
  /** JSON array of the notices the user does not want. */
  declare muted: string;
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
      source_sha256: { type: DataTypes.CHAR(64), allowNull: true },
      source_size: { type: DataTypes.BIGINT.UNSIGNED, allowNull: true },
    },
    { sequelize, tableName: 'mail_messages', timestamps: false },
  );
  MailOutboxRow.init(
    { id: id(), ticket_id: int(), notice: text(), seq: nullableInt(), followup_id: nullableInt(), created_at: date() },
    { sequelize, tableName: 'mail_outbox', timestamps: false },
  );
  MailDeliveryRow.init(
    {
      id: id(),
      outbox_id: int(),
      user_id: int(),
      ticket_id: int(),
      notice: text(),
      address: text(),
      message_id: text(),
      in_reply_to: text(),
      subject: text(),
      body: { type: DataTypes.TEXT, allowNull: false },
      body_html: { type: DataTypes.TEXT, allowNull: true },
      state: text(),
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      next_attempt_at: date(),
      last_error: nullableText(),
      sent_at: nullableDate(),
      created_at: date(),
    },
    { sequelize, tableName: 'mail_deliveries', timestamps: false },
  );
  MailPreferencesRow.init(
    { user_id: { ...int(), primaryKey: true }, language: text(), muted: { type: DataTypes.TEXT, allowNull: false } },
    { sequelize, tableName: 'mail_preferences', timestamps: false },
  );
}
