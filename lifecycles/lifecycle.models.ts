import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { id, text, int, nullableInt, date, stamped } from '../db/columns';

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

/** Binds the models of this feature to `sequelize`. */
export function defineLifecycleModels(sequelize: Sequelize) {
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
}
