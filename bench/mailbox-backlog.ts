// A mailbox's backlog on a running guichet (npm start): GUICHET_BENCH_MESSAGES messages (1,000)
// waiting in support@guichet.test — GUICHET_BENCH_SHAPE `pairs` (half of them replies) or `thread`
// (all replies to the first) — then collected by the demo's mailbox; prints messages/s, what they
// became, and the memory of guichet's process while it collects.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { withDemoMailbox } from './demo-mailbox';
import { measureBacklog, type BacklogShape } from './mailbox-backlog-measure';

const messages = Number(process.env['GUICHET_BENCH_MESSAGES'] ?? 1_000);
const shape = (process.env['GUICHET_BENCH_SHAPE'] ?? 'pairs') as BacklogShape;
// The process that collects: the one npm start runs (or GUICHET_BENCH_PID).
const pid = Number(process.env['GUICHET_BENCH_PID'] ?? execFileSync('pgrep', ['-f', '-n', 'runtime/main.ts'], { encoding: 'utf8' }).trim());
const rssBytes = (): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

const figures = await withDemoMailbox((mailbox) => measureBacklog({ ...mailbox, rssBytes }, messages, shape));
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
