// What the mailbox-backlog benchmark measures, against any running guichet and mail server:
// `messages` messages put straight into the desk's folder over IMAP (APPEND) while its mailbox is
// disabled — as `pairs`, every other one a reply to the one before (by References), or as one
// `thread`, every one after the first a reply to it — then the mailbox is enabled and the backlog
// collected: messages/s, what they became, and the memory of the process that collects them,
// sampled every half second. A thread files one ticket, so the memory is the collector's, not
// that of the new tickets' workflows the worker keeps in its cache.
import { ImapFlow } from 'imapflow';

export interface BacklogTarget {
  baseUrl: string;
  adminToken: string;
  mailboxId: number;
  /** The desk's address, also the IMAP user of its folder. */
  desk: string;
  /** A user of guichet, who writes every message. */
  sender: string;
  imapPort: number;
  imapPassword: string;
  /** The resident memory of the process that collects, in bytes. */
  rssBytes: () => number;
}

export interface BacklogFigures {
  messages: number;
  appendSeconds: number;
  collectSeconds: number;
  messagesPerSecond: number;
  tickets: number;
  followups: number;
  otherOutcomes: number;
  rssStartMb: number;
  rssPeakMb: number;
  rssEndMb: number;
}

type Counts = Record<'ticket' | 'followup' | 'skipped' | 'quarantined', number>;

async function call(target: BacklogTarget, method: string, path: string, body?: unknown) {
  const response = await fetch(`${target.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${target.adminToken}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`${method} ${path} answered ${response.status}`);
  return response.json();
}

const countsOf = async (target: BacklogTarget): Promise<Counts> =>
  (await call(target, 'GET', `/api/v1/mailboxes/${target.mailboxId}/report?limit=1`)).counts;
const total = (counts: Counts) => Object.values(counts).reduce((sum, count) => sum + count, 0);

export type BacklogShape = 'pairs' | 'thread';

/** A message as a mail program writes it; a reply names the one it answers. */
function messageSource(target: BacklogTarget, run: string, n: number, shape: BacklogShape): string {
  const id = (k: number) => `<backlog-${run}-${k}@bench.guichet.test>`;
  const answered = shape === 'thread' ? (n > 0 ? 0 : null) : n % 2 === 1 ? n - 1 : null;
  const reply = answered !== null;
  return [
    `From: ${target.sender}`,
    `To: ${target.desk}`,
    `Subject: ${reply ? 'Re: ' : ''}Backlog ${run} ${answered ?? n} : poste qui redémarre seul`,
    `Message-ID: ${id(n)}`,
    ...(reply ? [`In-Reply-To: ${id(answered)}`, `References: ${id(answered)}`] : []),
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    reply ? 'Toujours pareil ce matin, après la mise à jour.' : `Message ${n} : le poste redémarre seul toutes les heures.`,
    '',
  ].join('\r\n');
}

export async function measureBacklog(target: BacklogTarget, messages: number, shape: BacklogShape = 'pairs'): Promise<BacklogFigures> {
  await call(target, 'PATCH', `/api/v1/mailboxes/${target.mailboxId}`, { enabled: false });
  const before = await countsOf(target);
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: target.imapPort,
    secure: false,
    auth: { user: target.desk, pass: target.imapPassword },
    logger: false,
  });
  await client.connect();
  const run = Date.now().toString(36);
  const appendStarted = performance.now();
  try {
    for (let n = 0; n < messages; n += 1) await client.append('INBOX', messageSource(target, run, n, shape), []);
  } finally {
    await client.logout();
  }
  const appendSeconds = (performance.now() - appendStarted) / 1000;

  const rss = [target.rssBytes()];
  const started = performance.now();
  await call(target, 'PATCH', `/api/v1/mailboxes/${target.mailboxId}`, { enabled: true });
  let after = before;
  while (total(after) < total(before) + messages) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    rss.push(target.rssBytes());
    after = await countsOf(target);
    if (performance.now() - started > 3_600_000) throw new Error('the backlog was not collected within an hour');
  }
  const collectSeconds = (performance.now() - started) / 1000;
  const mb = (bytes: number) => bytes / 1_048_576;
  const tickets = after.ticket - before.ticket;
  const followups = after.followup - before.followup;
  return {
    messages,
    appendSeconds,
    collectSeconds,
    messagesPerSecond: messages / collectSeconds,
    tickets,
    followups,
    otherOutcomes: messages - tickets - followups,
    rssStartMb: mb(rss[0]!),
    rssPeakMb: mb(Math.max(...rss)),
    rssEndMb: mb(rss.at(-1)!),
  };
}
