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

/** The tickets of the events recorded before history kept their analytics form, by id. */
async function ticketsOfLegacy(sequelize: Sequelize, rows: HistoryRow[]): Promise<Map<number, TicketFacts>> {
  const ids = [...new Set(rows.filter((row) => row.analytics === null).map((row) => row.ticket_id))];
  if (ids.length === 0) return new Map();
  const tickets = await sequelize.query<TicketFacts>('SELECT * FROM tickets WHERE id IN (:ids)', {
    replacements: { ids },
    type: QueryTypes.SELECT,
  });
  return new Map(tickets.map((ticket) => [ticket.id, { ...ticket, opened_at: new Date(ticket.opened_at) }]));
}

/**
 * An event recorded before history kept its analytics form, rebuilt from the ticket as it is now
 * and the status its previous event left: its category, group, priority and counters are today's.
 */
function legacyEvent(row: HistoryRow, ticket: TicketFacts, fromStatus: CanonicalStatus | null): AnalyticsEvent {
  const record = {
    seq: row.seq,
    at: new Date(row.at),
    actorId: row.actor_id,
    action: row.action,
    fromState: row.from_state,
    fromStatus,
    toState: row.to_state,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
  return toAnalyticsEvent({ ...ticket, status: isCanonical(row.to_state) ? row.to_state : ticket.status }, record);
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
      const legacyTickets = await ticketsOfLegacy(sequelize, rows);
      const events: AnalyticsEvent[] = [];
      for (const row of rows) {
        const ticket = legacyTickets.get(row.ticket_id);
        const event =
          row.analytics !== null
            ? (JSON.parse(row.analytics) as AnalyticsEvent)
            : ticket && legacyEvent(row, ticket, statusOf.get(row.ticket_id) ?? null);
        if (!event) continue;
        if (row.analytics === null) result.legacyEvents += 1;
        statusOf.set(row.ticket_id, event.status);
        events.push(event);
      }
      await clickhouse.insert({ table: 'ticket_events', values: events, format: 'JSONEachRow' });
      result.events += events.length;
      after = rows.at(-1)!.id;
    }
  } finally {
    await clickhouse.close();
  }
}
