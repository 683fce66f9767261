import { findAuditEntries } from './audit-query.repository';

/** The append-only audit log, read by administrators (the route admits no one else). */
export const auditService = {
  find: findAuditEntries,
};
