import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { date, id, int, nullableDate } from '../db/columns';

export class GlpiImportRow extends Model<InferAttributes<GlpiImportRow>, InferCreationAttributes<GlpiImportRow>> {
  declare id: CreationOptional<number>;
  declare source: 'database' | 'tickets' | 'users';
  declare origin: string;
  declare apply: boolean;
  declare status: 'running' | 'done' | 'failed';
  declare stage: string;
  declare done: number;
  declare total: number;
  /** The import's report as JSON, once it has finished. */
  declare report: string | null;
  declare error: string | null;
  declare started_by: number;
  declare started_at: Date;
  /** Moved forward while it runs: an import not heard of for long died with its process. */
  declare updated_at: Date;
  declare finished_at: Date | null;
}

/** Binds the models of this feature to `sequelize`. */
export function defineGlpiImportModels(sequelize: Sequelize) {
  GlpiImportRow.init(
    {
      id: id(),
      source: { type: DataTypes.STRING(16), allowNull: false },
      origin: { type: DataTypes.STRING(255), allowNull: false },
      apply: { type: DataTypes.BOOLEAN, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      stage: { type: DataTypes.STRING(16), allowNull: false },
      done: int(),
      total: int(),
      report: { type: DataTypes.TEXT('long'), allowNull: true },
      error: { type: DataTypes.TEXT, allowNull: true },
      started_by: int(),
      started_at: date(),
      updated_at: date(),
      finished_at: nullableDate(),
    },
    { sequelize, tableName: 'glpi_imports', timestamps: false },
  );
}
