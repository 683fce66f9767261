import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { date, id, int, nullableDate, nullableInt, nullableText, stamped, text } from '../db/columns';

export class WebhookRow extends Model<InferAttributes<WebhookRow>, InferCreationAttributes<WebhookRow>> {
  declare id: CreationOptional<number>;
  declare owner_id: number;
  /** The API token that subscribed for itself; null for an administrator's subscription. */
  declare token_id: number | null;
  declare url: string;
  /** JSON: the feed types delivered. */
  declare events: string;
  /** JSON: the tickets delivered (WebhookFilters). */
  declare filters: string;
  declare secret: string;
  /** The secret before the last rotation, still signing until `previous_secret_until`. */
  declare previous_secret: string | null;
  declare previous_secret_until: Date | null;
  declare enabled: boolean;
  declare disabled_reason: string | null;
  /** The feed position delivered (or passed over) up to. */
  declare cursor: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class WebhookDeliveryRow extends Model<InferAttributes<WebhookDeliveryRow>, InferCreationAttributes<WebhookDeliveryRow>> {
  declare id: CreationOptional<number>;
  declare webhook_id: number;
  declare message_id: string;
  declare position: number;
  declare type: string;
  declare ticket_id: number;
  declare attempt: number;
  /** Sent again by hand rather than by the delivery workflow. */
  declare manual: boolean;
  declare status: number | null;
  declare delivered: boolean;
  declare error: string | null;
  declare answer_head: string | null;
  declare duration_ms: number;
  declare at: Date;
}

/** Binds the models of this feature to `sequelize`. */
export function defineWebhookModels(sequelize: Sequelize) {
  WebhookRow.init(
    {
      id: id(),
      owner_id: int(),
      token_id: nullableInt(),
      url: text(),
      events: text(),
      filters: text(),
      secret: text(),
      previous_secret: nullableText(),
      previous_secret_until: nullableDate(),
      enabled: { type: DataTypes.BOOLEAN, allowNull: false },
      disabled_reason: nullableText(),
      cursor: { type: DataTypes.BIGINT.UNSIGNED, allowNull: false },
      createdAt: date(),
      updatedAt: date(),
    },
    { sequelize, tableName: 'webhooks', ...stamped },
  );
  WebhookDeliveryRow.init(
    {
      id: id(),
      webhook_id: int(),
      message_id: text(),
      position: { type: DataTypes.BIGINT.UNSIGNED, allowNull: false },
      type: text(),
      ticket_id: int(),
      attempt: int(),
      manual: { type: DataTypes.BOOLEAN, allowNull: false },
      status: nullableInt(),
      delivered: { type: DataTypes.BOOLEAN, allowNull: false },
      error: nullableText(),
      answer_head: nullableText(),
      duration_ms: int(),
      at: date(),
    },
    { sequelize, tableName: 'webhook_deliveries', timestamps: false, underscored: true },
  );
}
