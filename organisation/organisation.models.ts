import { Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { id, text, nullableText, int, nullableInt, stamped, ownedByEntity } from '../db/columns';

export class EntityRow extends Model<InferAttributes<EntityRow>, InferCreationAttributes<EntityRow>> {
  declare id: CreationOptional<number>;
  declare parent_id: number | null;
  declare name: string;
  declare priority_matrix: string | null;
  /** JSON: the days before expiry its licences alert, unless one says otherwise; null for the default. */
  declare licence_alert_days: CreationOptional<string | null>;
}

export class CategoryRow extends Model<InferAttributes<CategoryRow>, InferCreationAttributes<CategoryRow>> {
  declare id: CreationOptional<number>;
  /** The entity it belongs to: seen there and in the entities below. */
  declare entity_id: CreationOptional<number>;
  declare parent_id: number | null;
  declare name_fr: string;
  declare name_en: string;
  /** What the requester's form fills in, asks for and leaves out for this category (JSON), if anything. */
  declare ticket_template: CreationOptional<string | null>;
}

export class SupportGroupRow extends Model<InferAttributes<SupportGroupRow>, InferCreationAttributes<SupportGroupRow>> {
  declare id: CreationOptional<number>;
  /** The entity it belongs to: seen there and in the entities below. */
  declare entity_id: CreationOptional<number>;
  declare name: string;
  declare level: number;
}

/** A person working the group's queue; one may be in several groups. */
export class GroupMemberRow extends Model<InferAttributes<GroupMemberRow>, InferCreationAttributes<GroupMemberRow>> {
  declare group_id: number;
  declare user_id: number;
}

/** A person who validates the group's requests; a group may have several. */
export class GroupManagerRow extends Model<InferAttributes<GroupManagerRow>, InferCreationAttributes<GroupManagerRow>> {
  declare group_id: number;
  declare user_id: number;
}

/** Binds the models of this feature to `sequelize`. */
export function defineOrganisationModels(sequelize: Sequelize) {
  EntityRow.init(
    { id: id(), parent_id: nullableInt(), name: text(), priority_matrix: nullableText(), licence_alert_days: nullableText() },
    { sequelize, tableName: 'entities', ...stamped },
  );
  CategoryRow.init(
    { id: id(), parent_id: nullableInt(), name_fr: text(), name_en: text(), ticket_template: nullableText(), entity_id: ownedByEntity() },
    { sequelize, tableName: 'categories', ...stamped },
  );
  SupportGroupRow.init(
    { id: id(), name: text(), level: int(), entity_id: ownedByEntity() },
    { sequelize, tableName: 'support_groups', ...stamped },
  );
  const membership = { group_id: { ...int(), primaryKey: true }, user_id: { ...int(), primaryKey: true } };
  GroupMemberRow.init(membership, { sequelize, tableName: 'group_members', timestamps: false });
  GroupManagerRow.init(membership, { sequelize, tableName: 'group_managers', timestamps: false });
}
