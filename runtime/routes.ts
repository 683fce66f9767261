import { createKpiService } from '../analytics/kpi.service';
import { apiTokenRoutes } from '../users/api-token.routes';
import { auditRoutes } from '../audit/audit.routes';
import { authRoutes } from '../users/auth.routes';
import { userRoutes } from '../users/user.routes';
import { directoryRoutes } from '../users/directory.routes';
import { healthRoutes } from './health.routes';
import { kbRoutes } from '../knowledge/kb.routes';
import { kpiRoutes } from '../analytics/kpi.routes';
import { mailboxRoutes } from '../mail/mailbox.routes';
import { supportGroupRoutes } from '../organisation/support-group.routes';
import { responseTemplateRoutes } from '../templates/response-template.routes';
import { recurringTicketRoutes } from '../recurring/recurring-ticket.routes';
import { createRecurringTicketService } from '../recurring/recurring-ticket.service';
import { createResponseTemplateService } from '../templates/response-template.service';
import { createSupportGroupService } from '../organisation/support-group.service';
import { mailMessageRoutes } from '../mail/mail-message.routes';
import { createMailMessageService } from '../mail/mail-message.service';
import { attachmentRoutes } from '../attachments/attachment.routes';
import { glpiImportRoutes } from '../glpi-import/glpi-import-job.routes';
import { createGlpiImportJobService } from '../glpi-import/glpi-import-job.service';
import type { AttachmentService } from '../attachments/attachment.service';
import { mailPreferencesRoutes } from '../mail/mail-preferences.routes';
import { createMailboxService } from '../mail/mailbox.service';
import { lifecycleDraftRoutes } from '../lifecycles/lifecycle-draft.routes';
import { lifecycleMigrationRoutes } from '../lifecycles/lifecycle-migration.routes';
import { lifecycleRoutes } from '../lifecycles/lifecycle.routes';
import { notificationRoutes } from '../tickets/notification.routes';
import { organisationRoutes } from '../organisation/organisation.routes';
import type { Route } from '../api/route';
import { satisfactionRoutes } from '../tickets/satisfaction.routes';
import { slaRoutes } from '../sla/sla.routes';
import { ticketLinkRoutes } from '../tickets/ticket-link.routes';
import { ticketChangeRoutes } from '../tickets/ticket-change.routes';
import { ticketFeedRoutes } from '../tickets/ticket-feed.routes';
import { createTicketFeedService } from '../tickets/ticket-feed.service';
import { webhookRoutes } from '../webhooks/webhook.routes';
import { createWebhookService } from '../webhooks/webhook.service';
import { ticketRoutes } from '../tickets/ticket.routes';
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
import type { Door } from '../api/app';
import type { RateLimits } from '../api/rate-limits';
import { glpiRoutes } from '../glpi/glpi.routes';
import { createGlpiService } from '../glpi/glpi.service';
import type { LoginSettings } from '../users/ldap-settings';
import { inventoryAgentRouter } from '../inventory/agent-door.routes';
import { createAgentInventoryService } from '../inventory/agent-inventory.service';
import { agentTokenRoutes } from '../inventory/agent-token.routes';
import { createAgentTokenService } from '../inventory/agent-token.service';
import { computerRoutes } from '../inventory/computer.routes';
import { injectionRoutes } from '../injection/injection.routes';
import { createInjectionService } from '../injection/injection.service';
import { licenceRoutes } from '../licences/licence.routes';
import { createLicenceService } from '../licences/licence.service';
import { createComputerService } from '../inventory/computer.service';

/** The whole route table of the API. */
export function allRoutes(
  connections: Connections,
  config: Pick<
    Config,
    | 'tokenTtlHours'
    | 'temporalNamespace'
    | 'satisfactionDays'
    | 'loginMaxFailures'
    | 'loginLockoutMinutes'
    | 'ldap'
    | 'webhookAllowPrivate'
    | 'attachmentsDir'
  >,
  attachments: AttachmentService,
): Route[] {
  const tickets = createTicketService({ sequelize: connections.sequelize, temporal: connections.temporal });
  return [
    ...healthRoutes({ ...connections, namespace: config.temporalNamespace }),
    ...authRoutes(config),
    // Before the ticket routes, whose /tickets/:id would take "changes" for an id.
    ...ticketChangeRoutes(createTicketChangeFeed({ pollMs: 250 })),
    ...ticketRoutes(tickets),
    ...ticketFeedRoutes(createTicketFeedService(connections.sequelize)),
    ...ticketLinkRoutes(),
    ...kbRoutes(),
    ...slaRoutes(createSlaService(createSlaRecomputeService({ temporal: connections.temporal }))),
    ...satisfactionRoutes(createSatisfactionService({ sequelize: connections.sequelize, answerWithinDays: config.satisfactionDays })),
    ...kpiRoutes(createKpiService(connections.clickhouse)),
    ...lifecycleRoutes(),
    ...lifecycleDraftRoutes(),
    ...lifecycleMigrationRoutes(createLifecycleMigrationService({ temporal: connections.temporal })),
    ...organisationRoutes(),
    ...supportGroupRoutes(createSupportGroupService(connections.sequelize)),
    ...responseTemplateRoutes(createResponseTemplateService()),
    ...recurringTicketRoutes(createRecurringTicketService({ sequelize: connections.sequelize, temporal: connections.temporal })),
    ...notificationRoutes(),
    ...apiTokenRoutes(createApiTokenService(connections.sequelize)),
    ...auditRoutes(),
    ...userRoutes(createUserAccountService(connections.sequelize)),
    ...directoryRoutes(config.ldap),
    ...mailboxRoutes(createMailboxService({ temporal: connections.temporal })),
    ...mailMessageRoutes(createMailMessageService({ attachments })),
    ...mailPreferencesRoutes(),
    ...attachmentRoutes(attachments),
    ...glpiImportRoutes(createGlpiImportJobService({ ...connections, attachmentsDir: config.attachmentsDir })),
    ...webhookRoutes(
      createWebhookService({ temporal: connections.temporal, sequelize: connections.sequelize, allowPrivate: config.webhookAllowPrivate }),
    ),
    ...agentTokenRoutes(createAgentTokenService(connections.sequelize)),
    ...computerRoutes(createComputerService(connections.sequelize)),
    ...licenceRoutes(createLicenceService({ sequelize: connections.sequelize, temporal: connections.temporal })),
    ...injectionRoutes(createInjectionService({ sequelize: connections.sequelize, temporal: connections.temporal })),
  ];
}

/** GLPI's REST API under /apirest.php, over the same services as the route table. */
export function glpiDoor(connections: Connections, login: LoginSettings, rateLimits: RateLimits): Door {
  const tickets = createTicketService({ sequelize: connections.sequelize, temporal: connections.temporal });
  return { path: '/apirest.php', router: glpiRoutes(createGlpiService(tickets, login), rateLimits) };
}

/** Where FusionInventory agents send their inventories (`--server <guichet>/inventory`). */
export const inventoryDoor = (connections: Connections): Door => ({
  path: '/inventory',
  router: inventoryAgentRouter(createAgentInventoryService(connections.sequelize)),
});
