import { Context } from '@temporalio/activity';
import nodemailer from 'nodemailer';
import type { Sequelize } from 'sequelize';
import { deliverPass, type DeliverySettings } from '../webhooks/webhook-delivery';
import { disabledNotice } from '../webhooks/webhook-notice';
import { disableWebhook, ownerAddressOf, webhookById } from '../webhooks/webhook.repository';
import type { WebhookPassResult } from '../workflows/webhook.contracts';

export interface WebhookActivityDeps extends DeliverySettings {
  sequelize: Sequelize;
  /** How long a pass waits for something to deliver. */
  idleMs: number;
  smtpUrl: string;
  mailFrom: string;
}

/** The webhook workflow's activities. */
export function createWebhookActivities({ sequelize, idleMs, smtpUrl, mailFrom, ...settings }: WebhookActivityDeps) {
  return {
    /** One delivery pass over a subscription, heartbeating as it goes. */
    async deliverWebhookPass(webhookId: number): Promise<WebhookPassResult> {
      const context = Context.current();
      return deliverPass(sequelize, webhookId, settings, { idleMs, heartbeat: () => context.heartbeat() });
    },

    /** Disables a subscription whose deliveries failed for too long, and tells its owner by e-mail when they have an address. */
    async giveUpWebhook(webhookId: number, failure: string): Promise<void> {
      const hook = await webhookById(webhookId);
      if (!hook) return;
      await disableWebhook(hook.id, `deliveries failed for 24 h: ${failure}`);
      const to = await ownerAddressOf(hook);
      if (!to) return;
      const transport = nodemailer.createTransport(smtpUrl);
      try {
        await transport.sendMail({ from: mailFrom, to, ...disabledNotice(hook, failure) });
      } finally {
        transport.close();
      }
    },
  };
}
