import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';

export class UserRow extends Model<InferAttributes<UserRow>, InferCreationAttributes<UserRow>> {
  declare id: CreationOptional<number>;
  declare login: string;
  declare name: string;
  declare email: string | null;
  declare profile: string;
  declare group_id: number | null;
  declare entity_id: CreationOptional<number>;
  declare password_hash: string;
  /** `local` (argon2id password), `ldap` (bound against the directory) or `token` (an API token's account). */
  declare auth_source: CreationOptional<string>;
  declare directory_dn: CreationOptional<string | null>;
  declare disabled: CreationOptional<boolean>;
  declare failed_logins: CreationOptional<number>;
  declare locked_until: CreationOptional<Date | null>;
}

export class UserProfileRow extends Model<InferAttributes<UserProfileRow>, InferCreationAttributes<UserProfileRow>> {
  declare id: CreationOptional<number>;
  declare user_id: number;
  declare entity_id: number;
  declare profile: string;
  declare recursive: boolean;
}

export class ApiTokenRow extends Model<InferAttributes<ApiTokenRow>, InferCreationAttributes<ApiTokenRow>> {
  declare id: CreationOptional<number>;
  declare user_id: number;
  declare name: string;
  declare token_hash: string;
  declare prefix: string;
  declare created_by: number;
  declare last_used_at: CreationOptional<Date | null>;
  declare revoked_at: CreationOptional<Date | null>;
  declare expires_at: Date | null;
  declare created_at: CreationOptional<Date>;
  declare user?: NonAttribute<UserRow>;
}

export class AuditLogRow extends Model<InferAttributes<AuditLogRow>, InferCreationAttributes<AuditLogRow>> {
  declare id: CreationOptional<number>;
  declare at: Date;
  declare kind: string;
  declare actor_id: number | null;
  declare token_id: number | null;
  declare ip: string | null;
  declare target: string | null;
  declare subject: string | null;
  declare status: number | null;
  declare details: string | null;
}

export class EntityRow extends Model<InferAttributes<EntityRow>, InferCreationAttributes<EntityRow>> {
  declare id: CreationOptional<number>;
  declare parent_id: number | null;
  declare name: string;
  declare priority_matrix: string | null;
}

export class CategoryRow extends Model<InferAttributes<CategoryRow>, InferCreationAttributes<CategoryRow>> {
  declare id: CreationOptional<number>;
  /** The entity it belongs to: seen there and in the entities below. */
  declare entity_id: CreationOptional<number>;
  declare parent_id: number | null;
  declare name_fr: string;
  declare name_en: string;
}

export class SupportGroupRow extends Model<InferAttributes<SupportGroupRow>, InferCreationAttributes<SupportGroupRow>> {
  declare id: CreationOptional<number>;
  /** The entity it belongs to: seen there and in the entities below. */
  declare entity_id: CreationOptional<number>;
  declare name: string;
  declare level: number;
  /** Validates requests for the group. */
  declare manager_id: CreationOptional<number | null>;
}

export class AuthTokenRow extends Model<InferAttributes<AuthTokenRow>, InferCreationAttributes<AuthTokenRow>> {
  declare id: CreationOptional<number>;
  declare token_hash: string;
  declare user_id: number;
  declare expires_at: Date;
  declare user?: NonAttribute<UserRow>;
}

export class LifecycleRow extends Model<InferAttributes<LifecycleRow>, InferCreationAttributes<LifecycleRow>> {
  declare id: CreationOptional<number>;
  declare key: string;
  declare version: number;
  declare definition: string;
  declare created_at: CreationOptional<Date>;
}

export class LifecycleDraftRow extends Model<InferAttributes<LifecycleDraftRow>, InferCreationAttributes<LifecycleDraftRow>> {
  declare id: CreationOptional<number>;
  declare key: string;
  declare based_on: number | null;
  /** The definition as the process owner wrote it (JSON), findings and all. */
  declare definition: string;
  declare author_id: number;
  declare updated_at: CreationOptional<Date>;
}

