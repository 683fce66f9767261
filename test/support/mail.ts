// Mail through the real mail server: messages built by nodemailer's MIME composer and sent over
// SMTP to Postfix, which delivers them into Dovecot, where the desk's collector reads them.
import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { UserRow } from '../../users/user.models';
import type { Profile } from '../../users/profiles';
import type { Stack, TestUser } from './stack';
import { TEST_MAIL } from './test-settings';

// Where test mailboxes read their password, as an operator would configure it; set on import, so
// that a worker process started by the test inherits it.
process.env['GUICHET_TEST_IMAP_PASSWORD'] = TEST_MAIL.password();

const transport = nodemailer.createTransport({ host: '127.0.0.1', port: TEST_MAIL.smtpPort, secure: false, ignoreTLS: true });

/** An address of the mail server no other test uses. */
export const freshAddress = (name: string): string => `${name}-${randomUUID().slice(0, 8)}@${TEST_MAIL.domain}`;

/** Sends a message built from `mail`; returns its Message-ID. */
export async function sendMail(mail: Mail.Options): Promise<string> {
  const info = await transport.sendMail(mail);
  return info.messageId;
}

/** Sends a message given as its source, from the envelope sender `from` (empty for a bounce). */
export async function sendRaw(from: string, to: string, source: string | Buffer): Promise<void> {
  await transport.sendMail({ envelope: { from, to: [to] }, raw: source });
}

/** Adds a mailbox for `address` on the test mail server, collected with the password in GUICHET_TEST_IMAP_PASSWORD. */
export async function addTestMailbox(stack: Stack, admin: TestUser, address: string, settings: object = {}): Promise<number> {
  const created = await stack.call('POST', '/api/v1/mailboxes', {
    token: admin.token,
    body: {
      name: 'Support',
      address,
      entity: 1,
      imap: { host: '127.0.0.1', port: TEST_MAIL.imapPort, user: address, passwordFrom: { env: 'GUICHET_TEST_IMAP_PASSWORD' } },
      ...settings,
    },
  });
  if (created.status !== 201) throw new Error(`mailbox not added: ${JSON.stringify(created.body)}`);
  return created.body.id as number;
}

/** A message as it arrived in a mailbox. */
export interface ReceivedMail {
  subject: string;
  messageId: string;
  inReplyTo: string | undefined;
  references: string[];
  autoSubmitted: string | undefined;
  text: string;
  /** The HTML part, when there is one. */
  html: string | null;
}

/** Every message in the inbox of `address`, read over IMAP and parsed, oldest first. */
export async function inboxOf(
  address: string,
  server = { port: TEST_MAIL.imapPort, password: TEST_MAIL.password() },
): Promise<ReceivedMail[]> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: server.port,
    secure: false,
    auth: { user: address, pass: server.password },
    logger: false,
  });
  await client.connect();
  const sources: Buffer[] = [];
  try {
    await client.mailboxOpen('INBOX');
    for await (const message of client.fetch('1:*', { source: true })) if (message.source) sources.push(message.source);
  } catch (error) {
    // An empty mailbox has no message 1.
    if (!String(error).includes('Invalid messageset')) throw error;
  } finally {
    await client.logout();
  }
  return Promise.all(
    sources.map(async (source) => {
      const parsed = await simpleParser(source);
      const references = parsed.references;
      return {
        subject: parsed.subject ?? '',
        messageId: parsed.messageId ?? '',
        inReplyTo: parsed.inReplyTo,
        references: Array.isArray(references) ? references : references ? [references] : [],
        autoSubmitted: parsed.headers.get('auto-submitted') as string | undefined,
        text: parsed.text ?? '',
        html: parsed.html || null,
      };
    }),
  );
}

/** A user of `profile` whose e-mail address is a mailbox of the test mail server of their own. */
export async function userWithMailbox(
  stack: Stack,
  profile: Profile,
  group?: 'N1' | 'N2',
  name?: string,
): Promise<TestUser & { address: string }> {
  const user = await stack.userWith(profile, group, { name });
  const address = freshAddress(profile);
  await UserRow.update({ email: address }, { where: { id: user.id } });
  return { ...user, address };
}
