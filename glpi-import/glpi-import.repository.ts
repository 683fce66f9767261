import type { Sequelize } from 'sequelize';
import type { CanonicalStatus } from '../lifecycles/definition';
import { startPosition } from '../lifecycles/lifecycle-step';
import type { PublishedLifecycle } from '../lifecycles/lifecycle.repository';
import { assignment } from '../lifecycles/ticket-context';
import { CategoryRow, EntityRow } from '../organisation/organisation.models';
import type { SlaClocks } from '../sla/sla-clock';
import { setTicketActors } from '../tickets/ticket-actors.repository';
import { appendTicketEvent } from '../tickets/ticket-history.repository';
import { TicketRow } from '../tickets/ticket.models';
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

/** A ticket of the export with its people, entity and category found. */
export interface PlacedTicket {
  externalRef: string;
  title: string;
  status: CanonicalStatus;
  openedAt: Date;
  /** When it last changed in GLPI: when it was solved or closed, for a finished one. */
  updatedAt: Date;
  priority: number;
  requesters: number[];
  technicians: number[];
  entityId: number;
  categoryId: number | null;
  importedBy: number;
}

// The actions that took a ticket from the lifecycle's first state to its status, as history records them.
const PATH_TO: Record<CanonicalStatus, string[]> = {
  new: [],
  assigned: ['assign'],
  planned: ['assign', 'plan'],
  pending: ['assign', 'pend'],
  resolved: ['assign', 'resolve'],
  closed: ['assign', 'resolve', 'close'],
};

const STATUS_AFTER: Record<string, CanonicalStatus> = {
  assign: 'assigned',
  plan: 'planned',
  pend: 'pending',
  resolve: 'resolved',
  close: 'closed',
};

const stateWith = (lifecycle: PublishedLifecycle, status: CanonicalStatus): string | undefined =>
  Object.entries(lifecycle.definition.states).find(([, state]) => state.status === status)?.[0];

/**
 * Writes an imported ticket in one transaction: its row in the lifecycle state of its GLPI status,
 * its people, and its history from its opening (the steps to its status at its last change in
 * GLPI) with their analytics and feed rows, telling nobody. A finished ticket needs no workflow;
 * an open one is left for its workflow to start (`workflow_started_at` null), with its SLA clocks.
 */
export async function recordImportedTicket(
  sequelize: Sequelize,
  ticket: PlacedTicket,
  lifecycle: PublishedLifecycle,
  clocks: SlaClocks | null,
): Promise<TicketRow> {
  const [requester, ...otherRequesters] = ticket.requesters as [number, ...number[]];
  const steps = PATH_TO[ticket.status];
  const start = startPosition(lifecycle.machine, { requester, level: 1, validator: null, ...assignment(ticket.technicians, []) });
  const state = stateWith(lifecycle, ticket.status) ?? start.state;
  const finished = ticket.status === 'resolved' || ticket.status === 'closed';
  return sequelize.transaction(async (transaction) => {
    const row = await TicketRow.create(
      {
        title: ticket.title,
        description: '',
        type: lifecycle.key === 'request' ? 'request' : 'incident',
        status: ticket.status,
        state,
        lifecycle_key: lifecycle.key,
        lifecycle_version: lifecycle.version,
        context: JSON.stringify(start.context),
        urgency: 3,
        impact: 3,
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
        group_id: null,
        level: 1,
        source: 'other',
        location: null,
        seq: 1 + steps.length,
        opened_at: ticket.openedAt,
        taken_into_account_at: null,
        resolved_at: finished ? ticket.updatedAt : null,
        closed_at: ticket.status === 'closed' ? ticket.updatedAt : null,
        workflow_started_at: finished ? ticket.openedAt : null,
        created_by: ticket.importedBy,
        external_ref: ticket.externalRef,
      },
      { transaction },
    );
    await setTicketActors(transaction, row.id, 'technician', ticket.technicians);
    await setTicketActors(transaction, row.id, 'requester', otherRequesters);
    const facts = { ...row.get(), reopen_count: 0, escalation_count: 0, assignment_count: ticket.technicians.length > 0 ? 1 : 0 };
    const origin = { importedFrom: 'glpi', externalRef: ticket.externalRef };
    const initialStatus = lifecycle.definition.states[start.state]!.status;
    await appendTicketEvent(
      transaction,
      { ...facts, status: initialStatus },
      {
        seq: 1,
        at: ticket.openedAt,
        actorId: requester,
        action: 'create',
        fromState: null,
        fromStatus: null,
        toState: start.state,
        data: { title: ticket.title, ...origin },
      },
      { notify: false },
    );
    let [fromState, fromStatus] = [start.state, initialStatus];
    for (const [index, action] of steps.entries()) {
      const toStatus = STATUS_AFTER[action]!;
      const toState = stateWith(lifecycle, toStatus) ?? state;
      await appendTicketEvent(
        transaction,
        { ...facts, status: toStatus },
        {
          seq: 2 + index,
          at: ticket.updatedAt,
          actorId: ticket.technicians[0] ?? ticket.importedBy,
          action,
          fromState,
          fromStatus,
          toState,
          data: origin,
        },
        { notify: false },
      );
      [fromState, fromStatus] = [toState, toStatus];
    }
    return row;
  });
}