export class LifecycleMigrationRow extends Model<InferAttributes<LifecycleMigrationRow>, InferCreationAttributes<LifecycleMigrationRow>> {
  declare id: CreationOptional<number>;
  declare key: string;
  declare from_version: number;
  declare to_version: number;
  /** From-version state → to-version state (JSON), complete for every state. */
  declare mapping: string;
  declare status: 'running' | 'done' | 'failed';
  declare total: number;
  declare moved: CreationOptional<number>;
  declare failed: CreationOptional<number>;
  /** The tickets that could not be moved and why (JSON). */
  declare failures: string;
  declare author_id: number;
  declare updated_at: CreationOptional<Date>;
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
  declare seq: number;
  declare opened_at: Date;
  declare taken_into_account_at: Date | null;
  declare resolved_at: Date | null;
  declare closed_at: Date | null;
  declare workflow_started_at: Date | null;
  declare created_by: number;
  declare createdAt: CreationOptional<Date>;
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

export class OutboxRow extends Model<InferAttributes<OutboxRow>, InferCreationAttributes<OutboxRow>> {
  declare id: CreationOptional<number>;
  declare ticket_id: number;
  declare seq: number;
  declare payload: string;
  declare created_at: Date;
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

export class KbArticleRow extends Model<InferAttributes<KbArticleRow>, InferCreationAttributes<KbArticleRow>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare content: string;
  declare category_id: number | null;
  declare source_ticket_id: number | null;
  declare author_id: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Who is on a ticket besides its main requester. */
export type ActorKind = 'technician' | 'group' | 'requester' | 'observer';

export class TicketActorRow extends Model<InferAttributes<TicketActorRow>, InferCreationAttributes<TicketActorRow>> {
  declare ticket_id: number;
  declare kind: ActorKind;
  declare actor_id: number;
}

export class CalendarRow extends Model<InferAttributes<CalendarRow>, InferCreationAttributes<CalendarRow>> {
  declare id: CreationOptional<number>;
  /** The entity it belongs to: seen there and in the entities below. */
  declare entity_id: CreationOptional<number>;
  declare name: string;
  declare definition: string;
}

export class SlaRow extends Model<InferAttributes<SlaRow>, InferCreationAttributes<SlaRow>> {
  declare id: CreationOptional<number>;
  /** The entity it belongs to: seen there and in the entities below. */
  declare entity_id: CreationOptional<number>;
  declare name: string;
  declare calendar_id: number;
  declare match: string;
  declare tto_minutes: number;
  declare ttr_minutes: number;
  declare levels: string;
  declare level_clocks: CreationOptional<string>;
}

const id = () => ({ type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true });
const text = () => ({ type: DataTypes.STRING, allowNull: false });
const nullableText = () => ({ type: DataTypes.STRING, allowNull: true });
const int = () => ({ type: DataTypes.INTEGER, allowNull: false });
const nullableInt = () => ({ type: DataTypes.INTEGER, allowNull: true });
const date = () => ({ type: DataTypes.DATE(3), allowNull: false });
const nullableDate = () => ({ type: DataTypes.DATE(3), allowNull: true });
const stamped = { underscored: true, timestamps: true } as const;
// Shared objects belong to the root entity unless told otherwise.
const ownedByEntity = () => ({ type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 });

/** Binds every model to `sequelize`; the schema itself comes from the migrations. */
export function defineModels(sequelize: Sequelize) {
  UserRow.init(
    {
      id: id(),
      login: text(),
      name: text(),
      email: nullableText(),
      profile: text(),
      group_id: nullableInt(),
      entity_id: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      password_hash: text(),
      auth_source: { type: DataTypes.STRING, allowNull: false, defaultValue: 'local' },
      directory_dn: { type: DataTypes.STRING, allowNull: true, defaultValue: null },
      disabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      failed_logins: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      locked_until: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
    },
    { sequelize, tableName: 'users', ...stamped },
  );
  UserProfileRow.init(
    { id: id(), user_id: int(), entity_id: int(), profile: text(), recursive: { type: DataTypes.BOOLEAN, allowNull: false } },
    { sequelize, tableName: 'user_profiles', ...stamped },
  );
  ApiTokenRow.init(
    {
      id: id(),
      user_id: int(),
      name: text(),
      token_hash: text(),
      prefix: text(),
      created_by: int(),
      last_used_at: { ...nullableDate(), defaultValue: null },
      revoked_at: { ...nullableDate(), defaultValue: null },
      expires_at: nullableDate(),
      created_at: date(),
    },
    { sequelize, tableName: 'api_tokens', ...stamped, createdAt: 'created_at' },
  );
  ApiTokenRow.belongsTo(UserRow, { foreignKey: 'user_id', as: 'user' });
  AuditLogRow.init(
    {
      id: id(),
      at: date(),
      kind: text(),
      actor_id: nullableInt(),
      token_id: nullableInt(),
      ip: nullableText(),
      target: nullableText(),
      subject: nullableText(),
      status: nullableInt(),
      details: { type: DataTypes.TEXT, allowNull: true },
    },
    { sequelize, tableName: 'audit_log', timestamps: false },
  );
  EntityRow.init(
    { id: id(), parent_id: nullableInt(), name: text(), priority_matrix: nullableText() },
    { sequelize, tableName: 'entities', ...stamped },
  );
  CategoryRow.init(
    { id: id(), parent_id: nullableInt(), name_fr: text(), name_en: text(), entity_id: ownedByEntity() },
    { sequelize, tableName: 'categories', ...stamped },
  );
  SupportGroupRow.init(
    {
      id: id(),
      name: text(),
      level: int(),
      manager_id: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      entity_id: ownedByEntity(),
    },
    { sequelize, tableName: 'support_groups', ...stamped },
  );
  AuthTokenRow.init(
    { id: id(), token_hash: text(), user_id: int(), expires_at: date() },
    { sequelize, tableName: 'auth_tokens', ...stamped },
  );
  AuthTokenRow.belongsTo(UserRow, { foreignKey: 'user_id', as: 'user' });
  LifecycleRow.init(
    { id: id(), key: text(), version: int(), definition: text(), created_at: date() },
    { sequelize, tableName: 'lifecycles', ...stamped, createdAt: 'created_at' },
  );
  LifecycleDraftRow.init(
    {
      id: id(),
      key: text(),
      based_on: nullableInt(),
      definition: { type: DataTypes.TEXT('long'), allowNull: false },
      author_id: int(),
      updated_at: date(),
    },
    { sequelize, tableName: 'lifecycle_drafts', ...stamped, updatedAt: 'updated_at' },
  );
  LifecycleMigrationRow.init(
    {
      id: id(),
      key: text(),
      from_version: int(),
      to_version: int(),
      mapping: { type: DataTypes.TEXT, allowNull: false },
      status: text(),
      total: int(),
      moved: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      failed: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      failures: { type: DataTypes.TEXT, allowNull: false },
      author_id: int(),
      updated_at: date(),
    },
    { sequelize, tableName: 'lifecycle_migrations', ...stamped, updatedAt: 'updated_at' },
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
      seq: int(),
      opened_at: date(),
      taken_into_account_at: nullableDate(),
      resolved_at: nullableDate(),
      closed_at: nullableDate(),
      workflow_started_at: nullableDate(),
      created_by: int(),
      createdAt: date(),
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
  OutboxRow.init(
    { id: id(), ticket_id: int(), seq: int(), payload: text(), created_at: date() },
    { sequelize, tableName: 'outbox', timestamps: false, underscored: true },
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
  KbArticleRow.init(
    {
      id: id(),
      title: text(),
      content: { type: DataTypes.TEXT, allowNull: false },
      category_id: nullableInt(),
      source_ticket_id: nullableInt(),
      author_id: int(),
      createdAt: date(),
      updatedAt: date(),
    },
    { sequelize, tableName: 'kb_articles', ...stamped },
  );
  TicketActorRow.init(
    {
      ticket_id: { type: DataTypes.INTEGER, primaryKey: true },
      kind: { type: DataTypes.STRING, primaryKey: true },
      actor_id: { type: DataTypes.INTEGER, primaryKey: true },
    },
    { sequelize, tableName: 'ticket_actors', timestamps: false, underscored: true },
  );
  CalendarRow.init(
    { id: id(), name: text(), definition: { type: DataTypes.TEXT, allowNull: false }, entity_id: ownedByEntity() },
    { sequelize, tableName: 'calendars', ...stamped },
  );
  SlaRow.init(
    {
      id: id(),
      entity_id: ownedByEntity(),
      name: text(),
      calendar_id: int(),
      match: { type: DataTypes.TEXT, allowNull: false },
      tto_minutes: int(),
      ttr_minutes: int(),
      levels: { type: DataTypes.TEXT, allowNull: false },
      level_clocks: { type: DataTypes.TEXT, allowNull: false, defaultValue: '[]' },
    },
    { sequelize, tableName: 'slas', ...stamped },
  );
  IdempotencyKeyRow.init(
    { id: id(), user_id: int(), key: text(), request_hash: text(), ticket_id: int(), created_at: date() },
    { sequelize, tableName: 'idempotency_keys', timestamps: false, underscored: true },
  );
}
