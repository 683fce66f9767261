import type { Transaction } from 'sequelize';
import { AuditLogRow } from './audit.models';
import type { AuditKind } from './audit.schemas';

export interface AuditEntry {
  kind: AuditKind;
  actorId?: number | null;
  tokenId?: number | null;
  ip?: string | null;
  /** The route or operation, e.g. `POST /api/v1/tickets/:id/actions/:action`. */
  target?: string | null;
  /** What it was about, e.g. `ticket:42` or `user:7`. */
  subject?: string | null;
  status?: number | null;
  /** Never a secret: no password, no token. */
  details?: Record<string, unknown> | null;
}

/** Appends one entry, within `transaction` when it records a change made there; the table refuses updates and deletes. */
export async function recordAudit(entry: AuditEntry, transaction?: Transaction): Promise<void> {
  await AuditLogRow.create(
    {
      at: new Date(),
      kind: entry.kind,
      actor_id: entry.actorId ?? null,
      token_id: entry.tokenId ?? null,
      ip: entry.ip ?? null,
      target: entry.target ?? null,
      subject: entry.subject ?? null,
      status: entry.status ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    },
    { transaction },
  );
}
