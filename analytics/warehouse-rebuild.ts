import { QueryTypes, type Sequelize } from 'sequelize';
import { CANONICAL_STATUSES, type CanonicalStatus } from '../lifecycles/definition';
import { toAnalyticsEvent, type AnalyticsEvent, type TicketFacts } from '../tickets/ticket-event';
import { connectClickhouse, type ClickhouseSettings } from './clickhouse';
import { migrateClickhouse } from './clickhouse-migrations';

interface HistoryRow {
  id: number;
  ticket_id: number;
  seq: number;
  at: Date;
  actor_id: number | null;
  action: string;
  from_state: string | null;
  to_state: string;
  data: string;
  analytics: string | null;
}

const isCanonical = (state: string): state is CanonicalStatus => (CANONICAL_STATUSES as readonly string[]).includes(state);

/**
 * An event recorded before history kept its analytics form, rebuilt from the ticket as it is now
 * and the status its previous event left: its category, group and priority are today's.
 */
async function legacyEvents(
  sequelize: Sequelize,
  rows: HistoryRow[],
  statusOf: Map<number, CanonicalStatus>,
): Promise<Map<number, AnalyticsEvent>> {
  const legacy = rows.filter((row) => row.analytics === null);
  if (legacy.length === 0) return new Map();
  const tickets = await sequelize.query<TicketFacts>('SELECT * FROM tickets WHERE id IN (:ids)', {
    replacements: { ids: [...new Set(legacy.map((row) => row.ticket_id))] },
    type: QueryTypes.SELECT,
  });
  const ticketOf = new Map(tickets.map((ticket) => [ticket.id, ticket]));
  const events = new Map<number, AnalyticsEvent>();
  for (const row of legacy) {
    const ticket = ticketOf.get(row.ticket_id);
    if (!ticket) continue;
    const status = isCanonical(row.to_state) ? row.to_state : ticket.status;
    const record = {
      seq: row.seq,
      at: new Date(row.at),
      actorId: row.actor_id,
      action: row.action,
      fromState: row.from_state,
      fromStatus: statusOf.get(row.ticket_id) ?? null,
      toState: row.to_state,
      data: JSON.parse(row.data) as Record<string, unknown>,
    };
    events.set(row.id, toAnalyticsEvent({ ...ticket, opened_at: new Date(ticket.opened_at), status }, record));
  }
  return events;
}

export interface RebuildResult {
  events: number;
  legacyEvents: number;
}

/**
 * Empties the warehouse `settings.database` and replays MariaDB's whole history into it, in the
 * order it was recorded, `batchSize` events at a time. The relay may go on meanwhile: an event it
 * delivers again is absorbed like any redelivery, and one it cannot deliver waits in the outbox.
 * KPI questions fail while the tables are recreated.
 */
export async function rebuildWarehouse(sequelize: Sequelize, settings: ClickhouseSettings, batchSize = 5_000): Promise<RebuildResult> {
  const admin = connectClickhouse(settings, 'default');
  await admin.command({ query: `DROP DATABASE IF EXISTS ${settings.database}` });
  await admin.close();
  await migrateClickhouse(settings);
  const clickhouse = connectClickhouse(settings);
  const statusOf = new Map<number, CanonicalStatus>();
  const result: RebuildResult = { events: 0, legacyEvents: 0 };
  try {
    for (let after = 0; ;) {
      const rows = await sequelize.query<HistoryRow>('SELECT * FROM ticket_events WHERE id > :after ORDER BY id LIMIT :batchSize', {
        replacements: { after, batchSize },
        type: QueryTypes.SELECT,
      });
      if (rows.length === 0) return result;
      const legacy = await legacyEvents(sequelize, rows, statusOf);
      const events = rows.flatMap((row) => {
        const event = row.analytics === null ? legacy.get(row.id) : (JSON.parse(row.analytics) as AnalyticsEvent);
        if (event) statusOf.set(row.ticket_id, event.status);
        return event ? [event] : [];
      });
      await clickhouse.insert({ table: 'ticket_events', values: events, format: 'JSONEachRow' });
      result.events += events.length;
      result.legacyEvents += legacy.size;
      after = rows.at(-1)!.id;
    }
  } finally {
    await clickhouse.close();
  }
}
