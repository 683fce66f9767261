import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { id, text, nullableText, int, nullableInt, date, nullableDate, stamped } from '../db/columns';

export class TicketRow extends Model<InferAttributes<TicketRow>, InferCreationAttributes<TicketRow>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare description: string;
  declare type: string;
  declare status: string;
  declare state: string;
  declare lifecycle_key: string;
  declare lifecycle_version: number;
  declare context: string;
  declare urgency: number;
  declare impact: number;
  declare priority: number;
  declare category_id: number | null;
  declare entity_id: number;
  declare due_at: Date | null;
  declare priority_overridden: boolean;
  declare reopen_count: CreationOptional<number>;
  declare escalation_count: CreationOptional<number>;
  declare assignment_count: CreationOptional<number>;
  declare sla_id: CreationOptional<number | null>;
  declare sla_clocks: CreationOptional<string | null>;
  declare tto_due: CreationOptional<Date | null>;
  declare ttr_due: CreationOptional<Date | null>;
  declare sla_breached: CreationOptional<boolean>;
  declare requester_id: number;
  declare assignee_id: number | null;
  declare group_id: number | null;
  declare level: number;
  declare source: string;
  declare location: string | null;
  /** Its number in the system it came from (`glpi:1234`), for an imported ticket. */
  declare external_ref: CreationOptional<string | null>;
  /** The linked assets' makers and models (JSON, see `ticket-assets.ts`); null when none. */
  declare assets: CreationOptional<string | null>;
  declare seq: number;
  declare opened_at: Date;
  declare taken_into_account_at: Date | null;
  declare resolved_at: Date | null;
  declare closed_at: Date | null;
  declare workflow_started_at: Date | null;
  declare created_by: number;
  declare createdAt: CreationOptional<Date>;
  /** The last change of the ticket, its followups included. */
  declare updatedAt: CreationOptional<Date>;
}

export class TicketEventRow extends Model<InferAttributes<TicketEventRow>, InferCreationAttributes<TicketEventRow>> {
  declare id: CreationOptional<number>;
  declare ticket_id: number;
  declare seq: number;
  declare at: Date;
  declare actor_id: number | null;
  declare action: string;
  declare from_state: string | null;
  declare to_state: string;
  declare data: string;
  /** The event's analytics form (JSON), kept so the warehouse can be rebuilt; null before it was kept. */
  declare analytics: CreationOptional<string | null>;
}

export class IdempotencyKeyRow extends Model<InferAttributes<IdempotencyKeyRow>, InferCreationAttributes<IdempotencyKeyRow>> {
  declare id: CreationOptional<number>;
  declare user_id: number;
  declare key: string;
  declare request_hash: string;
  declare ticket_id: number;
  declare created_at: Date;
}

// Sequelize writes into attribute definitions, so each attribute gets its own object.
export class FollowupRow extends Model<InferAttributes<FollowupRow>, InferCreationAttributes<FollowupRow>> {
  declare id: CreationOptional<number>;
  declare ticket_id: number;
  declare author_id: number;
  declare content: string;
  declare private: boolean;
  declare created_at: Date;
}

export class TaskRow extends Model<InferAttributes<TaskRow>, InferCreationAttributes<TaskRow>> {
  declare id: CreationOptional<number>;
  declare ticket_id: number;
  declare author_id: number;
  declare content: string;
  declare duration_minutes: number | null;
  declare state: string;
  declare planned_start: Date | null;
  declare planned_end: Date | null;
  declare created_at: Date;
}

export class SatisfactionRow extends Model<InferAttributes<SatisfactionRow>, InferCreationAttributes<SatisfactionRow>> {
  declare ticket_id: number;
  declare requester_id: number;
  declare rating: number;
  declare comment: string | null;
  declare answered_at: Date;
}

export class TicketLinkRow extends Model<InferAttributes<TicketLinkRow>, InferCreationAttributes<TicketLinkRow>> {
  declare id: CreationOptional<number>;
  declare from_ticket_id: number;
  declare to_ticket_id: number;
  declare kind: string;
  declare created_by: number;
  declare created_at: Date;
}

export class TicketActorRow extends Model<InferAttributes<TicketActorRow>, InferCreationAttributes<TicketActorRow>> {
  declare ticket_id: number;
  declare kind: ActorKind;
  declare actor_id: number;
}

