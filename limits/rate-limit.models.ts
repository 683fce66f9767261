import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { date, int } from '../db/columns';

/** How many requests a client made in its current window, and when the window ends. */
export class RateLimitCounterRow extends Model<InferAttributes<RateLimitCounterRow>, InferCreationAttributes<RateLimitCounterRow>> {
  declare counter_key: string;
  declare hits: number;
  declare reset_at: Date;
}

export function defineRateLimitModels(sequelize: Sequelize): void {
  RateLimitCounterRow.init(
    { counter_key: { type: DataTypes.STRING, allowNull: false, primaryKey: true }, hits: int(), reset_at: date() },
    { sequelize, tableName: 'rate_limit_counters', timestamps: false },
  );
}
