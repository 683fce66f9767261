import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { id, text, int, stamped, ownedByEntity } from '../db/columns';

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

/** Binds the models of this feature to `sequelize`. */
export function defineSlaModels(sequelize: Sequelize) {
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
}
