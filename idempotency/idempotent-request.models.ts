import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { date, int } from '../db/columns';

export type IdempotentRequestState = 'running' | 'accepted' | 'done';

export class IdempotentRequestRow extends Model<InferAttributes<IdempotentRequestRow>, InferCreationAttributes<IdempotentRequestRow>> {
  declare user_id: number;
  declare idempotency_key: string;
  declare request_hash: string;
  declare state: IdempotentRequestState;
  declare lease_until: Date;
  declare status: number | null;
  declare etag: string | null;
  declare body: string | null;
  declare expires_at: Date;
  /** The row the request created, written in that row's transaction. */
  declare created_id: CreationOptional<number | null>;
}

export function defineIdempotencyModels(sequelize: Sequelize): void {
  IdempotentRequestRow.init(
    {
      user_id: { ...int(), primaryKey: true },
      idempotency_key: { type: DataTypes.STRING, allowNull: false, primaryKey: true },
      request_hash: { type: DataTypes.STRING, allowNull: false },
      state: { type: DataTypes.STRING, allowNull: false },
      lease_until: date(),
      status: { type: DataTypes.INTEGER, allowNull: true },
      etag: { type: DataTypes.STRING, allowNull: true },
      body: { type: DataTypes.TEXT, allowNull: true },
      expires_at: date(),
      created_id: { type: DataTypes.INTEGER, allowNull: true },
    },
    { sequelize, tableName: 'idempotent_requests', timestamps: false },
  );
}
