import type { Client } from '@temporalio/client';
import { Op } from 'sequelize';
import { logger } from '../config/logger';
import { TicketRow } from '../tickets/ticket.models';
import { replaceSlaTermsUpdate } from '../workflows/ticket.contracts';
import { updateTicketWorkflow } from '../workflows/ticket-workflow.client';
import { underNewTerms, type SlaClocks, type SlaLevelState } from './sla-clock';
import { currentSlaTermsOrFail } from './sla.repository';
import type { RecomputeReport } from './sla.schemas';

const levelsPast = (levels: SlaLevelState[], now: number): number[] =>
  levels.flatMap((level, index) => (!level.fired && level.at !== null && Date.parse(level.at) <= now ? [index] : []));

/**
 * Recomputes the clocks of the open tickets held to an SLA after it (or its calendar) changed, from
 * each ticket's ledger. A dry run says what would move; otherwise each ticket's workflow applies the
 * new terms itself and records the change.
 */
export function createSlaRecomputeService({ temporal }: { temporal: Client }) {
  async function apply(ticketId: number, terms: Awaited<ReturnType<typeof currentSlaTermsOrFail>>): Promise<boolean> {
    try {
      await updateTicketWorkflow(temporal, ticketId, replaceSlaTermsUpdate, terms);
      return true;
    } catch (error) {
      // A ticket closed meanwhile has no clock left to move.
      logger.warn({ err: error, ticketId }, 'SLA terms not applied to this ticket');
      return false;
    }
  }

  return {
    async recompute(slaId: number, dryRun: boolean): Promise<RecomputeReport> {
      const terms = await currentSlaTermsOrFail(slaId);
      const rows = await TicketRow.findAll({ where: { sla_id: slaId, status: { [Op.ne]: 'closed' } }, order: [['id', 'ASC']] });
      const now = new Date();
      const tickets: RecomputeReport['tickets'] = [];
      for (const row of rows) {
        const before = JSON.parse(row.sla_clocks ?? 'null') as SlaClocks | null;
        if (!before) continue;
        const after = underNewTerms(before, terms, now);
        tickets.push({
          ticket: row.id,
          ttoDue: { from: before.tto.due, to: after.tto.due },
          ttrDue: { from: before.ttr.due, to: after.ttr.due },
          missedLevels: levelsPast(before.levels, now.getTime() - 60_000),
          levelsFiringAtOnce: levelsPast(after.levels, now.getTime()),
          applied: dryRun ? false : await apply(row.id, terms),
        });
      }
      return { sla: slaId, dryRun, tickets };
    },
  };
}
