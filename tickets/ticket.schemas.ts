import { z } from 'zod';
import { endsAfterStart, storedTime } from '../core/stored-time';
import { CanonicalStatus, LifecycleKey } from '../lifecycles/definition';

const id = z.coerce.number().int().positive();
const level15 = z.number().int().min(1).max(5);
const isoTime = storedTime;
const text = (max: number) => z.string().trim().min(1).max(max);

export const TicketType = z.enum(['incident', 'request']);
export const TicketSource = z.enum(['helpdesk', 'email', 'phone', 'direct', 'other']);

export const CreateTicketBody = z.strictObject({
  title: text(255),
  description: z.string().max(65_000),
  type: TicketType,
  urgency: level15,
  impact: level15,
  category: z.number().int().positive().optional(),
  requester: z.number().int().positive().optional(),
  /** The organisational unit; default the requester's. */
  entity: z.number().int().positive().optional(),
  dueAt: isoTime.optional(),
  /** An SLA chosen by hand; otherwise the most specific matching SLA applies. */
  slaPolicy: z.number().int().positive().optional(),
  source: TicketSource.default('helpdesk'),
  location: text(255).optional(),
  lifecycle: LifecycleKey.optional(),
  /** The assets the ticket concerns (ids): a requester's own, or any of an entity where the caller works tickets. */
  assets: z.array(z.number().int().positive()).max(20).optional(),
});
export type CreateTicketBody = z.infer<typeof CreateTicketBody>;

/** An edit of a ticket's fields; null clears a field (or, for `priority`, gives it back to the matrix). */
export const EditTicketBody = z
  .strictObject({
    title: text(255),
    description: z.string().max(65_000),
    urgency: level15,
    impact: level15,
    /** Set by hand, overriding the matrix; 6 ("major") can only be set so. */
    priority: z.number().int().min(1).max(6).nullable(),
    category: z.number().int().positive().nullable(),
    entity: z.number().int().positive(),
    source: TicketSource,
    location: text(255).nullable(),
    dueAt: isoTime.nullable(),
    /** Every requester besides the main one, and every observer (user ids); each list replaces the previous. */
    requesters: z.array(z.number().int().positive()).max(50),
    observers: z.array(z.number().int().positive()).max(50),
    /** Every asset the ticket concerns (ids); the list replaces the previous. */
    assets: z.array(z.number().int().positive()).max(20),
  })
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, 'name at least one field to change');
export type EditTicketBody = z.infer<typeof EditTicketBody>;

/** One schema per action payload of the shipped lifecycles; an action not listed takes none. */
export const ACTION_PAYLOADS: Record<string, z.ZodType<Record<string, unknown>>> = {
  assign: z.strictObject({ assignee: z.number().int().positive().optional(), group: z.number().int().positive().optional() }),
  unassign: z.strictObject({ assignee: z.number().int().positive().optional(), group: z.number().int().positive().optional() }),
  plan: z.strictObject({ start: isoTime, end: isoTime }).superRefine(endsAfterStart('start', 'end')),
  pend: z.strictObject({
    reason: text(2000),
    waitingFor: z.enum(['requester', 'supplier', 'change']).optional(),
    until: isoTime.refine((until) => Date.parse(until) > Date.now(), 'until must be in the future').optional(),
  }),
  resume: z.strictObject({}),
  /** With `toKnowledgeBase`, the solution also becomes a knowledge-base article. */
  resolve: z.strictObject({ solution: text(65_000), toKnowledgeBase: z.boolean().optional() }),
  accept_solution: z.strictObject({}),
  refuse_solution: z.strictObject({ reason: text(2000) }),
  close: z.strictObject({}),
  escalate: z.strictObject({ group: z.number().int().positive().optional(), reason: text(2000) }),
  deescalate: z.strictObject({ reason: text(2000) }),
  /** One validator, or several with the rule: `any` one's approval suffices (default), or `all` are needed. */
  request_validation: z
    .strictObject({
      validator: z.number().int().positive().optional(),
      validators: z.array(z.number().int().positive()).min(1).max(20).optional(),
      /** Groups whose managers validate. */
      validatorGroups: z.array(z.number().int().positive()).min(1).max(20).optional(),
      rule: z.enum(['any', 'all']).optional(),
    })
    .refine((p) => p.validator !== undefined || p.validators !== undefined || p.validatorGroups !== undefined, {
      path: ['validator'],
      message: 'name a validator, validators or validator groups',
    }),
  validate: z.strictObject({ decision: z.enum(['accepted', 'refused']), comment: z.string().max(2000).optional() }),
};

export const ActionParams = z.object({ id, action: z.string().regex(/^[a-z][a-z_]*$/) });
export const TicketParams = z.object({ id });

