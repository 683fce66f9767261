import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new signing secret as Standard Webhooks writes it: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/** The headers that sign `body` as message `id` sent at `at`: one `v1,…` signature per secret still valid. */
export function signedHeaders(id: string, at: Date, body: string, secrets: readonly string[]): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(id, at, body)).join(' '),
  };
}

/** The message id of the feed position `position` for subscription `webhookId`: the same on every attempt, so receivers can drop repeats. */
export const messageIdOf = (webhookId: number, position: number): string => `msg_${webhookId}_${position}`;
