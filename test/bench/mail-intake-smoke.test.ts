// The mail benchmarks' own code, run small against a stack of the test's own: it must keep working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureMailIntake, type MailBenchTarget } from '../../bench/mail-intake-measure';
import { measureBacklog } from '../../bench/mailbox-backlog-measure';
import { addTestMailbox, freshAddress, userWithMailbox } from '../support/mail';
import { startStack, type Stack } from '../support/stack';
import { TEST_MAIL } from '../support/test-settings';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => stack?.close());

/** A mailbox of the test's own, written to by a requester of its own, as the benchmarks take it. */
async function testMailbox(): Promise<MailBenchTarget> {
  const admin = await stack.userWith('admin');
  const sender = await userWithMailbox(stack, 'requester');
  const desk = freshAddress('support');
  return {
    baseUrl: stack.baseUrl,
    adminToken: admin.token,
    mailboxId: await addTestMailbox(stack, admin, desk),
    desk,
    sender: sender.address,
    smtpPort: TEST_MAIL.smtpPort,
    imapPort: TEST_MAIL.imapPort,
    imapPassword: TEST_MAIL.password(),
  };
}

describe('bench/mail-intake.ts', () => {
  it('measures a few messages becoming tickets and their acknowledgements', async () => {
    const figures = await measureMailIntake(await testMailbox(), 5);
    console.log(`mail bench smoke: ${JSON.stringify(figures)}`);
    expect(figures.messages).toBe(5);
    expect(figures.ticketsPerSecond).toBeGreaterThan(0);
    expect(figures.deliveryToTicketP99Ms).toBeGreaterThanOrEqual(figures.deliveryToTicketP50Ms);
    expect(figures.acknowledgementsPerSecond).toBeGreaterThan(0);
  }, 120_000);
});

describe('bench/mailbox-backlog.ts', () => {
  it('measures a few waiting messages, half of them replies, becoming tickets and followups', async () => {
    // The stack runs in this process.
    const figures = await measureBacklog({ ...(await testMailbox()), rssBytes: () => process.memoryUsage().rss }, 6);
    console.log(`mailbox backlog smoke: ${JSON.stringify(figures)}`);
    expect(figures).toMatchObject({ messages: 6, tickets: 3, followups: 3, otherOutcomes: 0 });
    expect(figures.rssPeakMb).toBeGreaterThanOrEqual(figures.rssStartMb);
  }, 120_000);
});
