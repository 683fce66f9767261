/**
 * The warehouse schema, as migrations in order. SQL that runs on ClickHouse 18.16 and 24.x alike.
 *
 * 18.16 has no insert deduplication on a single node, so a redelivered batch lands twice in
 * every table. None of them lets a duplicate change a figure: `ticket_events` and
 * `ticket_state` and `ticket_resolutions` collapse on their keys (and are read per ticket with
 * argMax / uniqExact or FINAL), and `kpi_daily` holds only sets (uniqExact) of tickets or of (ticket, seq) pairs,
 * which a second copy of an event leaves as they were.
 */
import { COUNTED_METRICS, COUNTED_WHEN, ENTERS_BACKLOG, ENTERS_RESOLVED, LEAVES_BACKLOG, RESOLUTION_FLAGS } from './kpi-events';

export interface WarehouseMigration {
  name: string;
  statements: string[];
}

/** What the materialized view computes for each inserted block, and the backfill for events already there. */
const KPI_DAILY_SELECT = `
  SELECT
    toDate(at) AS day, ticket_type, priority, category, group_id, entity_id,
    ${COUNTED_METRICS.map((metric) => `uniqExactIfState(ticket_id, ${COUNTED_WHEN[metric]}) AS ${metric}`).join(',\n    ')},
    uniqExactIfState((ticket_id, seq), ${ENTERS_BACKLOG}) AS entered_backlog,
    uniqExactIfState((ticket_id, seq), ${LEAVES_BACKLOG}) AS left_backlog
  FROM ticket_events
  GROUP BY day, ticket_type, priority, category, group_id, entity_id`;

/** One row per resolution, with `extraColumns` of the event after the first ones (the view of 0009 had none). */
const resolutionsSelect = (extraColumns = '') => `
  SELECT at, ticket_id, seq, ticket_type, priority, category, entity_id, group_id, assignee_id, level, source,
    toUInt32(greatest(toInt64(at) - toInt64(opened_at), 0)) AS seconds, working_minutes, ${RESOLUTION_FLAGS} AS flags${extraColumns}
  FROM ticket_events WHERE ${ENTERS_RESOLVED}`;

const ASSET_COLUMNS =
  'asset_manufacturers Array(String) DEFAULT emptyArrayString(), ADD COLUMN asset_models Array(String) DEFAULT emptyArrayString()';

const TICKET_STATE_SELECT = `
  SELECT ticket_id, seq, at AS updated_at, status, ticket_type, priority, category, entity_id, group_id,
    assignee_id, level, source, location, opened_at
  FROM ticket_events`;

/**
 * A table fed by a materialized view over `ticket_events`, filled first with the events already
 * there (an event that arrives in between is counted twice, which no table lets change a figure).
 */
