import { z } from 'zod';
import { IllegalActionError, UnauthorizedError, ValidationError } from '../core/errors';
import type { CanonicalStatus } from '../lifecycles/definition';
import type { TicketService } from '../tickets/ticket.service';
import type { TicketView } from '../tickets/ticket.schemas';
import { createTimelineService } from '../tickets/timeline.service';
import type { TimelineItem } from '../tickets/timeline.schemas';
import { parseOrFail } from '../core/parse-or-fail';
import { primaryProfileOf } from '../users/access';
import { API_TOKEN_PREFIX, userOfApiToken } from '../users/api-token.repository';
import { authenticate } from '../users/auth.service';
import { currentUserOf } from '../users/current-user.repository';
import type { LoginSettings } from '../users/ldap-settings';
import type { Profile } from '../users/profiles';
import type { CurrentUser } from '../users/user';
import { dropdownNamesOf, entityNamesOf } from './glpi-names.repository';
import { TICKET_SEARCH_OPTIONS, criteriaOf, displayedOptions, optionIdOf, paramText } from './glpi-search-options';
import { whereOfCriteria } from './glpi-search.repository';
import { closeGlpiSession, openGlpiSession, userOfGlpiSession } from './glpi-session.repository';
import { recordAudit } from '../audit/audit-log.repository';
import { GLPI_STATUS, GLPI_TYPE, GlpiTicketInput, GlpiTime, creationOf, glpiDate, glpiTicketOf, updateOf } from './glpi-ticket';
import { GlpiError, glpiErrorOf } from './glpi-errors';

const INIT_TARGET = 'GET /apirest.php/initSession';

/** GLPI's default profiles, for ours. */
const GLPI_PROFILES: Record<Profile, { id: number; name: string }> = {
  requester: { id: 1, name: 'Self-Service' },
  manager: { id: 2, name: 'Observer' },
  admin: { id: 4, name: 'Super-Admin' },
  technician: { id: 6, name: 'Technician' },
  supervisor: { id: 7, name: 'Supervisor' },
  owner: { id: 8, name: 'Process owner' },
};

/** What a list or a search asks: `range=start-end` (GLPI's default 0-14). */
export function rangeOf(raw: unknown): { start: number; end: number } {
  if (raw === undefined) return { start: 0, end: 14 };
  const match = /^(\d{1,9})-(\d{1,9})$/.exec(paramText(raw));
  if (!match || Number(match[2]) < Number(match[1]))
    throw new GlpiError(400, 'ERROR_RANGE_EXCEED_TOTAL', 'range: write it start-end, e.g. 0-49');
  return { start: Number(match[1]), end: Math.min(Number(match[2]), Number(match[1]) + 999) };
}

/** The result of one item of a bulk call, as GLPI answers it. */
export type ItemOutcome = { ok: true; id: number; message: string } | { ok: false; id: number | false; message: string };

// A refusal of one item, in words the client can act on (validation errors name GLPI's fields); a fault is no refusal.
function messageOf(error: unknown): string {
  const glpi = glpiErrorOf(error);
  if (glpi.status >= 500) throw error;
  return glpi.message;
}

async function outcomeOf(id: number | false, work: () => Promise<number>): Promise<ItemOutcome> {
  try {
    return { ok: true, id: await work(), message: '' };
  } catch (error) {
    return { ok: false, id, message: messageOf(error) };
  }
}

const SubItemParent = z.object({ items_id: z.coerce.number().int().positive(), tickets_id: z.coerce.number().int().positive() }).partial();
const FollowupInput = z.object({ content: z.string(), is_private: z.coerce.number().int().min(0).max(1).optional() });
const SolutionInput = z.object({ content: z.string() });
const TaskInput = z.object({
  content: z.string(),
  actiontime: z.coerce.number().int().min(0).optional(),
  state: z.coerce.number().int().min(0).max(2).optional(),
  begin: GlpiTime.optional(),
  end: GlpiTime.optional(),
});
const TicketUserInput = z.object({ users_id: z.coerce.number().int().positive(), type: z.coerce.number().int().min(1).max(3) });

/** The kinds of items a ticket holds that GLPI clients read and add. */
export const SUB_ITEM_TYPES = ['ITILFollowup', 'TicketTask', 'ITILSolution', 'Ticket_User'] as const;
export type SubItemType = (typeof SUB_ITEM_TYPES)[number];

