import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { id, ownedByEntity, stamped, text } from '../db/columns';

export class ResponseTemplateRow extends Model<InferAttributes<ResponseTemplateRow>, InferCreationAttributes<ResponseTemplateRow>> {
  declare id: CreationOptional<number>;
  declare kind: 'followup' | 'task' | 'solution';
  declare name: string;
  declare content: string;
  declare entity_id: CreationOptional<number>;
}

export function defineResponseTemplateModels(sequelize: Sequelize): void {
  ResponseTemplateRow.init(
    { id: id(), kind: text(), name: text(), content: { type: DataTypes.TEXT('medium'), allowNull: false }, entity_id: ownedByEntity() },
    { sequelize, tableName: 'response_templates', ...stamped },
  );
}
