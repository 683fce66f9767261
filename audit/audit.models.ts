import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { id, text, nullableText, nullableInt, date } from '../db/columns';

export class AuditLogRow extends Model<InferAttributes<AuditLogRow>, InferCreationAttributes<AuditLogRow>> {
  declare id: CreationOptional<number>;
  declare at: Date;
  declare kind: string;
  declare actor_id: number | null;
  declare token_id: number | null;
  declare ip: string | null;
  declare target: string | null;
  declare subject: string | null;
  declare status: number | null;
  declare details: string | null;
}

/** Binds the models of this feature to `sequelize`. */
export function defineAuditModels(sequelize: Sequelize) {
  AuditLogRow.init(
    {
      id: id(),
      at: date(),
      kind: text(),
      actor_id: nullableInt(),
      token_id: nullableInt(),
      ip: nullableText(),
      target: nullableText(),
      subject: nullableText(),
      status: nullableInt(),
      details: { type: DataTypes.TEXT, allowNull: true },
    },
    { sequelize, tableName: 'audit_log', timestamps: false },
  );
}