// The actions that take a ticket to each GLPI status, in the order tried, with what they need.
const ACTIONS_TOWARD: Partial<
  Record<CanonicalStatus, { action: string; payload: (user: CurrentUser, solution?: string) => Record<string, unknown> }[]>
> = {
  assigned: [
    { action: 'resume', payload: () => ({}) },
    { action: 'assign', payload: (user) => ({ assignee: user.id }) },
  ],
  pending: [{ action: 'pend', payload: () => ({ reason: 'Put on hold through the GLPI API' }) }],
  resolved: [{ action: 'resolve', payload: (_user, solution) => ({ solution }) }],
  closed: [
    { action: 'close', payload: () => ({}) },
    { action: 'accept_solution', payload: () => ({}) },
  ],
};

/**
 * GLPI's REST API over guichet's own services and rights: a GLPI client's calls become the same
 * ticket creations, edits, lifecycle actions, followups and tasks as /api/v1's.
 */
export function createGlpiService(tickets: TicketService, settings: LoginSettings) {
  const timeline = createTimelineService(tickets);

  // A status change is the lifecycle action that reaches it now; refused as the lifecycle refuses it.
  async function moveTo(user: CurrentUser, view: TicketView, status: CanonicalStatus, solution: string | undefined): Promise<void> {
    if (view.status === status) return;
    const candidates = ACTIONS_TOWARD[status] ?? [];
    const chosen = candidates.find((candidate) => view.actions.includes(candidate.action));
    if (!chosen) {
      const hint = status === 'planned' ? '; plan a TicketTask (begin and end) instead' : '';
      throw new IllegalActionError(`status ${GLPI_STATUS[status]}${hint}`, view.state, view.actions);
    }
    if (chosen.action === 'resolve' && !solution)
      throw new ValidationError({ _solution: 'give the solution: add an ITILSolution to the ticket, or send _solution with status 5' });
    await tickets.act(user, view.id, chosen.action, chosen.payload(user, solution));
  }

  async function updateTicket(user: CurrentUser, id: number, input: GlpiTicketInput): Promise<number> {
    const { edit, status } = updateOf(input);
    if (input.status !== undefined && status === undefined) throw new ValidationError({ status: 'use a GLPI status, 1 to 6' });
    if (edit) await tickets.edit(user, id, edit);
    if (status) await moveTo(user, await tickets.get(user, id), status, input._solution);
    return id;
  }

  async function addSubItem(user: CurrentUser, type: SubItemType, ticketId: number, raw: unknown): Promise<number> {
    switch (type) {
      case 'ITILFollowup': {
        const input = parseOrFail(FollowupInput, raw);
        return idOf(await timeline.addFollowup(user, ticketId, { content: input.content, private: input.is_private === 1 }));
      }
      case 'TicketTask': {
        const input = parseOrFail(TaskInput, raw);
        const planned = input.begin && input.end ? { plannedStart: input.begin, plannedEnd: input.end } : {};
        const task = await timeline.addTask(user, ticketId, {
          content: input.content,
          state: input.state === 2 ? 'done' : 'todo',
          ...(input.actiontime !== undefined && { durationMinutes: Math.round(input.actiontime / 60) }),
          ...planned,
        });
        return idOf(task);
      }
      case 'ITILSolution': {
        const input = parseOrFail(SolutionInput, raw);
        await tickets.act(user, ticketId, 'resolve', { solution: input.content });
        const history = await timeline.history(user, ticketId);
        return history.filter((event) => event.action === 'resolve').at(-1)!.seq;
      }
      case 'Ticket_User': {
        const input = parseOrFail(TicketUserInput, raw);
        const view = await tickets.get(user, ticketId);
        if (input.type === 2) await tickets.act(user, ticketId, 'assign', { assignee: input.users_id });
        else if (input.type === 1)
          await tickets.edit(user, ticketId, { requesters: [...new Set([...view.requesters.slice(1), input.users_id])] });
        else await tickets.edit(user, ticketId, { observers: [...new Set([...view.observers, input.users_id])] });
        return input.users_id * 10 + input.type;
      }
    }
  }

  return {
    /**
     * Opens a session from `Authorization: user_token <API token>` or `Basic`, or the `user_token`
     * or `login`/`password` parameters; 400 without any, 401 when they are wrong.
     */
    async initSession(credentials: { authorization?: string; userToken?: string; login?: string; password?: string }, ip: string | null) {
      const header = credentials.authorization ?? '';
      const userToken = /^user_token\s+(\S+)$/i.exec(header)?.[1] ?? credentials.userToken;
      const basic = /^Basic\s+(\S+)$/i.exec(header)?.[1];
      let user: CurrentUser;
      if (userToken) {
        if (!userToken.startsWith(API_TOKEN_PREFIX)) throw new GlpiError(401, 'ERROR_GLPI_LOGIN', 'parameter user_token seems invalid');
        user = await userOfApiToken(userToken).catch((error: unknown) => {
          if (error instanceof UnauthorizedError) throw new GlpiError(401, 'ERROR_GLPI_LOGIN', 'parameter user_token seems invalid');
          throw error;
        });
      } else {
        const [login, password] = basic
          ? (([name, ...rest]) => [name, rest.join(':')])(Buffer.from(basic, 'base64').toString('utf8').split(':'))
          : [credentials.login, credentials.password];
        if (!login || !password)
          throw new GlpiError(400, 'ERROR_LOGIN_PARAMETERS_MISSING', 'parameter(s) login, password or user_token are missing');
        const row = await authenticate(login, password, settings, ip, INIT_TARGET).catch((error: unknown) => {
          if (error instanceof UnauthorizedError) throw new GlpiError(401, 'ERROR_GLPI_LOGIN', 'Incorrect username or password');
          throw error;
        });
        user = await currentUserOf(row);
      }
      return { session_token: await openGlpiSession(user, settings.tokenTtlHours) };
    },

    killSession: (token: string) => closeGlpiSession(token),

    /** The caller behind a session token, or null. */
    callerOf: (token: string) => userOfGlpiSession(token),

    /** Writes, and every use of an API token, go to the audit log as /api/v1's do: who, with which token, from where, what, the outcome. */
    async audit(user: CurrentUser, call: { method: string; target: string; ip: string | null; status: number }): Promise<void> {
      if (call.method === 'GET' && user.tokenId === null) return;
      await recordAudit({
        kind: call.method === 'GET' ? 'token_used' : 'data_change',
        actorId: user.id,
        tokenId: user.tokenId,
        ip: call.ip,
        target: call.target,
        status: call.status,
      });
    },

    async myProfiles(user: CurrentUser) {
      const names = await entityNamesOf(user.scopes.flatMap((scope) => scope.entities));
      const profiles = [...new Set(user.scopes.map((scope) => scope.profile))];
      return {
        myprofiles: profiles.map((profile) => ({
          ...GLPI_PROFILES[profile],
          entities: [...new Set(user.scopes.filter((scope) => scope.profile === profile).flatMap((scope) => scope.entities))].map((id) => ({
            id,
            name: names.get(id) ?? String(id),
            is_recursive: 1,
          })),
        })),
      };
    },

    activeProfile: (user: CurrentUser) => ({ active_profile: activeProfileOf(user) }),

    fullSession(user: CurrentUser) {
      const entities = [...new Set(user.scopes.flatMap((scope) => scope.entities))];
      return {
        session: {
          glpiID: user.id,
          glpiname: user.login,
          glpirealname: user.name,
          glpifriendlyname: user.name,
          glpidefault_entity: user.entity,
          glpiactive_entity: user.entity,
          glpiactive_entity_recursive: 1,
          glpiactiveentities: entities,
          glpiactiveentities_string: entities.map((id) => `'${id}'`).join(', '),
          glpiactiveprofile: activeProfileOf(user),
          glpiprofiles: Object.fromEntries(
            [...new Set(user.scopes.map((scope) => scope.profile))].map((profile) => [
              GLPI_PROFILES[profile].id,
              { name: GLPI_PROFILES[profile].name },
            ]),
          ),
          glpilanguage: 'fr_FR',
        },
      };
    },

    async ticket(user: CurrentUser, id: number, expandDropdowns: boolean) {
      const view = await tickets.get(user, id);
      return glpiTicketOf(view, expandDropdowns ? await dropdownNamesOf([view]) : undefined);
    },

    async tickets(user: CurrentUser, query: { range: unknown; sort: unknown; order: unknown; expandDropdowns: boolean }) {
      const { start, end } = rangeOf(query.range);
      const column = TICKET_SEARCH_OPTIONS[optionIdOf(query.sort === undefined ? 2 : query.sort) ?? 2]?.column ?? 'id';
      const order = paramText(query.order ?? 'ASC').toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
      const page = await tickets.range(user, { where: {}, order: [[column, order]], offset: start, limit: end - start + 1 });
      const names = query.expandDropdowns ? await dropdownNamesOf(page.items) : undefined;
      return { items: page.items.map((view) => glpiTicketOf(view, names)), start, total: page.total };
    },

    addTickets: (user: CurrentUser, inputs: unknown[]): Promise<ItemOutcome[]> =>
      Promise.all(
        inputs.map((raw) =>
          outcomeOf(false, async () => {
            const input = parseOrFail(GlpiTicketInput, raw);
            if (!input.content?.trim()) throw new ValidationError({ content: 'the description is mandatory' });
            return (await tickets.create(user, creationOf(input))).id;
          }),
        ),
      ),

    /** Updates each ticket its `id` names, one after the other. */
    async updateTickets(user: CurrentUser, inputs: unknown[]): Promise<ItemOutcome[]> {
      const outcomes: ItemOutcome[] = [];
      for (const raw of inputs) {
        const id = Number((raw as { id?: unknown } | null)?.id);
        if (!Number.isInteger(id) || id <= 0) {
          outcomes.push({ ok: false, id: false, message: 'id: name the ticket to update' });
          continue;
        }
        outcomes.push(await outcomeOf(id, () => updateTicket(user, id, parseOrFail(GlpiTicketInput, raw))));
      }
      return outcomes;
    },

    /** Tickets are never deleted: each one asked is refused, with what to do instead. */
    deleteTickets: (inputs: unknown[]): ItemOutcome[] =>
      inputs.map((raw) => ({
        ok: false,
        id: Number((raw as { id?: unknown } | null)?.id) || false,
        message: 'Tickets are kept for their history: close the ticket instead',
      })),

    /** The followups, tasks, solutions or actors of a ticket, as GLPI lists them. */
    async subItems(user: CurrentUser, ticketId: number, type: SubItemType): Promise<unknown[]> {
      if (type === 'Ticket_User') {
        const view = await tickets.get(user, ticketId);
        const row = (users_id: number, kind: number) => ({
          id: users_id * 10 + kind,
          tickets_id: ticketId,
          users_id,
          type: kind,
          use_notification: 1,
          alternative_email: '',
        });
        return [
          ...view.requesters.map((id) => row(id, 1)),
          ...view.assignees.map((id) => row(id, 2)),
          ...view.observers.map((id) => row(id, 3)),
        ];
      }
      const items = await timeline.timeline(user, ticketId);
      const view = type === 'ITILSolution' ? await tickets.get(user, ticketId) : null;
      return items.flatMap((item): unknown[] => {
        if (type === 'ITILFollowup' && item.type === 'followup') {
          const at = glpiDate(item.at);
          return [
            {
              id: item.id,
              itemtype: 'Ticket',
              items_id: ticketId,
              date: at,
              users_id: item.author,
              content: item.content,
              is_private: item.private ? 1 : 0,
              requesttypes_id: 1,
              date_mod: at,
              date_creation: at,
            },
          ];
        }
        if (type === 'TicketTask' && item.type === 'task') {
          const at = glpiDate(item.at);
          return [
            {
              id: item.id,
              tickets_id: ticketId,
              date: at,
              users_id: item.author,
              users_id_tech: item.author,
              content: item.content,
              actiontime: (item.durationMinutes ?? 0) * 60,
              state: item.state === 'done' ? 2 : 1,
              begin: glpiDate(item.plannedStart),
              end: glpiDate(item.plannedEnd),
              is_private: 0,
              date_mod: at,
              date_creation: at,
            },
          ];
        }
        if (type === 'ITILSolution' && item.type === 'event' && item.action === 'resolve') {
          const status = view!.status === 'closed' ? 3 : view!.status === 'resolved' ? 2 : 4;
          return [
            {
              id: item.seq,
              itemtype: 'Ticket',
              items_id: ticketId,
              content: paramText(item.data['solution']),
              users_id: item.actor,
              status,
              date_creation: glpiDate(item.at),
              date_mod: glpiDate(item.at),
            },
          ];
        }
        return [];
      });
    },

    /** Adds followups, tasks, solutions or actors to the ticket `ticketId`, or to the one each input names. */
    async addSubItems(user: CurrentUser, type: SubItemType, ticketId: number | null, inputs: unknown[]): Promise<ItemOutcome[]> {
      const outcomes: ItemOutcome[] = [];
      for (const raw of inputs) {
        outcomes.push(
          await outcomeOf(false, async () => {
            const parent = parseOrFail(SubItemParent, raw);
            const target = ticketId ?? parent.items_id ?? parent.tickets_id;
            if (!target)
              throw new ValidationError({
                [type === 'ITILFollowup' || type === 'ITILSolution' ? 'items_id' : 'tickets_id']: 'name the ticket',
              });
            return addSubItem(user, type, target, raw);
          }),
        );
      }
      return outcomes;
    },

    /** search/Ticket: criteria, forcedisplay, sort, order and range as GLPI takes them. */
    async search(user: CurrentUser, query: Record<string, unknown>) {
      const criteria = criteriaOf(query['criteria']);
      const displayed = displayedOptions(query['forcedisplay']);
      const { start, end } = rangeOf(query['range']);
      const sortId = query['sort'] === undefined ? 19 : optionIdOf(query['sort']);
      if (sortId === undefined) throw new GlpiError(400, 'ERROR', 'Bad field ID in search criteria');
      const order = paramText(query['order'] ?? 'DESC').toUpperCase() === 'ASC' ? 'ASC' : 'DESC';
      const page = await tickets.range(user, {
        where: await whereOfCriteria(user, criteria),
        order: [[TICKET_SEARCH_OPTIONS[sortId]!.column ?? 'requester_id', order]],
        offset: start,
        limit: end - start + 1,
      });
      const names = await dropdownNamesOf(page.items);
      return {
        totalcount: page.total,
        count: page.items.length,
        sort: [sortId],
        order: [order],
        start,
        data: page.items.map((view) => Object.fromEntries(displayed.map((id) => [String(id), searchValueOf(view, id, names)]))),
      };
    },
  };
}

