import { changeableOrFail, entitiesSeenBy } from '../organisation/entity-scope';
import { visibleTicketOrFail } from '../tickets/ticket.repository';
import { administeredOrFail } from '../users/access';
import type { CurrentUser } from '../users/user';
import { explainedLedger, waitingMinutes, type SlaClocks } from './sla-clock';
import { nextWorkingPeriods } from './business-calendar';
import { NotFoundError } from '../core/errors';
import type { createSlaRecomputeService } from './sla-recompute.service';
import {
  calendarById,
  calendarEntityOf,
  createCalendar,
  createSla,
  listCalendars,
  listSlas,
  slaEntityOf,
  updateCalendar,
  updateSla,
} from './sla.repository';
import type {
  CalendarPreview,
  CalendarView,
  CreateCalendarBody,
  CreateSlaBody,
  RecomputeReport,
  SlaView,
  TicketSlaView,
  UpdateCalendarBody,
  UpdateSlaBody,
} from './sla.schemas';

const NO_SLA: TicketSlaView = { sla: null, calendar: null, tto: null, ttr: null, ledger: [], waitingMinutes: 0, levelClocks: null };

/**
 * Business calendars and SLAs: seen in their entity and below, changed only by the
 * administrators of their entity; a ticket's clocks explained by their ledger.
 */
export function createSlaService(recomputer: ReturnType<typeof createSlaRecomputeService>) {
  return {
    listCalendars: async (user: CurrentUser): Promise<CalendarView[]> => listCalendars(await entitiesSeenBy(user)),

    async createCalendar(user: CurrentUser, body: CreateCalendarBody): Promise<CalendarView> {
      administeredOrFail(user, body.entity, 'entity');
      return createCalendar(body);
    },

    /** The calendar's next working periods from now: how its hours and holidays play out. */
    async previewCalendar(user: CurrentUser, id: number, count: number): Promise<CalendarPreview> {
      const calendar = await calendarById(id);
      if (!calendar || !(await entitiesSeenBy(user)).includes(calendar.entity)) throw new NotFoundError(`Calendar ${id}`);
      return { timezone: calendar.timezone, periods: nextWorkingPeriods(calendar, new Date(), count) };
    },

    async updateCalendar(user: CurrentUser, id: number, body: UpdateCalendarBody): Promise<CalendarView> {
      await changeableOrFail(user, await calendarEntityOf(id), `Calendar ${id}`);
      return updateCalendar(id, body);
    },

    listSlas: async (user: CurrentUser): Promise<SlaView[]> => listSlas(await entitiesSeenBy(user)),

    async createSla(user: CurrentUser, body: CreateSlaBody): Promise<SlaView> {
      administeredOrFail(user, body.entity, 'entity');
      return createSla(body);
    },

    async updateSla(user: CurrentUser, id: number, body: UpdateSlaBody): Promise<SlaView> {
      await changeableOrFail(user, await slaEntityOf(id), `SLA ${id}`);
      return updateSla(id, body);
    },

    async recompute(user: CurrentUser, id: number, dryRun: boolean): Promise<RecomputeReport> {
      await changeableOrFail(user, await slaEntityOf(id), `SLA ${id}`);
      return recomputer.recompute(id, dryRun);
    },

    /** The ticket's clocks as of now, each due date explained by the intervals that count towards it. */
    async ticketClocks(user: CurrentUser, ticketId: number): Promise<TicketSlaView> {
      const ticket = await visibleTicketOrFail(user, ticketId);
      if (ticket.sla_clocks === null) return NO_SLA;
      const clocks = JSON.parse(ticket.sla_clocks) as SlaClocks;
      const now = new Date();
      const { ola } = clocks;
      return {
        sla: clocks.slaId,
        calendar: clocks.calendar,
        tto: clocks.tto,
        ttr: clocks.ttr,
        ledger: explainedLedger(clocks, now),
        waitingMinutes: waitingMinutes(clocks, now),
        levelClocks: ola ? { level: ola.level, tto: ola.clocks.tto, ttr: ola.clocks.ttr, ledger: explainedLedger(ola.clocks, now) } : null,
      };
    },
  };
}

export type SlaService = ReturnType<typeof createSlaService>;
