import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookActivities } from '../../activities/webhook.activities';
import { WebhookDeliveryRow, WebhookRow } from '../../webhooks/webhook.models';
import { TICKETS_TASK_QUEUE } from '../../workflows/ticket.contracts';
import { webhookWorkflowId } from '../../workflows/webhook.contracts';
import { eventually, startStack, type Stack } from '../support/stack';
import { inboxOf, userWithMailbox } from '../support/mail';
import { TEST_MAIL } from '../support/test-settings';
import { startTimeSkippingWorker } from '../support/time-skipping-worker';
import { startWebhookReceiver } from '../support/webhook-receiver';

let stack: Stack;
let env: TestWorkflowEnvironment;
let stopWorker: (() => Promise<void>) | undefined;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  // The API files the tickets; the deliverer runs on the time-skipping server, over the same database.
  stack = await startStack({ relay: false, worker: false });
  receiver = await startWebhookReceiver(() => ({ status: 500, body: 'internal error' }));
  ({ env, stop: stopWorker } = await startTimeSkippingWorker(
    createWebhookActivities({
      sequelize: stack.sequelize,
      idleMs: 1_000,
      allowPrivate: true,
      smtpUrl: `smtp://127.0.0.1:${TEST_MAIL.smtpPort}`,
      mailFrom: `guichet <support@${TEST_MAIL.domain}>`,
    }),
  ));
});
afterAll(async () => {
  await stopWorker?.();
  await receiver?.close();
  await stack?.close();
});

describe('a webhook whose receiver keeps failing', () => {
  it('is tried again with growing pauses for 24 h, then disabled, and its owner told by e-mail', async () => {
    const admin = await userWithMailbox(stack, 'admin');
    const hook = await stack.call('POST', '/api/v1/webhooks', {
      token: admin.token,
      body: { url: receiver.url('/down'), events: ['ticket.created'] },
    });
    expect(hook.status).toBe(201);
    const filed = await stack.call('POST', '/api/v1/tickets', {
      token: admin.token,
      body: { title: 'Serveur de fichiers injoignable', description: 'Depuis 8 h.', type: 'incident', urgency: 4, impact: 4 },
    });
    expect(filed.status).toBe(201);
    const handle = await env.client.workflow.start('webhookWorkflow', {
      taskQueue: TICKETS_TASK_QUEUE,
      workflowId: webhookWorkflowId(hook.body.id),
      args: [{ webhookId: hook.body.id }],
    });
    await handle.result();
    // On the server's clock, which the test server moves on while the workflow only waits.
    const { startTime, closeTime } = await handle.describe();
    const elapsedHours = (closeTime!.getTime() - startTime.getTime()) / 3_600_000;
    expect(elapsedHours).toBeGreaterThanOrEqual(24);
    expect(elapsedHours).toBeLessThan(26);

    const row = await WebhookRow.findByPk(hook.body.id, { rejectOnEmpty: true });
    expect(row.enabled).toBe(false);
    expect(row.disabled_reason).toBe('deliveries failed for 24 h: answered 500');
    const attempts = await WebhookDeliveryRow.findAll({ where: { webhook_id: row.id }, order: [['id', 'ASC']] });
    // One message tried again and again, with pauses that grow: 5 s, 10 s, 20 s … up to an hour.
    expect(new Set(attempts.map((one) => one.message_id)).size).toBe(1);
    expect(attempts.map((one) => one.attempt)).toEqual(attempts.map((_, index) => index + 1));
    expect(attempts.length).toBeGreaterThan(20);
    expect(attempts.length).toBeLessThan(40);
    expect(receiver.received.length).toBe(attempts.length);

    // Its twin the API started on the dev server finds it disabled; stopped here all the same.
    await stack.temporal.workflow
      .getHandle(webhookWorkflowId(row.id))
      .terminate('test over')
      .catch(() => undefined);
    const mail = await eventually(async () => (await inboxOf(admin.address)).find((one) => one.subject.includes(`Webhook ${row.id}`)));
    expect(mail.text).toContain('answered 500');
    expect(mail.text).toContain(`PATCH /api/v1/webhooks/${row.id}`);
  });
});
