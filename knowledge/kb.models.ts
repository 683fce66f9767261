import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { id, text, int, nullableInt, date, stamped } from '../db/columns';

export class KbArticleRow extends Model<InferAttributes<KbArticleRow>, InferCreationAttributes<KbArticleRow>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare content: string;
  declare category_id: number | null;
  declare source_ticket_id: number | null;
  declare author_id: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Binds the models of this feature to `sequelize`. */
export function defineKbModels(sequelize: Sequelize) {
  KbArticleRow.init(
    {
      id: id(),
      title: text(),
      content: { type: DataTypes.TEXT, allowNull: false },
      category_id: nullableInt(),
      source_ticket_id: nullableInt(),
      author_id: int(),
      createdAt: date(),
      updatedAt: date(),
    },
    { sequelize, tableName: 'kb_articles', ...stamped },
  );
}
