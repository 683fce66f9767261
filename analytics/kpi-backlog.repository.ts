import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { BACKLOG, ENTERS_BACKLOG, LEAVES_BACKLOG, MAYBE_IN_BACKLOG } from './kpi-events';
import { queryRows } from './clickhouse';
import { andAll, clickhouseTime, daysOfPeriod, dimensionConditions, eventsOfPeriod, type KpiFilters } from './kpi-filters';
import type { KpiKey } from './kpi-keys';

const Count = z.object({ value: z.coerce.number() });
const Flow = z.object({ key: z.string(), net: z.coerce.number() });

const valueOf = async (clickhouse: ClickHouseClient, query: string): Promise<number> =>
  (await queryRows(clickhouse, query, Count))[0]?.value ?? 0;

/**
 * Tickets in the backlog at `at`: those in it now (judged on their latest values), less the
 * events since `at` that brought tickets in, plus those that took them out. Each flow is a
 * distinct (ticket, seq), so a redelivered event is counted once.
 */
export async function backlogAt(clickhouse: ClickHouseClient, filters: KpiFilters, at: Date): Promise<number> {
  const where = andAll(dimensionConditions(filters));
  const [now, since] = await Promise.all([
    valueOf(clickhouse, `SELECT countIf(status IN ${BACKLOG}${where}) AS value FROM ${MAYBE_IN_BACKLOG}`),
    valueOf(
      clickhouse,
      `SELECT uniqExactIf((ticket_id, seq), ${ENTERS_BACKLOG}) - uniqExactIf((ticket_id, seq), ${LEAVES_BACKLOG}) AS value
       FROM ticket_events WHERE at >= ${clickhouseTime(at)}${where}`,
    ),
  ]);
  return now - since;
}

/** The backlog's net flow (in − out) per key over the period, from the daily aggregate when it holds the key. */
export async function backlogFlowsBy(clickhouse: ClickHouseClient, filters: KpiFilters, key: KpiKey): Promise<Map<string, number>> {
  const query =
    key.daily !== null && filters.technician === undefined
      ? `SELECT ${key.daily} AS key, uniqExactIfMerge(entered_backlog) - uniqExactIfMerge(left_backlog) AS net FROM kpi_daily
         WHERE ${daysOfPeriod(filters)} GROUP BY key`
      : `SELECT ${key.event} AS key, uniqExactIf((ticket_id, seq), ${ENTERS_BACKLOG}) - uniqExactIf((ticket_id, seq), ${LEAVES_BACKLOG}) AS net
         FROM ticket_events WHERE ${eventsOfPeriod(filters)} GROUP BY key`;
  return new Map((await queryRows(clickhouse, query, Flow)).map((row) => [row.key, row.net]));
}
