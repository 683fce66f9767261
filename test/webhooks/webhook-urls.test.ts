import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../core/errors';
import { currentUserOf } from '../../users/current-user.repository';
import { UserRow } from '../../users/user.models';
import { createWebhookService } from '../../webhooks/webhook.service';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ relay: false, worker: false });
});
afterAll(async () => stack?.close());

describe('webhook URLs where private addresses are not allowed (the default)', () => {
  it('refuses a loopback, private or link-local address and a plain http URL, naming url', async () => {
    const webhooks = createWebhookService({ temporal: stack.temporal, sequelize: stack.sequelize, allowPrivate: false });
    const admin = await currentUserOf(await UserRow.findByPk((await stack.userWith('admin')).id, { rejectOnEmpty: true }));
    for (const url of [
      'https://127.0.0.1/hook',
      'https://10.0.0.8/hook',
      'https://[::1]:8443/hook',
      'https://169.254.169.254/latest/meta-data',
      'http://example.com/hook',
    ]) {
      const refused = await webhooks
        .create(admin, { url, events: ['ticket.created'], filters: { entityChildren: true } })
        .catch((error: unknown) => error);
      expect(refused, url).toBeInstanceOf(DomainError);
      expect((refused as DomainError).details, url).toMatchObject({ fields: { url: expect.any(String) } });
    }
  });
});
