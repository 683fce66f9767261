import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { ImapFlow } from 'imapflow';
import { ValidationError } from '../core/errors';
import { parseMessage } from './incoming-message';
import type { MailIntake } from './mail-intake.service';
import type { ConnectionCheck, MailboxInTake } from './mailbox.schemas';
import { mailboxPassword } from './mailbox-password';

export interface CollectOptions {
  /** How long to wait for new mail after a pass (IDLE, or NOOP polling on servers without it). */
  idleMs: number;
  /** Called after each message and while waiting, so a supervisor knows the collector lives. */
  heartbeat: () => void;
}

export interface CollectedPass {
  /** Messages taken in this pass (new to the desk or not). */
  taken: number;
  /** True when new mail arrived while waiting. */
  newMail: boolean;
}

async function connectedClient(mailbox: MailboxInTake): Promise<ImapFlow> {
  const { imap } = mailbox.settings;
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: { user: imap.user, pass: await mailboxPassword(imap.passwordFrom) },
    logger: false,
    disableAutoIdle: true,
    missingIdleCommand: 'NOOP',
  });
  // A dropped connection is noticed by the next command; the error event must not crash the process.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Connects with the mailbox's settings and reads its folder's status, without taking anything. */
export async function checkConnection(mailbox: MailboxInTake): Promise<ConnectionCheck> {
  const { folder } = mailbox.settings;
  let client: ImapFlow | null = null;
  try {
    client = await connectedClient(mailbox);
    const status = await client.status(folder, { messages: true, unseen: true });
    if (!status) return { ok: false, folder, messages: null, unseen: null, error: `the folder ${folder} cannot be read` };
    return { ok: true, folder, messages: status.messages ?? null, unseen: status.unseen ?? null, error: null };
  } catch (error) {
    return { ok: false, folder, messages: null, unseen: null, error: connectionErrorOf(error) };
  } finally {
    await client?.logout().catch(() => client?.close());
  }
}

// imapflow's errors, told as what to check.
function connectionErrorOf(error: unknown): string {
  // The password's source is missing: its own words say which.
  if (error instanceof ValidationError) return Object.values((error.details as { fields: Record<string, string> }).fields).join('; ');
  const { code, authenticationFailed, responseText, message } = error as {
    code?: string;
    authenticationFailed?: boolean;
    responseText?: string;
    message?: string;
  };
  if (authenticationFailed) return 'the server refused the user or its password';
  if (code === 'ECONNREFUSED') return 'nothing answers at this host and port';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name is unknown';
  if (code === 'ETIMEDOUT' || code === 'ETIMEOUT') return 'the server did not answer in time';
  if (responseText) return `the server answered: ${responseText}`;
  return message ?? 'the connection failed';
}

/**
 * One pass over the mailbox's folder: every message not yet taken, oldest first, is handed to the
 * intake, then marked seen or moved; then it waits up to `idleMs` for new mail. A message is
 * marked only after the intake has recorded it, so a collector that dies in between takes it
 * again, and the intake knows it.
 */
export async function collectMailbox(mailbox: MailboxInTake, intake: MailIntake, options: CollectOptions): Promise<CollectedPass> {
  const { folder, afterImport, moveTo } = mailbox.settings;
  const client = await connectedClient(mailbox);
  try {
    let taken = 0;
    const opened = await client.mailboxOpen(folder);
    const uidValidity = Number(opened.uidValidity);
    const uids = (await client.search(afterImport === 'seen' ? { seen: false } : { all: true }, { uid: true })) || [];
    for (const uid of [...uids].sort((a, b) => a - b)) {
      const key = { mailboxId: mailbox.id, uidValidity, uid };
      const fetched = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (!fetched || !fetched.source) continue;
      const message = await parseMessage(fetched.source).catch(() => null);
      if (message) await intake.take(mailbox, key, message, fetched.source);
      else await intake.unreadable(key, fetched.source);
      if (afterImport === 'move' && moveTo) await client.messageMove(String(uid), moveTo, { uid: true });
      else await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      taken += 1;
      options.heartbeat();
    }
    return { taken, newMail: taken === 0 && options.idleMs > 0 ? await newMailWithin(client, options) : false };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

// Waits in IDLE for the server to announce a new message, heartbeating meanwhile.
async function newMailWithin(client: ImapFlow, { idleMs, heartbeat }: CollectOptions): Promise<boolean> {
  const stop = new AbortController();
  const arrived = once(client, 'exists', { signal: stop.signal }).then(
    () => true,
    () => false,
  );
  void client.idle().catch(() => undefined);
  const deadline = Date.now() + idleMs;
  try {
    while (Date.now() < deadline) {
      const news = await Promise.race([arrived, sleep(Math.min(2_000, deadline - Date.now()), false)]);
      if (news) return true;
      heartbeat();
    }
    return false;
  } finally {
    stop.abort();
  }
}
