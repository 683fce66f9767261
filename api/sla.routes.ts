import {
  CalendarList,
  CalendarView,
  CreateCalendarBody,
  CreateSlaBody,
  IdParams,
  RecomputeBody,
  RecomputeReport,
  SlaList,
  SlaView,
  TicketSlaView,
  UpdateCalendarBody,
  UpdateSlaBody,
} from '../sla/sla.schemas';
import {
  calendarEntityOf,
  createCalendar,
  createSla,
  listCalendars,
  listSlas,
  slaEntityOf,
  updateCalendar,
  updateSla,
} from '../sla/sla.repository';
import type { createSlaRecomputeService } from '../sla/sla-recompute.service';
import { explainedLedger, waitingMinutes, type SlaClocks } from '../sla/sla-clock';
import { visibleTicketOrFail } from '../tickets/ticket.repository';
import { TicketParams } from '../tickets/ticket.schemas';
import { changeableOrFail, entitiesSeenBy } from '../organisation/entity-scope';
import { administeredOrFail } from '../users/access';
import { route } from './route';

export function slaRoutes(recomputer: ReturnType<typeof createSlaRecomputeService>) {
  return [
    route({
      method: 'patch',
      path: '/api/v1/calendars/:id',
      summary: "Change a business calendar (administrators); open tickets' due dates move when their SLA is recomputed",
      tag: 'SLAs',
      allow: 'admins',
      params: IdParams,
      body: UpdateCalendarBody,
      response: CalendarView,
      handle: async ({ user, params, body }) => {
        await changeableOrFail(user, await calendarEntityOf(params.id), `Calendar ${params.id}`);
        return updateCalendar(params.id, body);
      },
    }),
    route({
      method: 'patch',
      path: '/api/v1/slas/:id',
      summary: 'Change an SLA (administrators); open tickets keep their clocks until it is recomputed',
      tag: 'SLAs',
      allow: 'admins',
      params: IdParams,
      body: UpdateSlaBody,
      response: SlaView,
      handle: async ({ user, params, body }) => {
        await changeableOrFail(user, await slaEntityOf(params.id), `SLA ${params.id}`);
        return updateSla(params.id, body);
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/slas/:id/recompute',
      summary:
        'Recompute the clocks of the open tickets held to an SLA from their ledgers, after the SLA or its calendar changed; a dry run (the default) only reports what would move and which levels were missed',
      tag: 'SLAs',
      allow: 'admins',
      params: IdParams,
      body: RecomputeBody,
      response: RecomputeReport,
      handle: async ({ user, params, body }) => {
        await changeableOrFail(user, await slaEntityOf(params.id), `SLA ${params.id}`);
        return recomputer.recompute(params.id, body.dryRun);
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/calendars',
      summary: 'Add a business calendar: working hours per weekday in a time zone, and holidays (administrators)',
      tag: 'SLAs',
      allow: 'admins',
      body: CreateCalendarBody,
      response: CalendarView,
      status: 201,
      handle: async ({ user, body }) => {
        administeredOrFail(user, body.entity, 'entity');
        return createCalendar(body);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/calendars',
      summary: 'The business calendars',
      tag: 'SLAs',
      allow: 'readers',
      response: CalendarList,
      handle: async ({ user }) => {
        return { items: await listCalendars(await entitiesSeenBy(user)) };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/slas',
      summary:
        'Add an SLA: time to own and to resolve in working minutes on a calendar, which tickets it matches, its escalation levels (administrators)',
      tag: 'SLAs',
      allow: 'admins',
      body: CreateSlaBody,
      response: SlaView,
      status: 201,
      handle: async ({ user, body }) => {
        administeredOrFail(user, body.entity, 'entity');
        return createSla(body);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/slas',
      summary: 'The SLAs',
      tag: 'SLAs',
      allow: 'readers',
      response: SlaList,
      handle: async ({ user }) => {
        return { items: await listSlas(await entitiesSeenBy(user)) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/tickets/:id/sla',
      summary: "A ticket's SLA clocks with their due dates and the ledger of intervals that explains them",
      tag: 'SLAs',
      allow: 'everyone',
      params: TicketParams,
      response: TicketSlaView,
      handle: async ({ user, params }) => {
        const ticket = await visibleTicketOrFail(user, params.id);
        if (ticket.sla_clocks === null)
          return { sla: null, calendar: null, tto: null, ttr: null, ledger: [], waitingMinutes: 0, levelClocks: null };
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
          levelClocks: ola
            ? { level: ola.level, tto: ola.clocks.tto, ttr: ola.clocks.ttr, ledger: explainedLedger(ola.clocks, now) }
            : null,
        };
      },
    }),
  ];
}
