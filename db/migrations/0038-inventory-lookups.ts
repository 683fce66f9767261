import type { QueryInterface } from 'sequelize';

/**
 * What the inventory looks things up by: a device's inventories together (the one waiting is
 * superseded, the earlier ones' XML let go), and computers by name alone (the last of the
 * identities an agent's inventory is matched by, across entities).
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.addIndex('inventory_submissions', ['device_id', 'id']);
  await q.addIndex('assets', ['name']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.removeIndex('assets', ['name']);
  await q.removeIndex('inventory_submissions', ['device_id', 'id']);
}
