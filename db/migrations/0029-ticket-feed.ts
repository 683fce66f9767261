import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The change feed: one row per recorded event, followup and task, written with it. Its `position`
 * (commit order) is given after commit by the feed's sequencer, one batch at a time under the
 * lock of `ticket_feed_sequence`'s single row; what is already there is placed in time order.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('ticket_feed', {
    id: { type: DataTypes.BIGINT.UNSIGNED, autoIncrement: true, primaryKey: true },
    position: { type: DataTypes.BIGINT.UNSIGNED, allowNull: true },
    ticket_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    ref_id: { type: DataTypes.BIGINT.UNSIGNED, allowNull: false },
    token_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: true },
  });
  await q.addIndex('ticket_feed', ['position'], { unique: true });
  await q.createTable('ticket_feed_sequence', {
    id: { type: DataTypes.TINYINT.UNSIGNED, primaryKey: true },
    last_position: { type: DataTypes.BIGINT.UNSIGNED, allowNull: false },
  });
  await q.sequelize.query(`
    INSERT INTO ticket_feed (position, ticket_id, kind, ref_id)
    SELECT ROW_NUMBER() OVER (ORDER BY at, kind, ref_id), ticket_id, kind, ref_id FROM (
      SELECT ticket_id, 'event' AS kind, id AS ref_id, at FROM ticket_events
      UNION ALL SELECT ticket_id, 'followup', id, created_at FROM ticket_followups
      UNION ALL SELECT ticket_id, 'task', id, created_at FROM ticket_tasks
    ) AS past`);
  await q.sequelize.query('INSERT INTO ticket_feed_sequence (id, last_position) SELECT 1, COALESCE(MAX(position), 0) FROM ticket_feed');
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('ticket_feed_sequence');
  await q.dropTable('ticket_feed');
}