/** Newest or oldest first, or by priority (then newest first); `-` means descending. */
export const TicketSort = z.enum(['-id', 'id', '-priority', 'priority']);
export type TicketSort = z.infer<typeof TicketSort>;

/**
 * A technician's saved views: assigned to me, to my group, unassigned new tickets, pending on my
 * desk, and open tickets past their time to resolve or due within four hours.
 */
export const TicketQueue = z.enum(['mine', 'my_groups', 'unassigned', 'waiting', 'sla_at_risk']);
export type TicketQueue = z.infer<typeof TicketQueue>;

export const ListTicketsQuery = z.object({
  queue: TicketQueue.optional(),
  status: CanonicalStatus.optional(),
  priority: z.coerce.number().int().min(1).max(6).optional(),
  assignee: id.optional(),
  group: id.optional(),
  requester: id.optional(),
  /** A category and all the categories below it. */
  category: id.optional(),
  /** An entity and all the entities below it. */
  entity: id.optional(),
  level: z.coerce.number().int().min(1).max(9).optional(),
  /** Tickets that missed (true) or still keep (false) their SLA. */
  slaBreached: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  /** Words that must all appear in the title or description. */
  q: z.string().trim().max(255).optional(),
  /** The ticket's number in the system it was imported from, e.g. `glpi:1234`. */
  externalRef: z.string().trim().min(1).max(64).optional(),
  /** Tickets that concern this asset. */
  asset: id.optional(),
  sort: TicketSort.default('-id'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(100).optional(),
});
export type ListTicketsQuery = z.infer<typeof ListTicketsQuery>;

const nullableTime = z.string().nullable();

export const TicketView = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string(),
  type: TicketType,
  status: CanonicalStatus,
  state: z.string(),
  lifecycle: z.object({ key: z.string(), version: z.number() }),
  urgency: z.number(),
  impact: z.number(),
  priority: z.number(),
  category: z.number().nullable(),
  entity: z.number(),
  requester: z.number(),
  /** The main requester first, then the others. */
  requesters: z.array(z.number()),
  observers: z.array(z.number()),
  /** The assets the ticket concerns (ids). */
  assets: z.array(z.number()),
  /** Every assigned technician and group; `assignee` and `group` are the first of each. */
  assignees: z.array(z.number()),
  groups: z.array(z.number()),
  assignee: z.number().nullable(),
  group: z.number().nullable(),
  level: z.number(),
  source: TicketSource,
  location: z.string().nullable(),
  /** Its number in the system it was imported from (`glpi:1234`), if any. */
  externalRef: z.string().nullable(),
  openedAt: z.string(),
  takenIntoAccountAt: nullableTime,
  resolvedAt: nullableTime,
  closedAt: nullableTime,
  dueAt: nullableTime,
  /** The last change of its fields, its status or its followups. */
  updatedAt: z.string(),
  /** How many times the requester refused a solution. */
  reopenCount: z.number(),
  /** Grows with every recorded change; sent as the ETag, and expected back in If-Match to edit. */
  version: z.number(),
  /** True when the priority was set by hand rather than computed from urgency and impact. */
  priorityOverridden: z.boolean(),
  sla: z.object({ ttoDue: nullableTime, ttrDue: nullableTime, ttoBreached: z.boolean().nullable(), ttrBreached: z.boolean().nullable() }),
  actions: z.array(z.string()),
  workflowId: z.string(),
});
export type TicketView = z.infer<typeof TicketView>;

const NamedPerson = z.object({ id: z.number(), name: z.string() });
/** Who is on a ticket, by name; in each list the main one (the lifecycle's) comes first. */
export const TicketActorNames = z.object({
  requesters: z.array(NamedPerson),
  observers: z.array(NamedPerson),
  technicians: z.array(NamedPerson),
  groups: z.array(NamedPerson.extend({ level: z.number().nullable() })),
});
export type TicketActorNames = z.infer<typeof TicketActorNames>;

/** The assets a ticket concerns, as the ticket's readers see them. */
export const TicketAssetList = z.object({
  items: z.array(
    z.object({ id: z.number(), kind: z.string(), name: z.string(), manufacturer: z.string().nullable(), model: z.string().nullable() }),
  ),
});
export type TicketAssetList = z.infer<typeof TicketAssetList>;

export const QueueCounts = z.object(
  Object.fromEntries(TicketQueue.options.map((queue) => [queue, z.number()])) as Record<TicketQueue, z.ZodNumber>,
);
export type QueueCounts = z.infer<typeof QueueCounts>;

export const TicketList = z.object({ items: z.array(TicketView), nextCursor: z.string().nullable() });

export const HistoryItem = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.number().nullable(),
  action: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export const TicketHistory = z.object({ items: z.array(HistoryItem) });
