import type { ClickHouseClient } from '@clickhouse/client';
import { backlogAt } from './kpi-backlog.repository';
import { kpiFiguresOf, NO_TOTALS } from './kpi-figures';
import type { KpiFilters } from './kpi-filters';
import { TOTAL_KEY } from './kpi-keys';
import type { KpiSummary } from './kpi.schemas';
import { kpiTotalsBy } from './kpi-totals.repository';

/**
 * The KPI summary for a period: the period's totals and the backlog at its end, queried at once.
 * Formulas are in docs/kpis.md.
 */
export async function kpiSummary(clickhouse: ClickHouseClient, filters: KpiFilters): Promise<KpiSummary> {
  const [totals, backlog] = await Promise.all([kpiTotalsBy(clickhouse, filters, TOTAL_KEY), backlogAt(clickhouse, filters, filters.to)]);
  return {
    from: filters.from.toISOString(),
    to: filters.to.toISOString(),
    backlog,
    ...kpiFiguresOf(totals.get('') ?? NO_TOTALS),
  };
}
