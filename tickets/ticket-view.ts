import type { TicketRow } from './ticket.models';
import { linkedAssetsOf } from './ticket-assets';
import type { CanonicalStatus } from '../lifecycles/definition';
import { actionsAllowed, type LifecyclePosition } from '../lifecycles/lifecycle-step';
import type { PublishedLifecycle } from '../lifecycles/lifecycle.repository';
import type { Actor, TicketContext, TicketFacts } from '../lifecycles/ticket-context';
import { ticketWorkflowId } from '../workflows/ticket.contracts';
import type { SlaClocks } from '../sla/sla-clock';
import type { TicketActors } from './ticket-actors.repository';
import type { TicketView } from './ticket.schemas';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

// The main one first (the lifecycle's), then the others in id order.
export const firstThen = (first: number | null, all: readonly number[]): number[] =>
  first === null ? [...all] : [first, ...all.filter((id) => id !== first)];

function slaSummary(stored: string | null): TicketView['sla'] {
  if (stored === null) return { ttoDue: null, ttrDue: null, ttoBreached: null, ttrBreached: null };
  const clocks = JSON.parse(stored) as SlaClocks;
  return { ttoDue: clocks.tto.due, ttrDue: clocks.ttr.due, ttoBreached: clocks.tto.breached, ttrBreached: clocks.ttr.breached };
}

export const positionOf = (row: TicketRow): LifecyclePosition => ({ state: row.state, context: JSON.parse(row.context) as TicketContext });

/** The ticket's fields that an action's `when` may test. */
export const factsOf = (row: TicketRow): TicketFacts => ({
  priority: row.priority,
  type: row.type === 'incident' || row.type === 'request' ? row.type : null,
});

/** The ticket as the API shows it to `actor`, with the actions they may take now. */
export function toTicketView(row: TicketRow, actors: TicketActors, lifecycle: PublishedLifecycle, actor: Actor): TicketView {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    type: row.type as TicketView['type'],
    status: row.status as CanonicalStatus,
    state: row.state,
    lifecycle: { key: row.lifecycle_key, version: row.lifecycle_version },
    urgency: row.urgency,
    impact: row.impact,
    priority: row.priority,
    category: row.category_id,
    entity: row.entity_id,
    requester: row.requester_id,
    requesters: firstThen(row.requester_id, actors.requesters),
    observers: actors.observers,
    assets: linkedAssetsOf(row.assets).map((asset) => asset.id),
    assignees: firstThen(row.assignee_id, actors.technicians),
    groups: firstThen(row.group_id, actors.groups),
    assignee: row.assignee_id,
    group: row.group_id,
    level: row.level,
    source: row.source as TicketView['source'],
    location: row.location,
    externalRef: row.external_ref ?? null,
    openedAt: row.opened_at.toISOString(),
    takenIntoAccountAt: iso(row.taken_into_account_at),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    dueAt: iso(row.due_at),
    updatedAt: row.updatedAt.toISOString(),
    reopenCount: row.reopen_count,
    version: row.seq,
    priorityOverridden: row.priority_overridden,
    sla: slaSummary(row.sla_clocks),
    actions: actionsAllowed(lifecycle.machine, positionOf(row), actor, factsOf(row)),
    workflowId: ticketWorkflowId(row.id),
  };
}
