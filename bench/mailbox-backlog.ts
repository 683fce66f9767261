// A mailbox's backlog on a running guichet (npm start): GUICHET_BENCH_MESSAGES messages (1,000)
// waiting in support@guichet.test — GUICHET_BENCH_SHAPE `pairs` (half of them replies) or `thread`
// (all replies to the first) — then collected by the demo's mailbox; prints messages/s, what they
// became, and the memory of guichet's process while it collects.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BASE_URL, call, loginAs } from './bench-client';
import { measureBacklog, type BacklogShape } from './mailbox-backlog-measure';

const messages = Number(process.env['GUICHET_BENCH_MESSAGES'] ?? 1_000);
const shape = (process.env['GUICHET_BENCH_SHAPE'] ?? 'pairs') as BacklogShape;
// The process that collects: the one npm start runs (or GUICHET_BENCH_PID).
const pid = Number(process.env['GUICHET_BENCH_PID'] ?? execFileSync('pgrep', ['-f', '-n', 'runtime/main.ts'], { encoding: 'utf8' }).trim());
const rssBytes = (): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

const admin = await loginAs('admin');
const mailboxes = await call('GET', '/api/v1/mailboxes', admin);
const desk = mailboxes.body.items.find((mailbox: { address: string }) => mailbox.address === 'support@guichet.test');
if (!desk) throw new Error('no mailbox for support@guichet.test: is the demo seeded?');
// One sender writes them all: the mailbox's flood guard would skip all but the first few.
const raised = await call('PATCH', `/api/v1/mailboxes/${desk.id}`, admin, { maxPerSenderPerHour: 100_000 });
if (raised.status !== 200) throw new Error(`cannot raise the mailbox's flood limit: ${raised.status}`);
try {
  const figures = await measureBacklog(
    {
      baseUrl: BASE_URL,
      adminToken: admin,
      mailboxId: desk.id,
      desk: desk.address,
      sender: 'alice@guichet.test',
      imapPort: Number(process.env['GUICHET_IMAP_PORT'] ?? 1143),
      imapPassword: readFileSync('.data/mail/password', 'utf8').trim(),
      rssBytes,
    },
    messages,
    shape,
  );
  console.log(`shape: ${shape}`);
  console.log('messages  appended in s  collected in s  messages/s  tickets  followups  other  RSS start / peak / end MB');
  console.log(
    [
      figures.messages,
      figures.appendSeconds.toFixed(1),
      figures.collectSeconds.toFixed(1),
      figures.messagesPerSecond.toFixed(1),
      figures.tickets,
      figures.followups,
      figures.otherOutcomes,
      `${figures.rssStartMb.toFixed(0)} / ${figures.rssPeakMb.toFixed(0)} / ${figures.rssEndMb.toFixed(0)}`,
    ].join('  '),
  );
} finally {
  await call('PATCH', `/api/v1/mailboxes/${desk.id}`, admin, { maxPerSenderPerHour: desk.maxPerSenderPerHour });
}
