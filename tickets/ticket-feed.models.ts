import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { id, int } from '../db/columns';

/** What a place in the change feed stands for: a recorded event, a followup or a task. */
export type FeedKind = 'event' | 'followup' | 'task';

export class TicketFeedRow extends Model<InferAttributes<TicketFeedRow>, InferCreationAttributes<TicketFeedRow>> {
  declare id: CreationOptional<number>;
  /** Its place in commit order, given by the sequencer once the row is committed. */
  declare position: CreationOptional<number | null>;
  declare ticket_id: number;
  declare kind: FeedKind;
  declare ref_id: number;
  /** The API token the change came through, if any: that token's webhooks are not told of it. */
  declare token_id: number | null;
}

/** Binds the models of this feature to `sequelize`. */
export function defineTicketFeedModels(sequelize: Sequelize) {
  TicketFeedRow.init(
    {
      id: id(),
      position: { type: DataTypes.BIGINT.UNSIGNED, allowNull: true },
      ticket_id: int(),
      kind: { type: DataTypes.STRING(16), allowNull: false },
      ref_id: { type: DataTypes.BIGINT.UNSIGNED, allowNull: false },
      token_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: true },
    },
    { sequelize, tableName: 'ticket_feed', timestamps: false, underscored: true },
  );
}
