import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { id, int, ownedByEntity, stamped, text } from '../db/columns';

export class RecurringTicketRow extends Model<InferAttributes<RecurringTicketRow>, InferCreationAttributes<RecurringTicketRow>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare entity_id: CreationOptional<number>;
  /** The ticket each occurrence files, as JSON. */
  declare ticket: string;
  /** When, as JSON. */
  declare schedule: string;
  declare timezone: string;
  declare paused: boolean;
  /** Who set it up: its tickets are filed in their name. */
  declare created_by: number;
}

export function defineRecurringTicketModels(sequelize: Sequelize): void {
  RecurringTicketRow.init(
    {
      id: id(),
      name: text(),
      entity_id: ownedByEntity(),
      ticket: { type: DataTypes.TEXT, allowNull: false },
      schedule: { type: DataTypes.TEXT, allowNull: false },
      timezone: text(),
      paused: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      created_by: int(),
    },
    { sequelize, tableName: 'recurring_tickets', ...stamped },
  );
}
