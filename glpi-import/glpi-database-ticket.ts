import type { CanonicalStatus } from '../lifecycles/definition';
import { textOfHtml } from '../mail/incoming-message';
import { glpiExportTime } from './glpi-ticket-export';
import { loggedFieldOf, type GlpiLogRow, type GlpiSolutionRow, type GlpiTicketBundle } from './glpi-database.schemas';
import { GLPI_STATUSES, stepsBetween } from './glpi-status-path';
import type { ImportedDocument, ImportedEvent, ImportedTicket } from './imported-ticket';

/** What the old desk's ids became here: users, groups, categories and entities by GLPI id, request types as sources. */
export interface GlpiIdMaps {
  users: Map<number, number>;
  groups: Map<number, number>;
  categories: Map<number, number>;
  entities: Map<number, number>;
  sources: Map<number, string>;
}

/** GLPI's request types by the names it ships them with, as guichet's sources. */
export function sourceOfRequestType(name: string | null): string {
  const key = (name ?? '').trim().toLowerCase();
  if (key === 'helpdesk' || key === 'incident') return 'helpdesk';
  if (key === 'e-mail' || key === 'email' || key === 'courriel') return 'email';
  if (key === 'phone' || key === 'téléphone') return 'phone';
  if (key === 'direct') return 'direct';
  return 'other';
}

/** A time GLPI stored (UTC), or null for none (GLPI also writes zero dates). */
export const glpiStoredTime = (value: string | null): Date | null =>
  value === null || value.startsWith('0000') ? null : glpiExportTime(value.slice(0, 19));

/** Text GLPI stored as HTML, itself HTML-escaped before GLPI 10.1, as plain text. */
export function plainTextOf(content: string | null): string {
  if (!content) return '';
  // Most of a desk's text has no markup at all.
  if (!/[<&]/.test(content)) return content.trim();
  const once = textOfHtml(content);
  return /&lt;|&#0*60;/i.test(content) ? textOfHtml(once) : once;
}

// "Thomas Petit (12)": the user a log line names, by their GLPI id.
const loggedUser = (userName: string | null): number | null => {
  const match = /\((\d+)\)\s*$/.exec(userName ?? '');
  return match ? Number(match[1]) : null;
};

// A dropdown's value in GLPI's log: "Réseau > VPN (14)", by its id; 0 or none is no value.
const loggedId = (value: string | null): number | null => {
  const match = /\((\d+)\)\s*$/.exec(value ?? '');
  return match && Number(match[1]) > 0 ? Number(match[1]) : null;
};

const inRange = (value: number, max: number, fallback: number) =>
  Number.isInteger(value) && value >= 1 && value <= max ? value : fallback;

// The solution a resolve at `at` proposed: the last one written by then, or else the last of all.
const solutionAt = (solutions: readonly GlpiSolutionRow[], at: Date): GlpiSolutionRow | undefined =>
  solutions.filter((solution) => (glpiStoredTime(solution.date_creation)?.getTime() ?? 0) <= at.getTime() + 60_000).at(-1) ??
  solutions.at(-1);

/**
 * A GLPI ticket from its database rows, with its ids turned into guichet's, or why it cannot come
 * (a status GLPI never had, an entity or category not brought over). Its history follows GLPI's log
 * — each status change as the lifecycle actions it amounts to, each change of title, priority,
 * urgency, impact or category as a field edit — and reaches its current status whatever the log
 * kept; people no longer in GLPI give way to whoever recorded the ticket, then to the importer.
 */