const idOf = (item: TimelineItem): number => (item.type === 'event' ? item.seq : item.id);

function activeProfileOf(user: CurrentUser) {
  const profile = primaryProfileOf(user.scopes) ?? user.profile;
  return { ...GLPI_PROFILES[profile], interface: profile === 'requester' ? 'helpdesk' : 'central', entities: [] };
}

// One or several names (null for none), as GLPI shows a field that may hold several.
const namesOf = (ids: readonly number[], names: Map<number, string>): string | string[] | null => {
  const shown = ids.map((id) => names.get(id) ?? String(id));
  return shown.length === 0 ? null : shown.length === 1 ? shown[0]! : shown;
};

function searchValueOf(view: TicketView, id: number, names: Awaited<ReturnType<typeof dropdownNamesOf>>): unknown {
  switch (id) {
    case 1:
      return view.title;
    case 2:
      return view.id;
    case 3:
      return view.priority;
    case 4:
      return namesOf(view.requesters, names.users);
    case 5:
      return namesOf(view.assignees, names.users);
    case 7:
      return view.category === null ? null : (names.categories.get(view.category) ?? null);
    case 8:
      return namesOf(view.groups, names.groups);
    case 10:
      return view.urgency;
    case 11:
      return view.impact;
    case 12:
      return GLPI_STATUS[view.status];
    case 14:
      return GLPI_TYPE[view.type];
    case 15:
      return glpiDate(view.openedAt);
    case 16:
      return glpiDate(view.closedAt);
    case 17:
      return glpiDate(view.resolvedAt);
    case 18:
      return glpiDate(view.sla.ttrDue ?? view.dueAt);
    case 19:
      return glpiDate(view.updatedAt);
    case 21:
      return view.description;
    default:
      return names.entities.get(view.entity) ?? view.entity;
  }
}

export type GlpiService = ReturnType<typeof createGlpiService>;
