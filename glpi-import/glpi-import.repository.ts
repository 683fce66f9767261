import type { Transaction } from 'sequelize';
import { recordAttachment } from '../attachments/attachment.repository';
import type { CanonicalStatus } from '../lifecycles/definition';
import { startPosition } from '../lifecycles/lifecycle-step';
import type { PublishedLifecycle } from '../lifecycles/lifecycle.repository';
import { assignment } from '../lifecycles/ticket-context';
import { CategoryRow, EntityRow } from '../organisation/organisation.models';
import type { SlaClocks } from '../sla/sla-clock';
import { appendPastTimeline, type PastTimeline } from '../tickets/ticket-history.repository';
import { TicketActorRow, TicketRow } from '../tickets/ticket.models';
import type { ImportedTicket } from './imported-ticket';
import { UserRow } from '../users/user.models';

/** Users, entities and categories by the names a GLPI export prints, lower-cased. */
export interface NameIndex {
  users: Map<string, number>;
  entities: Map<string, number>;
  categories: Map<string, number>;
}

/** Everything that can be named in an export: a user by name or login, an entity or a category by its name. */
export async function nameIndex(): Promise<NameIndex> {
  const [users, entities, categories] = await Promise.all([
    UserRow.findAll({ attributes: ['id', 'name', 'login'], order: [['id', 'ASC']] }),
    EntityRow.findAll({ attributes: ['id', 'name'], order: [['id', 'ASC']] }),
    CategoryRow.findAll({ attributes: ['id', 'name_fr', 'name_en'], order: [['id', 'ASC']] }),
  ]);
  const index = <T>(rows: T[], names: (row: T) => string[], id: (row: T) => number) => {
    const map = new Map<string, number>();
    for (const row of rows) for (const name of names(row)) if (!map.has(name.toLowerCase())) map.set(name.toLowerCase(), id(row));
    return map;
  };
  return {
    users: index(
      users,
      (row) => [row.login, row.name],
      (row) => row.id,
    ),
    entities: index(
      entities,
      (row) => [row.name],
      (row) => row.id,
    ),
    categories: index(
      categories,
      (row) => [row.name_fr, row.name_en],
      (row) => row.id,
    ),
  };
}

/** The users among `logins` who exist already, by login. */
export async function existingUsers(logins: readonly string[]): Promise<Map<string, number>> {
  if (logins.length === 0) return new Map();
  const rows = await UserRow.findAll({ where: { login: [...logins] }, attributes: ['id', 'login'] });
  return new Map(rows.map((row) => [row.login.toLowerCase(), row.id]));
}

/** An imported user: a local account with no password yet (an administrator sets one, or the directory takes over), its profile in its entity and below. */
export async function recordImportedUser(user: {
  login: string;
  name: string;
  email: string | null;
  profile: string;
  entityId: number;
}): Promise<void> {
  await UserRow.create({
    login: user.login,
    name: user.name,
    email: user.email,
    profile: user.profile,
    entity_id: user.entityId,
    password_hash: '!',
    auth_source: 'local',
  });
}

/** The tickets already imported, by their external reference. */
export async function importedTickets(refs: readonly string[]): Promise<Map<string, number>> {
  if (refs.length === 0) return new Map();
  const rows = await TicketRow.findAll({ where: { external_ref: [...refs] }, attributes: ['id', 'external_ref'] });
  return new Map(rows.map((row) => [row.external_ref!, row.id]));
}

/** A document's file, already kept in the attachment storage. */
export interface KeptDocument {
  followupRef: number | null;
  name: string;
  type: string;
  sha256: string;
  size: number;
  uploadedBy: number;
}

// The state a ticket of `status` is in: the one named for it, or else the first that shows it.
const stateWith = (lifecycle: PublishedLifecycle, status: CanonicalStatus): string | undefined =>
  lifecycle.definition.states[status]?.status === status
    ? status
    : Object.entries(lifecycle.definition.states).find(([, state]) => state.status === status)?.[0];

/**
 * Writes an imported ticket in the caller's transaction: its row in the lifecycle state of its
 * status, its people, its history from its filing (with the analytics and feed rows of each
 * event), its followups, tasks and documents, telling nobody. A finished ticket needs no workflow;
 * an open one is left for its workflow to start (`workflow_started_at` null), with its SLA clocks.
 */
