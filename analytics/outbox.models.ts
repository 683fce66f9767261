import { Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { id, text, int, date } from '../db/columns';

export class OutboxRow extends Model<InferAttributes<OutboxRow>, InferCreationAttributes<OutboxRow>> {
  declare id: CreationOptional<number>;
  declare ticket_id: number;
  declare seq: number;
  declare payload: string;
  declare created_at: Date;
}

/** Binds the models of this feature to `sequelize`. */
export function defineOutboxModels(sequelize: Sequelize) {
  OutboxRow.init(
    { id: id(), ticket_id: int(), seq: int(), payload: text(), created_at: date() },
    { sequelize, tableName: 'outbox', timestamps: false, underscored: true },
  );
}
