import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  // Everyone on a ticket besides its main requester: assigned technicians and groups (kept from the
  // lifecycle's state), further requesters and observers (edited with the ticket's fields).
  await q.createTable('ticket_actors', {
    ticket_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, primaryKey: true, references: { model: 'tickets', key: 'id' } },
    kind: { type: DataTypes.STRING(16), allowNull: false, primaryKey: true },
    actor_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, primaryKey: true },
  });
  await q.addIndex('ticket_actors', ['actor_id', 'kind', 'ticket_id']);
  await q.sequelize.query(
    "INSERT INTO ticket_actors (ticket_id, kind, actor_id) SELECT id, 'technician', assignee_id FROM tickets WHERE assignee_id IS NOT NULL",
  );
  await q.sequelize.query(
    "INSERT INTO ticket_actors (ticket_id, kind, actor_id) SELECT id, 'group', group_id FROM tickets WHERE group_id IS NOT NULL",
  );
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('ticket_actors');
}
