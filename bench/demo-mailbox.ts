// The demo's desk mailbox, support@guichet.test, as the mail benchmarks use it: alice writes
// every message, so its flood guard is raised for the run and put back after.
import { readFileSync } from 'node:fs';
import { BASE_URL, call, loginAs } from './bench-client';
import type { MailBenchTarget } from './mail-intake-measure';

/** Runs `measure` on the demo's mailbox with its limit per sender raised, then puts the limit back. */
export async function withDemoMailbox<T>(measure: (mailbox: MailBenchTarget) => Promise<T>): Promise<T> {
  const admin = await loginAs('admin');
  const mailboxes = await call('GET', '/api/v1/mailboxes', admin);
  const desk = mailboxes.body.items.find((mailbox: { address: string }) => mailbox.address === 'support@guichet.test');
  if (!desk) throw new Error('no mailbox for support@guichet.test: is the demo seeded?');
  const raised = await call('PATCH', `/api/v1/mailboxes/${desk.id}`, admin, { maxPerSenderPerHour: 100_000 });
  if (raised.status !== 200) throw new Error(`cannot raise the mailbox's flood limit: ${raised.status}`);
  try {
    return await measure({
      baseUrl: BASE_URL,
      adminToken: admin,
      mailboxId: desk.id,
      desk: desk.address,
      sender: 'alice@guichet.test',
      smtpPort: Number(process.env['GUICHET_SMTP_PORT'] ?? 2525),
      imapPort: Number(process.env['GUICHET_IMAP_PORT'] ?? 1143),
      imapPassword: readFileSync('.data/mail/password', 'utf8').trim(),
    });
  } finally {
    await call('PATCH', `/api/v1/mailboxes/${desk.id}`, admin, { maxPerSenderPerHour: desk.maxPerSenderPerHour });
  }
}
