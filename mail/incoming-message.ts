import { compile } from 'html-to-text';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { KeptBytes } from '../attachments/attachment-storage';

export interface MailAddress {
  address: string;
  name: string;
}

/** A received message as the desk reads it: who, what, its thread, and the headers that tell loops and junk. */
export interface IncomingMessage {
  messageId: string | null;
  /** The Message-IDs it answers (In-Reply-To, then References), newest first. */
  thread: string[];
  from: MailAddress | null;
  to: string[];
  cc: MailAddress[];
  subject: string;
  /** The body as safe text: HTML turned into text without scripts, styles or remote images. */
  text: string;
  /** Lower-case header names to their raw values, for the loop and junk checks. */
  headers: Record<string, string>;
  contentType: string;
  /** The envelope sender (Return-Path): empty for bounces. */
  returnPath: string | null;
  /** Its files: attachments, and the images it shows inline (with their Content-ID). */
  files: MailFile[];
  /** Where the collector kept its source, for the desk to read the original. */
  original?: KeptBytes;
}

export interface MailFile {
  name: string;
  content: Buffer;
  contentId: string | null;
}

const addressesOf = (value: AddressObject | AddressObject[] | undefined): MailAddress[] =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((group) => group.value)
    .filter((entry) => typeof entry.address === 'string' && entry.address.includes('@'))
    .map((entry) => ({ address: entry.address!.toLowerCase(), name: entry.name ?? '' }));

const idsOf = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? value.split(/\s+/) : []).map((id) => id.trim()).filter((id) => id.length > 0);

// Compiled once: building the converter costs far more than converting.
const htmlToText = compile({
  wordwrap: false,
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
  ],
});

/** HTML as text a technician can read: structure kept, scripts, styles and images dropped, links spelled out. */
export function textOfHtml(html: string): string {
  return htmlToText(html).trim();
}

export function incomingMessageOf(parsed: ParsedMail): IncomingMessage {
  // Raw values, unfolded; the first of a repeated header.
  const headers: Record<string, string> = {};
  for (const { key, line } of [...parsed.headerLines].reverse()) {
    headers[key.toLowerCase()] = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  const returnPath = headers['return-path'];
  return {
    messageId: parsed.messageId ?? null,
    thread: [...idsOf(parsed.inReplyTo), ...idsOf(parsed.references).reverse()],
    from: addressesOf(parsed.from)[0] ?? null,
    to: addressesOf(parsed.to).map((entry) => entry.address),
    cc: addressesOf(parsed.cc),
    subject: (parsed.subject ?? '').trim(),
    // The parser's own text of an HTML-only message keeps image addresses: the HTML is read here instead.
    text: (typeof parsed.html === 'string' ? textOfHtml(parsed.html) : (parsed.text ?? '').trim()).slice(0, 65_000),
    headers,
    contentType: (headers['content-type'] ?? 'text/plain').split(';')[0]!.trim().toLowerCase(),
    returnPath: returnPath === undefined ? null : returnPath.replace(/[<>\s]/g, ''),
    files: parsed.attachments.map((attachment, index) => ({
      name: attachment.filename ?? `piece-jointe-${index + 1}`,
      content: attachment.content,
      contentId: attachment.cid ?? null,
    })),
  };
}

/** Reads a message's source (RFC 5322) with a real MIME parser; charsets and encoded words are decoded. */
export async function parseMessage(source: Buffer): Promise<IncomingMessage> {
  return incomingMessageOf(await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true }));
}
