import type { QueryInterface } from 'sequelize';
import { ALWAYS_OPEN } from '../../sla/business-calendar';

const NAME = 'Toujours ouvert (24/7)';

/** The 24/7 calendar exists from the start, for SLAs counted in plain hours. */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  const now = new Date();
  await q.bulkInsert('calendars', [{ name: NAME, definition: JSON.stringify(ALWAYS_OPEN), created_at: now, updated_at: now }]);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.bulkDelete('calendars', { name: NAME });
}
