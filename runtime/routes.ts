import { createKpiService } from '../analytics/kpi.service';
import { apiTokenRoutes } from '../api/api-token.routes';
import { auditRoutes } from '../api/audit.routes';
import { authRoutes } from '../api/auth.routes';
import { userRoutes } from '../api/user.routes';
import { directoryRoutes } from '../api/directory.routes';
import { healthRoutes } from '../api/health.routes';
import { kbRoutes } from '../api/kb.routes';
import { kpiRoutes } from '../api/kpi.routes';
import { lifecycleDraftRoutes } from '../api/lifecycle-draft.routes';
import { lifecycleMigrationRoutes } from '../api/lifecycle-migration.routes';
import { lifecycleRoutes } from '../api/lifecycle.routes';
import { notificationRoutes } from '../api/notification.routes';
import { organisationRoutes } from '../api/organisation.routes';
import type { Route } from '../api/route';
import { satisfactionRoutes } from '../api/satisfaction.routes';
import { slaRoutes } from '../api/sla.routes';
import { ticketLinkRoutes } from '../api/ticket-link.routes';
import { ticketChangeRoutes } from '../api/ticket-change.routes';
import { ticketRoutes } from '../api/ticket.routes';
import type { Config } from '../config/config';
import { createLifecycleMigrationService } from '../lifecycles/lifecycle-migration.service';
import { createSlaRecomputeService } from '../sla/sla-recompute.service';
import { createSlaService } from '../sla/sla.service';
import { createSatisfactionService } from '../tickets/satisfaction.service';
import { createTicketChangeFeed } from '../tickets/ticket-change-feed';
import { createTicketService } from '../tickets/ticket.service';
import { createApiTokenService } from '../users/api-token.service';
import { createUserAccountService } from '../users/user-account.service';
import type { Connections } from './connections';

/** The whole route table of the API. */
export function allRoutes(
  connections: Connections,
  config: Pick<Config, 'tokenTtlHours' | 'temporalNamespace' | 'satisfactionDays' | 'loginMaxFailures' | 'loginLockoutMinutes' | 'ldap'>,
): Route[] {
  const tickets = createTicketService({ sequelize: connections.sequelize, temporal: connections.temporal });
  return [
    ...healthRoutes({ ...connections, namespace: config.temporalNamespace }),
    ...authRoutes(config),
    // Before the ticket routes, whose /tickets/:id would take "changes" for an id.
    ...ticketChangeRoutes(createTicketChangeFeed({ pollMs: 250 })),
    ...ticketRoutes(tickets),
    ...ticketLinkRoutes(),
    ...kbRoutes(),
    ...slaRoutes(createSlaService(createSlaRecomputeService({ temporal: connections.temporal }))),
    ...satisfactionRoutes(createSatisfactionService({ sequelize: connections.sequelize, answerWithinDays: config.satisfactionDays })),
    ...kpiRoutes(createKpiService(connections.clickhouse)),
    ...lifecycleRoutes(),
    ...lifecycleDraftRoutes(),
    ...lifecycleMigrationRoutes(createLifecycleMigrationService({ temporal: connections.temporal })),
    ...organisationRoutes(),
    ...notificationRoutes(),
    ...apiTokenRoutes(createApiTokenService(connections.sequelize)),
    ...auditRoutes(),
    ...userRoutes(createUserAccountService(connections.sequelize)),
    ...directoryRoutes(config.ldap),
  ];
}
