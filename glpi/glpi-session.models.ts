import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { date, int, nullableInt } from '../db/columns';

export class GlpiSessionRow extends Model<InferAttributes<GlpiSessionRow>, InferCreationAttributes<GlpiSessionRow>> {
  declare token_hash: string;
  declare user_id: number;
  /** The API token the session was opened with (`user_token`); null for a login and password. */
  declare api_token_id: number | null;
  declare expires_at: Date;
  declare created_at: Date;
}

/** Binds the models of this feature to `sequelize`. */
export function defineGlpiModels(sequelize: Sequelize) {
  GlpiSessionRow.init(
    {
      token_hash: { type: DataTypes.CHAR(64), allowNull: false, primaryKey: true },
      user_id: int(),
      api_token_id: nullableInt(),
      expires_at: date(),
      created_at: date(),
    },
    { sequelize, tableName: 'glpi_sessions', timestamps: false },
  );
}
