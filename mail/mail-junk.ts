import type { IncomingMessage } from './incoming-message';

/** Why a message is not for the desk: an automatic answer, a list, a bounce, or the desk's own mail. */
export type JunkReason = 'auto_submitted' | 'bulk' | 'auto_reply' | 'delivery_report' | 'bounce' | 'own_address';

/**
 * The reason a message must never become a ticket or a followup (RFC 3834 and the headers mail
 * programs set on automatic mail), or null when a person wrote it.
 */
export function junkReasonOf(message: IncomingMessage, ownAddresses: readonly string[]): JunkReason | null {
  const header = (name: string) => message.headers[name]?.trim().toLowerCase();
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted !== undefined && autoSubmitted !== 'no') return 'auto_submitted';
  if (['bulk', 'list', 'junk'].includes(header('precedence') ?? '')) return 'bulk';
  if (['x-autoreply', 'x-autorespond', 'x-auto-response-suppress'].some((name) => header(name) !== undefined)) return 'auto_reply';
  if (message.contentType === 'multipart/report') return 'delivery_report';
  if (message.returnPath === '' || /^(mailer-daemon|postmaster)@/.test(message.from?.address ?? '')) return 'bounce';
  if (message.from && ownAddresses.includes(message.from.address)) return 'own_address';
  return null;
}
