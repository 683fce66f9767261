import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The history keeps each event's analytics form, so the warehouse can be rebuilt from MariaDB,
 * and tickets count their escalations and assignments for first-contact resolution.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.addColumn('ticket_events', 'analytics', { type: DataTypes.TEXT, allowNull: true });
  const counter = { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, defaultValue: 0 };
  await q.addColumn('tickets', 'escalation_count', counter);
  await q.addColumn('tickets', 'assignment_count', counter);
  await q.sequelize.query(`
    UPDATE tickets t SET
      escalation_count = (SELECT COUNT(*) FROM ticket_events e WHERE e.ticket_id = t.id AND e.action = 'escalate'),
      assignment_count = (SELECT COUNT(*) FROM ticket_events e WHERE e.ticket_id = t.id AND e.action = 'assign')`);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.sequelize.query('ALTER TABLE tickets DROP COLUMN escalation_count, DROP COLUMN assignment_count');
  await q.sequelize.query('ALTER TABLE ticket_events DROP COLUMN analytics');
}
