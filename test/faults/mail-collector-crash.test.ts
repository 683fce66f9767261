// The worker that collects a mailbox killed (SIGKILL) in the middle of a batch of 50 messages,
// then started again: every message becomes its ticket once, none is lost, none is doubled.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerProcess } from '../support/worker-process';
import { MailMessageRow } from '../../mail/mail.models';
import { TicketRow } from '../../tickets/ticket.models';
import { UserRow } from '../../users/user.models';
import { killProcess } from '../support/fault-burst';
import { addTestMailbox, freshAddress, inboxOf, sendMail } from '../support/mail';
import { eventually, startStack, type Stack } from '../support/stack';

const MESSAGES = 50;

let stack: Stack;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  stack = await startStack({ relay: false, worker: false });
  worker = await startWorkerProcess();
}, 120_000);
afterAll(async () => {
  if (worker) await killProcess(worker);
  await stack?.close();
});

describe('the mail collector killed in the middle of a batch', () => {
  it('files each of the 50 messages once when it comes back', async () => {
    const admin = await stack.userWith('admin');
    const desk = freshAddress('support');
    const sender = freshAddress('paul');
    const requester = await stack.userWith('requester');
    await UserRow.update({ email: sender }, { where: { id: requester.id } });
    const run = desk.split('@')[0]!;
    for (let n = 0; n < MESSAGES; n += 1) {
      await sendMail({ from: sender, to: desk, subject: `${run} poste ${n}`, text: `Le poste ${n} ne démarre plus.` });
    }
    await eventually(async () => ((await inboxOf(desk)).length === MESSAGES ? true : undefined), 60_000);

    const mailbox = await addTestMailbox(stack, admin, desk, { maxPerSenderPerHour: 1_000 });
    const taken = () => MailMessageRow.count({ where: { mailbox_id: mailbox } });
    await eventually(async () => ((await taken()) >= 5 ? true : undefined), 60_000);
    await killProcess(worker!);
    const atKill = await taken();
    console.log(`mail collector killed after ${atKill} of ${MESSAGES} messages`);
    expect(atKill).toBeLessThan(MESSAGES);
    worker = await startWorkerProcess();

    await eventually(async () => ((await taken()) === MESSAGES ? true : undefined), 90_000);
    const tickets = await TicketRow.findAll({ where: { requester_id: requester.id }, order: [['id', 'ASC']] });
    expect(tickets.map((ticket) => ticket.title).sort()).toEqual(Array.from({ length: MESSAGES }, (_, n) => `${run} poste ${n}`).sort());
    const outcomes = await MailMessageRow.findAll({ where: { mailbox_id: mailbox } });
    expect(new Set(outcomes.map((row) => row.ticket_id)).size).toBe(MESSAGES);
    expect(outcomes.every((row) => row.outcome === 'ticket')).toBe(true);
    await stack.call('PATCH', `/api/v1/mailboxes/${mailbox}`, { token: admin.token, body: { enabled: false } });
  }, 240_000);
});
