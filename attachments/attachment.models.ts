import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { date, id, int, nullableInt, nullableText, text } from '../db/columns';

export class AttachmentRow extends Model<InferAttributes<AttachmentRow>, InferCreationAttributes<AttachmentRow>> {
  declare id: CreationOptional<number>;
  declare ticket_id: number;
  declare followup_id: number | null;
  declare name: string;
  declare size: number;
  /** The type sniffed from the bytes, never the one the sender claimed. */
  declare type: string;
  declare sha256: string;
  declare source: 'upload' | 'email';
  declare content_id: string | null;
  declare uploaded_by: number;
  declare created_at: Date;
}

export function defineAttachmentModels(sequelize: Sequelize): void {
  AttachmentRow.init(
    {
      id: id(),
      ticket_id: int(),
      followup_id: nullableInt(),
      name: text(),
      size: {
        type: DataTypes.BIGINT,
        allowNull: false,
        get: function (this: AttachmentRow) {
          return Number(this.getDataValue('size'));
        },
      },
      type: text(),
      sha256: text(),
      source: text(),
      content_id: nullableText(),
      uploaded_by: int(),
      created_at: date(),
    },
    { sequelize, tableName: 'attachments', timestamps: false },
  );
}