export function importedTicketOf(bundle: GlpiTicketBundle, ids: GlpiIdMaps, importedBy: number): ImportedTicket | string {
  const { ticket } = bundle;
  const status = GLPI_STATUSES[ticket.status];
  if (!status) return `status: ${ticket.status} is no GLPI status`;
  const openedAt = glpiStoredTime(ticket.date);
  if (!openedAt) return `date: "${ticket.date}" is no opening date`;
  const entityId = ids.entities.get(ticket.entities_id);
  if (entityId === undefined) return `entities_id: entity ${ticket.entities_id} was not brought over`;
  const categoryId = ticket.itilcategories_id === 0 ? null : ids.categories.get(ticket.itilcategories_id);
  if (categoryId === undefined) return `itilcategories_id: category ${ticket.itilcategories_id} was not brought over`;

  const user = (glpiId: number | null) => (glpiId === null ? undefined : ids.users.get(glpiId));
  const people = (type: number) => [...new Set(bundle.users.filter((row) => row.type === type).flatMap((row) => user(row.actor) ?? []))];
  const recipient = user(ticket.users_id_recipient) ?? importedBy;
  const requesters = people(1);
  const technicians = people(2);
  const description = plainTextOf(ticket.content);
  const history = historyOf(bundle, status, openedAt, (glpiId) => user(glpiId) ?? null, technicians[0] ?? recipient, ids);
  const documents: ImportedDocument[] = bundle.documents
    .filter((row) => row.filepath)
    .map((row) => ({
      ref: row.id,
      followupRef: row.itemtype === 'ITILFollowup' ? row.items_id : null,
      name: (row.filename ?? `document-${row.id}`).slice(0, 255),
      type: row.mime || 'application/octet-stream',
      path: row.filepath!,
      uploadedBy: user(row.users_id) ?? recipient,
    }));
  return {
    externalRef: `glpi:${ticket.id}`,
    title: (ticket.name?.trim() || description.split('\n')[0]!.trim() || `GLPI ${ticket.id}`).slice(0, 255),
    description,
    type: ticket.type === 2 ? 'request' : 'incident',
    status,
    urgency: inRange(ticket.urgency, 5, 3),
    impact: inRange(ticket.impact, 5, 3),
    priority: inRange(ticket.priority, 6, 3),
    source: ids.sources.get(ticket.requesttypes_id) ?? 'other',
    openedAt,
    takenAt: glpiStoredTime(ticket.takeintoaccountdate),
    resolvedAt: glpiStoredTime(ticket.solvedate),
    closedAt: glpiStoredTime(ticket.closedate),
    requesters: requesters.length > 0 ? (requesters as [number, ...number[]]) : [recipient],
    technicians,
    observers: people(3).filter((id) => !requesters.includes(id)),
    groups: [...new Set(bundle.groups.filter((row) => row.type === 2).flatMap((row) => ids.groups.get(row.actor) ?? []))],
    entityId,
    categoryId,
    importedBy,
    history: history.map((event) => (event.action === 'resolve' ? withSolution(event, bundle.solutions) : event)),
    followups: bundle.followups.map((row) => ({
      ref: row.id,
      at: glpiStoredTime(row.date) ?? openedAt,
      authorId: user(row.users_id) ?? recipient,
      content: plainTextOf(row.content) || '-',
      private: row.is_private === 1,
    })),
    tasks: bundle.tasks.map((row) => ({
      at: glpiStoredTime(row.date) ?? openedAt,
      authorId: user(row.users_id_tech) ?? user(row.users_id) ?? recipient,
      content: plainTextOf(row.content) || '-',
      durationMinutes: row.actiontime > 0 ? Math.round(row.actiontime / 60) : null,
      state: row.state === 1 ? 'todo' : 'done',
      plannedStart: glpiStoredTime(row.begin),
      plannedEnd: glpiStoredTime(row.end),
    })),
    documents,
  };
}

function withSolution(event: ImportedEvent, solutions: readonly GlpiSolutionRow[]): ImportedEvent {
  const solution = solutionAt(solutions, event.at);
  return solution ? { ...event, data: { ...event.data, solution: plainTextOf(solution.content) } } : event;
}

// A field edit from one line of GLPI's log, or null when the line says nothing guichet keeps.
function fieldChangeOf(log: GlpiLogRow, ids: GlpiIdMaps): Record<string, { from: unknown; to: unknown }> | null {
  const field = loggedFieldOf(log);
  if (field === 'title') return { title: { from: log.old_value ?? '', to: log.new_value ?? '' } };
  if (field === 'category') {
    const [from, to] = [loggedId(log.old_value), loggedId(log.new_value)].map((id) =>
      id === null ? null : (ids.categories.get(id) ?? null),
    );
    return { category: { from, to } };
  }
  if (field === 'priority' || field === 'urgency' || field === 'impact') {
    const [from, to] = [Number(log.old_value), Number(log.new_value)];
    return Number.isInteger(from) && Number.isInteger(to) ? { [field]: { from, to } } : null;
  }
  return null;
}

function historyOf(
  bundle: GlpiTicketBundle,
  status: CanonicalStatus,
  openedAt: Date,
  user: (glpiId: number | null) => number | null,
  worker: number,
  ids: GlpiIdMaps,
): ImportedEvent[] {
  const events: ImportedEvent[] = [];
  let current: CanonicalStatus = 'new';
  let last = openedAt;
  const push = (at: Date | null, actorId: number | null, action: string, toStatus: CanonicalStatus, data: Record<string, unknown>) => {
    // GLPI's clock may step back between log lines: history never does.
    last = at && at > last ? at : last;
    events.push({ at: last, actorId, action, toStatus, data });
    current = toStatus;
  };
  for (const log of bundle.logs) {
    const at = glpiStoredTime(log.date_mod);
    const actorId = user(loggedUser(log.user_name));
    if (loggedFieldOf(log) === 'status') {
      const to = GLPI_STATUSES[Number(log.new_value)];
      if (to) for (const step of stepsBetween(current, to)) push(at, actorId ?? worker, step.action, step.to, {});
      continue;
    }
    const changes = fieldChangeOf(log, ids);
    if (changes) push(at, actorId, 'update', current, { changes });
  }
  // Where GLPI's log was purged or never had the last change, the ticket's own dates tell it.
  const { ticket } = bundle;
  const dateOf = (step: CanonicalStatus) =>
    glpiStoredTime(
      step === 'assigned'
        ? (ticket.takeintoaccountdate ?? ticket.date_mod)
        : step === 'resolved'
          ? (ticket.solvedate ?? ticket.date_mod)
          : step === 'closed'
            ? (ticket.closedate ?? ticket.date_mod)
            : ticket.date_mod,
    );
  const fromNew = current === 'new' && status !== 'new' ? [{ action: 'assign', to: 'assigned' as const }] : [];
  for (const step of [...fromNew, ...stepsBetween(fromNew.length > 0 ? 'assigned' : current, status)])
    push(dateOf(step.to), worker, step.action, step.to, {});
  return events;
}
