import { AuditPage, AuditQuery } from './audit.schemas';
import { auditService } from './audit.service';
import { route } from '../api/route';

export function auditRoutes() {
  return [
    route({
      method: 'get',
      path: '/api/v1/audit',
      summary:
        "The append-only audit log (administrators): logins and failed logins, rights changes, API token use, every data change; with `ticket`, that ticket's entries and its whole history",
      tag: 'Access',
      allow: 'admins',
      query: AuditQuery,
      response: AuditPage,
      handle: ({ query }) => auditService.find(query),
    }),
  ];
}
