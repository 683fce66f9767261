import { Op, type WhereOptions } from 'sequelize';
import { AuditLogRow } from './audit.models';
import { TicketEventRow } from '../tickets/ticket.models';
import type { AuditEntryView, AuditQuery } from './audit.schemas';

const toView = (row: AuditLogRow): AuditEntryView => ({
  id: `audit:${row.id}`,
  at: row.at.toISOString(),
  kind: row.kind,
  actor: row.actor_id,
  token: row.token_id,
  ip: row.ip,
  target: row.target,
  subject: row.subject,
  status: row.status,
  details: row.details === null ? null : (JSON.parse(row.details) as Record<string, unknown>),
});

// A ticket's recorded event, told as an audit entry: who moved it from where to where.
const ticketEventView = (row: TicketEventRow): AuditEntryView => ({
  id: `ticket:${row.ticket_id}:${row.seq}`,
  at: row.at.toISOString(),
  kind: 'ticket_event',
  actor: row.actor_id,
  token: null,
  ip: null,
  target: row.action,
  subject: `ticket:${row.ticket_id}`,
  status: null,
  details: { seq: row.seq, from: row.from_state, to: row.to_state, data: JSON.parse(row.data) as unknown },
});

function whereOf(query: AuditQuery): WhereOptions<AuditLogRow> {
  const at = { ...(query.from && { [Op.gte]: new Date(query.from) }), ...(query.to && { [Op.lt]: new Date(query.to) }) };
  return {
    ...(query.kind && { kind: query.kind }),
    ...(query.actor && { actor_id: query.actor }),
    ...((query.subject ?? query.ticket) && { subject: query.subject ?? `ticket:${query.ticket}` }),
    ...((query.from ?? query.to) && { at }),
    ...(query.cursor && { id: { [Op.lt]: Number(query.cursor) } }),
  };
}

/** A page of the audit log, newest first, keyset-paged. */
async function auditPage(query: AuditQuery): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
  const rows = await AuditLogRow.findAll({ where: whereOf(query), order: [['id', 'DESC']], limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toView), nextCursor: rows.length > query.limit ? String(page.at(-1)!.id) : null };
}

/**
 * What the audit log holds; for one ticket, its entries and its whole recorded history together,
 * newest first (a ticket's history is bounded, so it comes in one page).
 */
export async function findAuditEntries(query: AuditQuery): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
  if (query.ticket === undefined) return auditPage(query);
  const [entries, events] = await Promise.all([
    AuditLogRow.findAll({ where: whereOf({ ...query, cursor: undefined }), order: [['id', 'DESC']] }),
    TicketEventRow.findAll({ where: { ticket_id: query.ticket }, order: [['seq', 'DESC']] }),
  ]);
  const items = [...entries.map(toView), ...events.map(ticketEventView)].sort((a, b) => b.at.localeCompare(a.at));
  return { items, nextCursor: null };
}
