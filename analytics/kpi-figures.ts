/** What the KPI queries total for one key (the whole period, a bucket or a dimension's value), before any ticket counts. */
export const NO_TOTALS = {
  created: 0,
  resolved: 0,
  closed: 0,
  escalated: 0,
  reopened: 0,
  breached: 0,
  /** Tickets taken into account, and their times to own (calendar seconds, working minutes). */
  taken: 0,
  takeSeconds: 0,
  takeWorkingMinutes: 0,
  takenUnderSla: 0,
  takenInTime: 0,
  /** Tickets whose last resolution in the period is this key's, and what it tells. */
  resolutions: 0,
  resolveSeconds: 0,
  resolveWorkingMinutes: 0,
  resolvedUnderSla: 0,
  resolvedInTime: 0,
  resolvedTtrInTime: 0,
  resolvedReopened: 0,
  resolvedEscalated: 0,
  resolvedFirstContact: 0,
  rated: 0,
  ratingSum: 0,
};
export type KpiTotals = typeof NO_TOTALS;

/** The KPIs of one key, as the API gives them; formulas in docs/kpis.md. */
export interface KpiFigures {
  created: number;
  resolved: number;
  closed: number;
  escalated: number;
  reopened: number;
  breached: number;
  mttoSeconds: number | null;
  mttrSeconds: number | null;
  mttoWorkingMinutes: number | null;
  mttrWorkingMinutes: number | null;
  slaCompliance: number | null;
  ttoCompliance: number | null;
  ttrCompliance: number | null;
  reopenRate: number | null;
  fcrRate: number | null;
  escalationRate: number | null;
  satisfaction: number | null;
}

// Six decimals: more than any figure needs, and the same whatever order ClickHouse summed in.
const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1e6) / 1e6 : null);

/**
 * The KPIs from one key's totals: counts as they are, means and rates over the tickets they
 * concern, null where no ticket is concerned.
 * @example kpiFiguresOf(row).mttrSeconds // mean time to resolve of the key's resolved tickets
 */
export function kpiFiguresOf(row: KpiTotals): KpiFigures {
  return {
    created: row.created,
    resolved: row.resolved,
    closed: row.closed,
    escalated: row.escalated,
    reopened: row.reopened,
    breached: row.breached,
    mttoSeconds: ratio(row.takeSeconds, row.taken),
    mttrSeconds: ratio(row.resolveSeconds, row.resolutions),
    mttoWorkingMinutes: ratio(row.takeWorkingMinutes, row.taken),
    mttrWorkingMinutes: ratio(row.resolveWorkingMinutes, row.resolutions),
    slaCompliance: ratio(row.resolvedInTime, row.resolvedUnderSla),
    ttoCompliance: ratio(row.takenInTime, row.takenUnderSla),
    ttrCompliance: ratio(row.resolvedTtrInTime, row.resolvedUnderSla),
    reopenRate: ratio(row.resolvedReopened, row.resolutions),
    fcrRate: ratio(row.resolvedFirstContact, row.resolutions),
    escalationRate: ratio(row.resolvedEscalated, row.resolutions),
    satisfaction: ratio(row.ratingSum, row.rated),
  };
}
