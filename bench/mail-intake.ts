// Mail in and out on a running guichet (npm start): GUICHET_BENCH_MESSAGES messages (1,000) sent
// by alice to support@guichet.test become tickets; prints messages/s, p50/p99 from delivery to
// ticket (over the last 500), and acknowledgements/s as they reach alice's mailbox.
import { readFileSync } from 'node:fs';
import { BASE_URL, call, loginAs } from './bench-client';
import { measureMailIntake } from './mail-intake-measure';

const messages = Number(process.env['GUICHET_BENCH_MESSAGES'] ?? 1_000);
const admin = await loginAs('admin');
const mailboxes = await call('GET', '/api/v1/mailboxes', admin);
const desk = mailboxes.body.items.find((mailbox: { address: string }) => mailbox.address === 'support@guichet.test');
if (!desk) throw new Error('no mailbox for support@guichet.test: is the demo seeded?');
// One sender writes them all: the mailbox's flood guard would skip all but the first few.
const raised = await call('PATCH', `/api/v1/mailboxes/${desk.id}`, admin, { maxPerSenderPerHour: 100_000 });
if (raised.status !== 200) throw new Error(`cannot raise the mailbox's flood limit: ${raised.status}`);
const figures = await measureMailIntake(
  {
    baseUrl: BASE_URL,
    adminToken: admin,
    mailboxId: desk.id,
    desk: desk.address,
    sender: 'alice@guichet.test',
    smtpPort: Number(process.env['GUICHET_SMTP_PORT'] ?? 2525),
    imapPort: Number(process.env['GUICHET_IMAP_PORT'] ?? 1143),
    imapPassword: readFileSync('.data/mail/password', 'utf8').trim(),
  },
  messages,
);
await call('PATCH', `/api/v1/mailboxes/${desk.id}`, admin, { maxPerSenderPerHour: desk.maxPerSenderPerHour });
console.log('messages  sent in s  tickets/s  delivery→ticket p50 ms  p99 ms  acknowledgements/s');
console.log(
  [
    figures.messages,
    figures.sendSeconds.toFixed(1),
    figures.ticketsPerSecond.toFixed(1),
    figures.deliveryToTicketP50Ms.toFixed(0),
    figures.deliveryToTicketP99Ms.toFixed(0),
    figures.acknowledgementsPerSecond.toFixed(1),
  ].join('  '),
);
