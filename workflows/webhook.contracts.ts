/** The deliverer of a webhook subscription: one workflow per subscription, while it is enabled. */
export const webhookWorkflowId = (webhookId: number): string => `webhook-${webhookId}`;

export interface WebhookWorkflowInput {
  webhookId: number;
  /** Carried over a new run: since when (workflow time, ms) deliveries fail, and how many tries failed. */
  failingSince?: number;
  failures?: number;
}

/** What a delivery pass did: `stopped` when the subscription is gone or disabled; else what it delivered, and why it stopped short. */
export type WebhookPassResult = { stopped: true } | { stopped: false; delivered: number; failure: string | null };

/** How long a subscription keeps failing before it is disabled and its owner told. */
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;

/** The pause after the `failures`-th failed try in a row: 5 s, doubling, at most an hour. */
export const retryPauseMs = (failures: number): number => Math.min(5_000 * 2 ** Math.max(failures - 1, 0), 3_600_000);
