import type { ClickHouseClient } from '@clickhouse/client';
import { ForbiddenError } from '../core/errors';
import { kpiSummary } from '../analytics/kpi.repository';
import { KpiSummary, KpiSummaryQuery } from '../analytics/kpi.schemas';
import { categoryWithChildrenOrFail } from '../organisation/category.repository';
import { route } from './route';

const DAY_MS = 86_400_000;

export function kpiRoutes(clickhouse: ClickHouseClient) {
  return [
    route({
      method: 'get',
      path: '/api/v1/kpis/summary',
      summary: 'KPI summary for a period (default: the last 30 days), computed in ClickHouse',
      tag: 'KPIs',
      authenticated: true,
      query: KpiSummaryQuery,
      response: KpiSummary,
      handle: async ({ user, query }) => {
        if (user.profile === 'requester') throw new ForbiddenError('KPIs are for the desk and its managers');
        const to = query.to ? new Date(query.to) : new Date();
        const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
        const categories = query.category === undefined ? undefined : await categoryWithChildrenOrFail(query.category, 'category');
        return kpiSummary(clickhouse, { from, to, group: query.group, priority: query.priority, categories });
      },
    }),
  ];
}