export async function recordImportedTicket(
  transaction: Transaction,
  ticket: ImportedTicket,
  lifecycle: PublishedLifecycle,
  clocks: SlaClocks | null,
  documents: readonly KeptDocument[],
): Promise<TicketRow> {
  const [requester, ...otherRequesters] = ticket.requesters;
  const start = startPosition(lifecycle.machine, { requester, level: 1, validator: null, ...assignment(ticket.technicians, []) });
  const state = stateWith(lifecycle, ticket.status) ?? start.state;
  const finished = ticket.status === 'resolved' || ticket.status === 'closed';
  const lastChange = ticket.history.at(-1)?.at ?? ticket.openedAt;
  const row = await TicketRow.create(
    {
      title: ticket.title,
      description: ticket.description,
      type: ticket.type,
      status: ticket.status,
      state,
      lifecycle_key: lifecycle.key,
      lifecycle_version: lifecycle.version,
      context: JSON.stringify(start.context),
      urgency: ticket.urgency,
      impact: ticket.impact,
      priority: ticket.priority,
      category_id: ticket.categoryId,
      entity_id: ticket.entityId,
      due_at: null,
      priority_overridden: true,
      sla_id: clocks?.slaId ?? null,
      sla_clocks: clocks && JSON.stringify(clocks),
      tto_due: clocks && new Date(clocks.tto.due),
      ttr_due: clocks && new Date(clocks.ttr.due!),
      requester_id: requester,
      assignee_id: ticket.technicians[0] ?? null,
      group_id: ticket.groups[0] ?? null,
      level: 1,
      source: ticket.source,
      location: null,
      seq: 1 + ticket.history.length,
      opened_at: ticket.openedAt,
      taken_into_account_at: ticket.takenAt,
      resolved_at: finished ? (ticket.resolvedAt ?? lastChange) : null,
      closed_at: ticket.status === 'closed' ? (ticket.closedAt ?? lastChange) : null,
      workflow_started_at: finished ? ticket.openedAt : null,
      created_by: ticket.importedBy,
      external_ref: ticket.externalRef,
    },
    { transaction },
  );
  await TicketActorRow.bulkCreate(
    [
      ...ticket.technicians.map((actor_id) => ({ ticket_id: row.id, kind: 'technician' as const, actor_id })),
      ...otherRequesters.map((actor_id) => ({ ticket_id: row.id, kind: 'requester' as const, actor_id })),
      ...ticket.observers.map((actor_id) => ({ ticket_id: row.id, kind: 'observer' as const, actor_id })),
      ...ticket.groups.map((actor_id) => ({ ticket_id: row.id, kind: 'group' as const, actor_id })),
    ],
    { transaction },
  );
  const facts = {
    ...row.get(),
    reopen_count: ticket.history.filter((event) => event.action === 'refuse_solution').length,
    escalation_count: 0,
    assignment_count: ticket.history.filter((event) => event.action === 'assign').length,
  };
  const origin = { importedFrom: 'glpi', externalRef: ticket.externalRef };
  const initialStatus = lifecycle.definition.states[start.state]!.status;
  const events: PastTimeline['events'] = [
    {
      ticket: { ...facts, status: initialStatus },
      event: {
        seq: 1,
        at: ticket.openedAt,
        actorId: requester,
        action: 'create',
        fromState: null,
        fromStatus: null,
        toState: start.state,
        data: { title: ticket.title, ...origin },
      },
    },
  ];
  let [fromState, fromStatus] = [start.state, initialStatus];
  for (const [index, event] of ticket.history.entries()) {
    const toState = event.toStatus === fromStatus ? fromState : (stateWith(lifecycle, event.toStatus) ?? state);
    events.push({
      ticket: { ...facts, status: event.toStatus },
      event: {
        seq: 2 + index,
        at: event.at,
        actorId: event.actorId,
        action: event.action,
        fromState,
        fromStatus,
        toState,
        data: { ...event.data, ...origin },
      },
    });
    [fromState, fromStatus] = [toState, event.toStatus];
  }
  const followupIds = await appendPastTimeline(transaction, row.id, {
    events,
    followups: ticket.followups.map((followup) => ({
      author_id: followup.authorId,
      content: followup.content,
      private: followup.private,
      created_at: followup.at,
    })),
    tasks: ticket.tasks.map((task) => ({
      author_id: task.authorId,
      content: task.content,
      duration_minutes: task.durationMinutes,
      state: task.state,
      planned_start: task.plannedStart,
      planned_end: task.plannedEnd,
      created_at: task.at,
    })),
  });
  const followupIdOf = new Map(ticket.followups.map((followup, index) => [followup.ref, followupIds[index]!]));
  for (const document of documents) {
    await recordAttachment(
      {
        ticket_id: row.id,
        followup_id: document.followupRef === null ? null : (followupIdOf.get(document.followupRef) ?? null),
        name: document.name,
        size: document.size,
        type: document.type,
        sha256: document.sha256,
        source: 'upload',
        content_id: null,
        uploaded_by: document.uploadedBy,
      },
      transaction,
    );
  }
  return row;
}
