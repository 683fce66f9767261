import { z } from 'zod';
import { storedTime } from '../core/stored-time';

/** What the audit log records: who did what, from where, with which outcome. */
export const AUDIT_KINDS = [
  'login',
  'login_failed',
  'account_locked',
  'rights_changed',
  'token_created',
  'token_revoked',
  'token_used',
  'data_change',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const AuditQuery = z.strictObject({
  kind: z.enum(AUDIT_KINDS).optional(),
  actor: z.coerce.number().int().positive().optional(),
  /** `ticket:42`, `user:7`, `api_token:3`… */
  subject: z
    .string()
    .regex(/^[a-z_]+:\d+$/, 'a kind and an id, e.g. ticket:42')
    .optional(),
  /** A ticket: its audit entries and its whole history, in time order. */
  ticket: z.coerce.number().int().positive().optional(),
  from: storedTime.optional(),
  to: storedTime.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().regex(/^\d+$/, 'a cursor from the previous page').optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntryView = z.object({
  /** `audit:<n>` for an entry of the log, `ticket:<id>:<seq>` for a ticket's recorded event. */
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  actor: z.number().nullable(),
  token: z.number().nullable(),
  ip: z.string().nullable(),
  target: z.string().nullable(),
  subject: z.string().nullable(),
  status: z.number().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;
export const AuditPage = z.object({ items: z.array(AuditEntryView), nextCursor: z.string().nullable() });
