// What the mail benchmark measures, against any running guichet and mail server: `messages`
// messages delivered over SMTP to the desk's mailbox, then how fast they become tickets and how
// fast their acknowledgements reach the sender's own mailbox.
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { percentile } from './bench-client';

export interface MailBenchTarget {
  baseUrl: string;
  adminToken: string;
  mailboxId: number;
  desk: string;
  /** A user of guichet, whose acknowledgements are counted in their own mailbox. */
  sender: string;
  smtpPort: number;
  imapPort: number;
  imapPassword: string;
}

export interface MailBenchFigures {
  messages: number;
  sendSeconds: number;
  ticketsPerSecond: number;
  deliveryToTicketP50Ms: number;
  deliveryToTicketP99Ms: number;
  acknowledgementsPerSecond: number;
}

type ReportEntry = { messageId: string | null; at: string; outcome: string };

async function report(target: MailBenchTarget): Promise<{ taken: number; messages: ReportEntry[] }> {
  const response = await fetch(`${target.baseUrl}/api/v1/mailboxes/${target.mailboxId}/report?limit=500`, {
    headers: { authorization: `Bearer ${target.adminToken}` },
  });
  if (response.status !== 200) throw new Error(`report answered ${response.status}`);
  const body = (await response.json()) as { counts: Record<string, number>; messages: ReportEntry[] };
  return { taken: Object.values(body.counts).reduce((sum, count) => sum + count, 0), messages: body.messages };
}

async function inboxSize(target: MailBenchTarget): Promise<number> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: target.imapPort,
    secure: false,
    auth: { user: target.sender, pass: target.imapPassword },
    logger: false,
  });
  await client.connect();
  try {
    const status = await client.status('INBOX', { messages: true });
    return status ? (status.messages ?? 0) : 0;
  } finally {
    await client.logout();
  }
}

/** Polls `probe` every 100 ms until it is true; returns when it became so. */
async function until(probe: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not done within ${timeoutMs} ms`);
}

export async function measureMailIntake(target: MailBenchTarget, messages: number): Promise<MailBenchFigures> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: target.smtpPort, secure: false, ignoreTLS: true, pool: true });
  const [takenBefore, inboxBefore] = [(await report(target)).taken, await inboxSize(target)];
  const sentAt = new Map<string, number>();
  const run = Date.now().toString(36);
  const started = performance.now();
  for (let n = 0; n < messages; n += 1) {
    const info = await transport.sendMail({
      from: target.sender,
      to: target.desk,
      subject: `Bench ${run} ${n}: imprimante du 2e étage`,
      text: `Message ${n} du banc d’essai : l’imprimante affiche « bourrage papier ».`,
    });
    sentAt.set(info.messageId, Date.now());
  }
  const sendSeconds = (performance.now() - started) / 1000;
  transport.close();
  const allTaken = await until(async () => (await report(target)).taken >= takenBefore + messages, 600_000);
  const latencies = (await report(target)).messages
    .filter((entry) => entry.messageId !== null && sentAt.has(entry.messageId))
    .map((entry) => Date.parse(entry.at) - sentAt.get(entry.messageId!)!)
    .sort((a, b) => a - b);
  const allAcknowledged = await until(async () => (await inboxSize(target)) >= inboxBefore + messages, 600_000);
  return {
    messages,
    sendSeconds,
    ticketsPerSecond: messages / ((allTaken - started) / 1000),
    deliveryToTicketP50Ms: percentile(latencies, 50),
    deliveryToTicketP99Ms: percentile(latencies, 99),
    acknowledgementsPerSecond: messages / ((allAcknowledged - started) / 1000),
  };
}
