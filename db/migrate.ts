import type { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import * as initial from './migrations/0001-initial';
import * as followupsAndTasks from './migrations/0002-followups-and-tasks';
import * as categoriesAndEntities from './migrations/0003-categories-and-entities';
import * as satisfaction from './migrations/0004-satisfaction';
import * as taskPlanning from './migrations/0005-task-planning';
import * as ticketLinks from './migrations/0006-ticket-links';
import * as knowledgeBase from './migrations/0007-knowledge-base';
import * as ticketActors from './migrations/0008-ticket-actors';
import * as reopenCount from './migrations/0009-reopen-count';
import * as groupManagers from './migrations/0010-group-managers';
import * as slas from './migrations/0011-slas';
import * as slaLevelClocks from './migrations/0012-sla-level-clocks';
import * as alwaysOpen from './migrations/0013-always-open-calendar';
import * as analyticsHistory from './migrations/0014-analytics-history';
import * as lifecycleDrafts from './migrations/0015-lifecycle-drafts-and-migrations';
import * as notifications from './migrations/0016-notifications';
import * as accessControl from './migrations/0017-access-control';
import * as idempotentRequests from './migrations/0018-idempotent-requests';
import * as mailboxes from './migrations/0019-mailboxes';
import * as mailNotifications from './migrations/0020-mail-notifications';
import * as attachments from './migrations/0021-attachments';
import * as mailMessageSources from './migrations/0022-mail-message-sources';
import * as mailHtmlBodies from './migrations/0023-mail-html-bodies';
import * as responseTemplates from './migrations/0024-response-templates';
import * as recurringTickets from './migrations/0025-recurring-tickets';
import * as categoryTicketTemplates from './migrations/0026-category-ticket-templates';
import * as groupMemberships from './migrations/0027-group-memberships';
import * as rateLimitCounters from './migrations/0028-rate-limit-counters';
import * as ticketFeed from './migrations/0029-ticket-feed';
import * as webhooks from './migrations/0030-webhooks';
import * as glpiSessions from './migrations/0031-glpi-sessions';
import * as ticketExternalRefs from './migrations/0032-ticket-external-refs';
import * as glpiImports from './migrations/0033-glpi-imports';
import * as assets from './migrations/0034-assets';
import * as ticketAssets from './migrations/0035-ticket-assets';
import * as softwareLicences from './migrations/0036-software-licences';
import * as csvInjection from './migrations/0037-csv-injection';
import * as inventoryLookups from './migrations/0038-inventory-lookups';
import * as accessVersion from './migrations/0039-access-version';

/** MariaDB migrations, in order; each runs once, recorded in `SequelizeMeta`. */
export function mariadbMigrator(sequelize: Sequelize) {
  return new Umzug({
    migrations: [
      { name: '0001-initial', ...initial },
      { name: '0002-followups-and-tasks', ...followupsAndTasks },
      { name: '0003-categories-and-entities', ...categoriesAndEntities },
      { name: '0004-satisfaction', ...satisfaction },
      { name: '0005-task-planning', ...taskPlanning },
      { name: '0006-ticket-links', ...ticketLinks },
      { name: '0007-knowledge-base', ...knowledgeBase },
      { name: '0008-ticket-actors', ...ticketActors },
      { name: '0009-reopen-count', ...reopenCount },
      { name: '0010-group-managers', ...groupManagers },
      { name: '0011-slas', ...slas },
      { name: '0012-sla-level-clocks', ...slaLevelClocks },
      { name: '0013-always-open-calendar', ...alwaysOpen },
      { name: '0014-analytics-history', ...analyticsHistory },
      { name: '0015-lifecycle-drafts-and-migrations', ...lifecycleDrafts },
      { name: '0016-notifications', ...notifications },
      { name: '0017-access-control', ...accessControl },
      { name: '0018-idempotent-requests', ...idempotentRequests },
      { name: '0019-mailboxes', ...mailboxes },
      { name: '0020-mail-notifications', ...mailNotifications },
      { name: '0021-attachments', ...attachments },
      { name: '0022-mail-message-sources', ...mailMessageSources },
      { name: '0023-mail-html-bodies', ...mailHtmlBodies },
      { name: '0024-response-templates', ...responseTemplates },
      { name: '0025-recurring-tickets', ...recurringTickets },
      { name: '0026-category-ticket-templates', ...categoryTicketTemplates },
      { name: '0027-group-memberships', ...groupMemberships },
      { name: '0028-rate-limit-counters', ...rateLimitCounters },
      { name: '0029-ticket-feed', ...ticketFeed },
      { name: '0030-webhooks', ...webhooks },
      { name: '0031-glpi-sessions', ...glpiSessions },
      { name: '0032-ticket-external-refs', ...ticketExternalRefs },
      { name: '0033-glpi-imports', ...glpiImports },
      { name: '0034-assets', ...assets },
      { name: '0035-ticket-assets', ...ticketAssets },
      { name: '0036-software-licences', ...softwareLicences },
      { name: '0037-csv-injection', ...csvInjection },
      { name: '0038-inventory-lookups', ...inventoryLookups },
      { name: '0039-access-version', ...accessVersion },
    ],
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize }),
    logger: undefined,
  });
}
