import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { BACKLOG, ENTERS_BACKLOG, LEAVES_BACKLOG, MAYBE_IN_BACKLOG } from './kpi-events';
import { andAll, clickhouseTime, dimensionConditions, type KpiFilters } from './kpi-filters';
import type { KpiKey } from './kpi-keys';

const Count = z.object({ value: z.coerce.number() });
const Flow = z.object({ key: z.string(), net: z.coerce.number() });

async function valueOf(clickhouse: ClickHouseClient, query: string): Promise<number> {
  const rows = await (await clickhouse.query({ query, format: 'JSONEachRow' })).json();
  return Count.array().parse(rows)[0]?.value ?? 0;
}

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
  const where = andAll(dimensionConditions(filters));
  const query =
    key.daily !== null && filters.technician === undefined
      ? `SELECT ${key.daily} AS key, uniqExactIfMerge(entered_backlog) - uniqExactIfMerge(left_backlog) AS net FROM kpi_daily
         WHERE day >= toDate(${clickhouseTime(filters.from)}) AND day < toDate(${clickhouseTime(filters.to)})${where} GROUP BY key`
      : `SELECT ${key.event} AS key, uniqExactIf((ticket_id, seq), ${ENTERS_BACKLOG}) - uniqExactIf((ticket_id, seq), ${LEAVES_BACKLOG}) AS net
         FROM ticket_events WHERE at >= ${clickhouseTime(filters.from)} AND at < ${clickhouseTime(filters.to)}${where} GROUP BY key`;
  const rows = Flow.array().parse(await (await clickhouse.query({ query, format: 'JSONEachRow' })).json());
  return new Map(rows.map((row) => [row.key, row.net]));
}
