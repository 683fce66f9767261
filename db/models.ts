import type { Sequelize } from 'sequelize';
import { defineOutboxModels } from '../analytics/outbox.models';
import { defineAuditModels } from '../audit/audit.models';
import { defineIdempotencyModels } from '../idempotency/idempotent-request.models';
import { defineKbModels } from '../knowledge/kb.models';
import { defineMailModels } from '../mail/mail.models';
import { defineAttachmentModels } from '../attachments/attachment.models';
import { defineLifecycleModels } from '../lifecycles/lifecycle.models';
import { defineOrganisationModels } from '../organisation/organisation.models';
import { defineSlaModels } from '../sla/sla.models';
import { defineResponseTemplateModels } from '../templates/response-template.models';
import { defineRecurringTicketModels } from '../recurring/recurring-ticket.models';
import { defineRateLimitModels } from '../limits/rate-limit.models';
import { defineTicketModels } from '../tickets/ticket.models';
import { defineTicketFeedModels } from '../tickets/ticket-feed.models';
import { defineUserModels } from '../users/user.models';
import { defineGlpiModels } from '../glpi/glpi-session.models';
import { defineGlpiImportModels } from '../glpi-import/glpi-import-job.models';
import { defineWebhookModels } from '../webhooks/webhook.models';

/** Binds every feature's models to `sequelize`; the schema itself comes from the migrations. */
export function defineModels(sequelize: Sequelize) {
  defineUserModels(sequelize);
  defineGlpiImportModels(sequelize);
  defineAuditModels(sequelize);
  defineOrganisationModels(sequelize);
  defineLifecycleModels(sequelize);
  defineTicketModels(sequelize);
  defineTicketFeedModels(sequelize);
  defineOutboxModels(sequelize);
  defineKbModels(sequelize);
  defineSlaModels(sequelize);
  defineIdempotencyModels(sequelize);
  defineMailModels(sequelize);
  defineAttachmentModels(sequelize);
  defineResponseTemplateModels(sequelize);
  defineRecurringTicketModels(sequelize);
  defineRateLimitModels(sequelize);
  defineWebhookModels(sequelize);
  defineGlpiModels(sequelize);
}
