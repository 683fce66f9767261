import EmailReplyParser from 'email-reply-parser';

/** A ticket's reference as the desk writes it in subjects. */
export const subjectTag = (ticketId: number): string => `[guichet #${ticketId}]`;

const TAG = /\[guichet\s*#(\d+)\]/i;
// Answer and forward prefixes in the languages the desk meets, repeated or not.
const PREFIXES = /^(\s*(re|tr|fw|fwd|aw|wg|rif|sv|vs|antw)\s*(\[\d+\])?\s*:\s*)+/i;

/** The ticket a subject names with its tag, anywhere in it, in any case. */
export function ticketReferenceIn(subject: string): number | null {
  const match = TAG.exec(subject);
  return match ? Number(match[1]) : null;
}

// GLPI's tag in the notifications it sent before the move: "[GLPI #0001234]".
const GLPI_TAG = /\[GLPI\s*#0*(\d+)\]/i;

/** The external reference of the GLPI ticket a subject names with GLPI's tag (`glpi:1234`), for a reply to a notification GLPI sent. */
export function glpiReferenceIn(subject: string): string | null {
  const match = GLPI_TAG.exec(subject);
  return match ? `glpi:${Number(match[1])}` : null;
}

/** A subject as a ticket's title: without answer prefixes nor the desk's tag. */
export function titleOf(subject: string): string {
  const title = subject.replace(TAG, ' ').replace(PREFIXES, '').replace(/\s+/g, ' ').trim();
  return (title || '(sans objet)').slice(0, 255);
}

/** What a reply adds: the text above the quoted history, without the signature. */
export function replyTextOf(text: string): string {
  const visible = new EmailReplyParser().parseReply(text).trim();
  return visible || text.trim();
}

const NOTICE_ID = /^<?ticket-(\d+)(?:-\d+)*@([^>\s]+)>?$/i;

/** The ticket a notice of the desk's was about, from the Message-IDs a reply names (`<ticket-123-…@domain>`). */
export function ticketOfNoticeIds(messageIds: readonly string[], domain: string): number | null {
  for (const id of messageIds) {
    const match = NOTICE_ID.exec(id);
    if (match && match[2]!.toLowerCase() === domain.toLowerCase()) return Number(match[1]);
  }
  return null;
}
