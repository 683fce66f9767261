import { z } from 'zod';
import type { CanonicalStatus } from '../lifecycles/definition';
import type { CreateTicketBody, EditTicketBody, TicketView } from '../tickets/ticket.schemas';
import type { TicketSource, TicketType } from '../tickets/ticket.schemas';
import { ValidationError } from '../core/errors';
import type { DropdownNames } from './glpi-names.repository';

/** GLPI's ticket status numbers. */
export const GLPI_STATUS: Record<CanonicalStatus, number> = { new: 1, assigned: 2, planned: 3, pending: 4, resolved: 5, closed: 6 };
export const statusOfGlpi = (value: number): CanonicalStatus | undefined =>
  (Object.keys(GLPI_STATUS) as CanonicalStatus[]).find((status) => GLPI_STATUS[status] === value);

export const GLPI_TYPE: Record<z.infer<typeof TicketType>, number> = { incident: 1, request: 2 };

/** GLPI's default request types (Helpdesk, E-Mail, Phone, Direct, Written, Other). */
export const GLPI_REQUEST_TYPE: Record<z.infer<typeof TicketSource>, number> = { helpdesk: 1, email: 2, phone: 3, direct: 4, other: 6 };
const sourceOfGlpi = (value: number) =>
  (Object.keys(GLPI_REQUEST_TYPE) as z.infer<typeof TicketSource>[]).find((source) => GLPI_REQUEST_TYPE[source] === value);

/** A time as GLPI writes it, `YYYY-MM-DD HH:MM:SS` (UTC). */
export const glpiDate = (iso: string | null): string | null => (iso === null ? null : iso.slice(0, 19).replace('T', ' '));

/** A time GLPI clients send (`YYYY-MM-DD HH:MM[:SS]`, UTC, or ISO 8601) as ISO 8601. */
export const GlpiTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?/, 'write the time as YYYY-MM-DD HH:MM:SS')
  .transform((value) => new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value.replace(' ', 'T')}Z`))
  .refine((date) => !Number.isNaN(date.getTime()), 'not a time')
  .transform((date) => date.toISOString());

const glpiNumber = z.coerce.number().int();

/** The ticket fields GLPI clients send in `input`, by GLPI's names; others are ignored, as GLPI does. */
export const GlpiTicketInput = z.object({
  id: glpiNumber.positive().optional(),
  name: z.string().optional(),
  content: z.string().optional(),
  type: glpiNumber.min(1).max(2).optional(),
  status: glpiNumber.min(1).max(6).optional(),
  urgency: glpiNumber.min(1).max(5).optional(),
  impact: glpiNumber.min(1).max(5).optional(),
  priority: glpiNumber.min(1).max(6).optional(),
  itilcategories_id: glpiNumber.min(0).optional(),
  entities_id: glpiNumber.positive().optional(),
  requesttypes_id: glpiNumber.optional(),
  time_to_resolve: GlpiTime.nullable().optional(),
  _users_id_requester: glpiNumber.positive().optional(),
  /** The solution given with `status: 5`. */
  _solution: z.string().optional(),
});
export type GlpiTicketInput = z.infer<typeof GlpiTicketInput>;

/** The GLPI name of each field of ours, so a refusal names what the client sent. */
const GLPI_FIELD: Record<string, string> = {
  title: 'name',
  description: 'content',
  category: 'itilcategories_id',
  entity: 'entities_id',
  source: 'requesttypes_id',
  dueAt: 'time_to_resolve',
  requester: '_users_id_requester',
};
export const glpiFieldOf = (field: string): string => GLPI_FIELD[field] ?? field;

function requestTypeOrFail(value: number): z.infer<typeof TicketSource> {
  const source = sourceOfGlpi(value);
  if (!source) throw new ValidationError({ requesttypes_id: 'an unknown request type (1 Helpdesk, 2 E-Mail, 3 Phone, 4 Direct, 6 Other)' });
  return source;
}

/** A new ticket from GLPI's fields; without a title, the start of its content is one (as GLPI does). */
export function creationOf(input: GlpiTicketInput): CreateTicketBody {
  const content = input.content ?? '';
  return {
    title: input.name?.trim() || content.trim().split('\n')[0]!.slice(0, 70),
    description: content,
    type: input.type === 2 ? 'request' : 'incident',
    urgency: input.urgency ?? 3,
    impact: input.impact ?? 3,
    source: input.requesttypes_id === undefined ? 'helpdesk' : requestTypeOrFail(input.requesttypes_id),
    ...(input.itilcategories_id ? { category: input.itilcategories_id } : {}),
    ...(input.entities_id !== undefined && { entity: input.entities_id }),
    ...(input.time_to_resolve && { dueAt: input.time_to_resolve }),
    ...(input._users_id_requester !== undefined && { requester: input._users_id_requester }),
  };
}

/** What an update asks: field changes (none when only the status changes) and the status to reach. */
export function updateOf(input: GlpiTicketInput): { edit: EditTicketBody | null; status: CanonicalStatus | undefined } {
  const edit: EditTicketBody = {
    ...(input.name !== undefined && { title: input.name }),
    ...(input.content !== undefined && { description: input.content }),
    ...(input.urgency !== undefined && { urgency: input.urgency }),
    ...(input.impact !== undefined && { impact: input.impact }),
    ...(input.priority !== undefined && { priority: input.priority }),
    ...(input.itilcategories_id !== undefined && { category: input.itilcategories_id || null }),
    ...(input.entities_id !== undefined && { entity: input.entities_id }),
    ...(input.requesttypes_id !== undefined && { source: requestTypeOrFail(input.requesttypes_id) }),
    ...(input.time_to_resolve !== undefined && { dueAt: input.time_to_resolve }),
  };
  return { edit: Object.keys(edit).length > 0 ? edit : null, status: input.status === undefined ? undefined : statusOfGlpi(input.status) };
}

/** A ticket as GLPI answers it, with names in place of ids when `names` is given. */
export function glpiTicketOf(ticket: TicketView, names?: DropdownNames) {
  const named = <T extends number | null>(id: T, of: Map<number, string> | undefined): T | string | 0 =>
    id === null ? 0 : of ? (of.get(id) ?? id) : id;
  return {
    id: ticket.id,
    entities_id: named(ticket.entity, names?.entities),
    name: ticket.title,
    date: glpiDate(ticket.openedAt),
    closedate: glpiDate(ticket.closedAt),
    solvedate: glpiDate(ticket.resolvedAt),
    takeintoaccountdate: glpiDate(ticket.takenIntoAccountAt),
    date_mod: glpiDate(ticket.updatedAt),
    status: GLPI_STATUS[ticket.status],
    users_id_recipient: named(ticket.requester, names?.users),
    requesttypes_id: GLPI_REQUEST_TYPE[ticket.source],
    content: ticket.description,
    urgency: ticket.urgency,
    impact: ticket.impact,
    priority: ticket.priority,
    itilcategories_id: named(ticket.category, names?.categories),
    type: GLPI_TYPE[ticket.type],
    time_to_resolve: glpiDate(ticket.sla.ttrDue ?? ticket.dueAt),
    time_to_own: glpiDate(ticket.sla.ttoDue),
    is_deleted: 0,
    locations_id: 0,
    date_creation: glpiDate(ticket.openedAt),
  };
}