const fedByView = (table: string, columnsAndEngine: string, select: string): string[] => [
  `CREATE TABLE IF NOT EXISTS ${table} ${columnsAndEngine}`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS ${table}_mv TO ${table} AS ${select}`,
  `INSERT INTO ${table} ${select}`,
];

const DISTINCT_TICKETS = 'AggregateFunction(uniqExactIf, UInt32, UInt8)';
const DISTINCT_EVENTS = 'AggregateFunction(uniqExactIf, Tuple(UInt32, UInt32), UInt8)';

export const WAREHOUSE_MIGRATIONS: WarehouseMigration[] = [
  {
    name: '0001-ticket-events',
    statements: [
      `CREATE TABLE IF NOT EXISTS ticket_events (
        ticket_id UInt32, seq UInt32, at DateTime, action String, actor_id UInt32,
        from_state String, to_state String, status String, ticket_type String, priority UInt8,
        category String, group_id UInt32, assignee_id UInt32, level UInt8, opened_at DateTime
      ) ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(at) ORDER BY (ticket_id, seq)`,
    ],
  },
  // The requester's satisfaction rating (1–5) on their `satisfaction` event; 0 on every other event.
  { name: '0002-satisfaction-rating', statements: ['ALTER TABLE ticket_events ADD COLUMN rating UInt8 DEFAULT 0'] },
  // The SLA the ticket is held to (0 for none): SLA compliance counts only those tickets.
  { name: '0003-sla', statements: ['ALTER TABLE ticket_events ADD COLUMN sla_id UInt32 DEFAULT 0'] },
  // Working minutes the ticket's TTR has stood still so far (pending, awaiting the requester).
  { name: '0004-waiting-minutes', statements: ['ALTER TABLE ticket_events ADD COLUMN waiting_minutes Float64 DEFAULT 0'] },
  // What the aggregates need from each event: the status it leaves, where the ticket belongs, and its counters so far.
  {
    name: '0005-event-facts',
    statements: [
      `ALTER TABLE ticket_events
        ADD COLUMN from_status String DEFAULT '', ADD COLUMN entity_id UInt32 DEFAULT 0,
        ADD COLUMN source String DEFAULT '', ADD COLUMN location String DEFAULT '',
        ADD COLUMN taken UInt8 DEFAULT 0, ADD COLUMN working_minutes Float64 DEFAULT 0,
        ADD COLUMN reopen_count UInt32 DEFAULT 0, ADD COLUMN escalations UInt32 DEFAULT 0,
        ADD COLUMN assignments UInt32 DEFAULT 0, ADD COLUMN tto_breached UInt8 DEFAULT 0,
        ADD COLUMN ttr_breached UInt8 DEFAULT 0`,
    ],
  },
  // Raw events ordered by time, so a period is a range of the primary key; a redelivered event still collapses (same time, ticket, seq).
  {
    name: '0006-events-by-time',
    statements: [
      'DROP TABLE IF EXISTS ticket_events_by_ticket',
      `CREATE TABLE IF NOT EXISTS ticket_events_by_time AS ticket_events
        ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(at) ORDER BY (at, ticket_id, seq)`,
      'INSERT INTO ticket_events_by_time SELECT * FROM ticket_events',
      'RENAME TABLE ticket_events TO ticket_events_by_ticket, ticket_events_by_time TO ticket_events',
      'DROP TABLE ticket_events_by_ticket',
    ],
  },
  // Each ticket as of its latest event: the newest seq wins when parts merge; read with argMax until then.
  {
    name: '0007-ticket-state',
    statements: fedByView(
      'ticket_state',
      `(
        ticket_id UInt32, seq UInt32, updated_at DateTime, status String, ticket_type String, priority UInt8,
        category String, entity_id UInt32, group_id UInt32, assignee_id UInt32, level UInt8,
        source String, location String, opened_at DateTime
      ) ENGINE = ReplacingMergeTree(seq) ORDER BY ticket_id`,
      TICKET_STATE_SELECT,
    ),
  },
  // The dashboards' counts per day and per dimension, and the backlog's flows in and out, fed by a materialized view.
  {
    name: '0008-kpi-daily',
    statements: fedByView(
      'kpi_daily',
      `(
        day Date, ticket_type String, priority UInt8, category String, group_id UInt32, entity_id UInt32,
        ${COUNTED_METRICS.map((metric) => `${metric} ${DISTINCT_TICKETS}`).join(', ')},
        entered_backlog ${DISTINCT_EVENTS}, left_backlog ${DISTINCT_EVENTS}
      ) ENGINE = AggregatingMergeTree PARTITION BY toYYYYMM(day)
        ORDER BY (day, ticket_type, priority, category, group_id, entity_id)`,
      KPI_DAILY_SELECT,
    ),
  },
  // One row per resolution, narrow, for times to resolve and the rates judged at resolution.
  {
    name: '0009-ticket-resolutions',
    statements: fedByView(
      'ticket_resolutions',
      `(
        at DateTime, ticket_id UInt32, seq UInt32, ticket_type String, priority UInt8, category String,
        entity_id UInt32, group_id UInt32, assignee_id UInt32, level UInt8, source String,
        seconds UInt32, working_minutes Float64, flags UInt8
      ) ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(at) ORDER BY (at, ticket_id, seq)`,
      resolutionsSelect(),
    ),
  },
  // The makers and models of the assets a ticket concerns, on its events and resolutions: KPIs by model.
  {
    name: '0010-asset-dimensions',
    statements: [
      `ALTER TABLE ticket_events ADD COLUMN ${ASSET_COLUMNS}`,
      `ALTER TABLE ticket_resolutions ADD COLUMN ${ASSET_COLUMNS}`,
      'DROP TABLE IF EXISTS ticket_resolutions_mv',
      `CREATE MATERIALIZED VIEW IF NOT EXISTS ticket_resolutions_mv TO ticket_resolutions AS ${resolutionsSelect(', asset_manufacturers, asset_models')}`,
    ],
  },
];