export class NotificationRow extends Model<InferAttributes<NotificationRow>, InferCreationAttributes<NotificationRow>> {
  declare id: CreationOptional<number>;
  declare user_id: number;
  declare ticket_id: number;
  /** The ticket event that caused it, and which effect of the state entered. */
  declare seq: number;
  declare effect: number;
  declare message_fr: string;
  declare message_en: string;
  declare read_at: Date | null;
  declare created_at: Date;
}

/** Who is on a ticket besides its main requester. */
export type ActorKind = 'technician' | 'group' | 'requester' | 'observer';

/** Binds the models of this feature to `sequelize`. */
export function defineTicketModels(sequelize: Sequelize) {
  TicketRow.init(
    {
      id: id(),
      title: text(),
      description: text(),
      type: text(),
      status: text(),
      state: text(),
      lifecycle_key: text(),
      lifecycle_version: int(),
      context: text(),
      urgency: int(),
      impact: int(),
      priority: int(),
      category_id: nullableInt(),
      entity_id: int(),
      due_at: nullableDate(),
      priority_overridden: { type: DataTypes.BOOLEAN, allowNull: false },
      reopen_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      escalation_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      assignment_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      sla_id: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      sla_clocks: { type: DataTypes.TEXT, allowNull: true, defaultValue: null },
      tto_due: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      ttr_due: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      sla_breached: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      requester_id: int(),
      assignee_id: nullableInt(),
      group_id: nullableInt(),
      level: int(),
      source: text(),
      location: nullableText(),
      external_ref: nullableText(),
      assets: { type: DataTypes.TEXT, allowNull: true, defaultValue: null },
      seq: int(),
      opened_at: date(),
      taken_into_account_at: nullableDate(),
      resolved_at: nullableDate(),
      closed_at: nullableDate(),
      workflow_started_at: nullableDate(),
      created_by: int(),
      createdAt: date(),
      updatedAt: date(),
    },
    { sequelize, tableName: 'tickets', ...stamped },
  );
  TicketEventRow.init(
    {
      id: id(),
      ticket_id: int(),
      seq: int(),
      at: date(),
      actor_id: nullableInt(),
      action: text(),
      from_state: nullableText(),
      to_state: text(),
      data: text(),
      analytics: nullableText(),
    },
    { sequelize, tableName: 'ticket_events', timestamps: false, underscored: true },
  );
  IdempotencyKeyRow.init(
    { id: id(), user_id: int(), key: text(), request_hash: text(), ticket_id: int(), created_at: date() },
    { sequelize, tableName: 'idempotency_keys', timestamps: false, underscored: true },
  );
  FollowupRow.init(
    {
      id: id(),
      ticket_id: int(),
      author_id: int(),
      content: text(),
      private: { type: DataTypes.BOOLEAN, allowNull: false },
      created_at: date(),
    },
    { sequelize, tableName: 'ticket_followups', timestamps: false, underscored: true },
  );
  TaskRow.init(
    {
      id: id(),
      ticket_id: int(),
      author_id: int(),
      content: text(),
      duration_minutes: nullableInt(),
      state: text(),
      planned_start: nullableDate(),
      planned_end: nullableDate(),
      created_at: date(),
    },
    { sequelize, tableName: 'ticket_tasks', timestamps: false, underscored: true },
  );
  SatisfactionRow.init(
    {
      ticket_id: { type: DataTypes.INTEGER, primaryKey: true },
      requester_id: int(),
      rating: int(),
      comment: { type: DataTypes.TEXT, allowNull: true },
      answered_at: date(),
    },
    { sequelize, tableName: 'ticket_satisfactions', timestamps: false, underscored: true },
  );
  TicketLinkRow.init(
    { id: id(), from_ticket_id: int(), to_ticket_id: int(), kind: text(), created_by: int(), created_at: date() },
    { sequelize, tableName: 'ticket_links', timestamps: false, underscored: true },
  );
  TicketActorRow.init(
    {
      ticket_id: { type: DataTypes.INTEGER, primaryKey: true },
      kind: { type: DataTypes.STRING, primaryKey: true },
      actor_id: { type: DataTypes.INTEGER, primaryKey: true },
    },
    { sequelize, tableName: 'ticket_actors', timestamps: false, underscored: true },
  );
  NotificationRow.init(
    {
      id: id(),
      user_id: int(),
      ticket_id: int(),
      seq: int(),
      effect: int(),
      message_fr: text(),
      message_en: text(),
      read_at: nullableDate(),
      created_at: date(),
    },
    { sequelize, tableName: 'notifications', timestamps: false, underscored: true },
  );
}
