import type { ClickHouseClient } from '@clickhouse/client';
import { categoryWithChildrenOrFail } from '../organisation/category.repository';
import { allEntityIds, entityWithChildrenOrFail } from '../organisation/entity.repository';
import { entitiesWhere } from '../users/access';
import type { CurrentUser } from '../users/user';
import { userNamesOf } from '../users/user-names.repository';
import { periodInSeconds, type KpiFilters } from './kpi-filters';
import { kpiHeatmap, kpiRecurring, kpiSatisfaction, kpiWorkload } from './kpi-panels.repository';
import { kpiBreakdown, kpiTimeseries } from './kpi-series.repository';
import { kpiSummary } from './kpi.repository';
import {
  DEFAULT_PERIOD_MS,
  type KpiBreakdown,
  type KpiBreakdownQuery,
  type KpiHeatmap,
  type KpiQuery,
  type KpiRecurring,
  type KpiRecurringQuery,
  type KpiSatisfaction,
  type KpiSummary,
  type KpiTimeseries,
  type KpiTimeseriesQuery,
  type KpiWorkload,
} from './kpi.schemas';

// Figures cover the entities where the user reads tickets: all of them (no filter) when that is every entity.
async function readableEntities(user: CurrentUser, asked: number | undefined): Promise<number[] | undefined> {
  const readable = entitiesWhere(user, 'readers');
  const wanted = asked === undefined ? await allEntityIds() : await entityWithChildrenOrFail(asked, 'entity');
  const within = wanted.filter((id) => readable.includes(id));
  return asked === undefined && within.length === wanted.length ? undefined : within;
}

// The period (default: the last 30 days) and the filters; a category or an entity with those below it.
async function filtersOf(user: CurrentUser, query: KpiQuery): Promise<KpiFilters> {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_PERIOD_MS);
  return {
    ...periodInSeconds(from, to),
    group: query.group,
    priority: query.priority,
    type: query.type,
    technician: query.technician,
    categories: query.category === undefined ? undefined : await categoryWithChildrenOrFail(query.category, 'category'),
    entities: await readableEntities(user, query.entity),
  };
}

/** The desk's figures, computed in ClickHouse over the tickets of the entities the caller reads. */
export function createKpiService(clickhouse: ClickHouseClient) {
  return {
    summary: async (user: CurrentUser, query: KpiQuery): Promise<KpiSummary> => kpiSummary(clickhouse, await filtersOf(user, query)),

    timeseries: async (user: CurrentUser, query: KpiTimeseriesQuery): Promise<KpiTimeseries> => ({
      metric: query.metric,
      interval: query.interval,
      points: await kpiTimeseries(clickhouse, await filtersOf(user, query), query.metric, query.interval),
    }),

    breakdown: async (user: CurrentUser, query: KpiBreakdownQuery): Promise<KpiBreakdown> => ({
      metric: query.metric,
      by: query.by,
      items: await kpiBreakdown(clickhouse, await filtersOf(user, query), query.metric, query.by),
    }),

    heatmap: async (user: CurrentUser, query: KpiQuery): Promise<KpiHeatmap> => ({
      items: await kpiHeatmap(clickhouse, await filtersOf(user, query)),
    }),

    satisfaction: async (user: CurrentUser, query: KpiQuery): Promise<KpiSatisfaction> =>
      kpiSatisfaction(clickhouse, await filtersOf(user, query)),

    /** Each technician's workload, named. */
    workload: async (user: CurrentUser, query: KpiQuery): Promise<KpiWorkload> => {
      const items = await kpiWorkload(clickhouse, await filtersOf(user, query));
      const names = await userNamesOf(items.map((item) => item.technician));
      return { items: items.map((item) => ({ ...item, name: names.get(item.technician) ?? `#${item.technician}` })) };
    },

    recurring: async (user: CurrentUser, query: KpiRecurringQuery): Promise<KpiRecurring> => ({
      items: await kpiRecurring(clickhouse, await filtersOf(user, query), query.minCount, query.windowDays),
    }),
  };
}

export type KpiService = ReturnType<typeof createKpiService>;
