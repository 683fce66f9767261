// The SMTP server stopped while 20 acknowledgements are due, then started again: the desk files
// the tickets meanwhile, and each acknowledgement reaches its requester once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailDeliveryRow } from '../../mail/mail.models';
import { userWithMailbox, inboxOf } from '../support/mail';
import { startServiceInstance, type ServiceInstance } from '../support/service-instance';
import { eventually, startStack, type Stack } from '../support/stack';

const TICKETS = 20;

let mail: ServiceInstance;
let stack: Stack;

beforeAll(async () => {
  mail = await startServiceInstance('mail');
  stack = await startStack({ smtpUrl: `smtp://127.0.0.1:${mail.port}` });
}, 120_000);
afterAll(async () => {
  await stack?.close();
  await mail?.stop();
});

describe('the SMTP server stopped while notifications are due', () => {
  it('files every ticket meanwhile and delivers each acknowledgement once when it is back', async () => {
    const requester = await userWithMailbox(stack, 'requester');
    await mail.halt();
    const ids: number[] = [];
    for (let n = 0; n < TICKETS; n += 1) {
      const filed = await stack.call('POST', '/api/v1/tickets', {
        token: requester.token,
        body: { title: `Imprimante ${n} hors ligne`, description: 'Voyant orange.', type: 'incident', urgency: 3, impact: 2 },
      });
      expect(filed.status).toBe(201);
      ids.push(filed.body.id as number);
    }
    // Every acknowledgement has been tried and refused at least once.
    const due = { where: { ticket_id: ids, notice: 'created' } };
    await eventually(async () => {
      const rows = await MailDeliveryRow.findAll(due);
      return rows.length === TICKETS && rows.every((row) => row.attempts >= 1 && row.state === 'due') ? true : undefined;
    }, 30_000);
    await mail.restart();

    const server = {
      port: mail.ports['GUICHET_IMAP_PORT']!,
      password: readFileSync(join(mail.dataDir, 'mail', 'password'), 'utf8').trim(),
    };
    const inbox = await eventually(async () => {
      const messages = await inboxOf(requester.address, server);
      return messages.length >= TICKETS ? messages : undefined;
    }, 60_000);
    const tags = inbox.map((message) => /^\[guichet #(\d+)\]/.exec(message.subject)?.[1]).map(Number);
    expect(tags.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    const rows = await MailDeliveryRow.findAll(due);
    expect(rows.every((row) => row.state === 'sent' && row.last_error === null)).toBe(true);
  }, 180_000);
});
