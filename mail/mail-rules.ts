import type { IncomingMessage } from './incoming-message';
import type { MailboxSettings, MailRule } from './mailbox.schemas';

/** What the message sets on its ticket: the mailbox's defaults, overridden by the first rule that matches. */
export interface MailPlacement {
  entity: number;
  category: number | undefined;
  group: number | undefined;
  type: 'incident' | 'request';
  urgency: number;
}

function matches(rule: MailRule, message: IncomingMessage): boolean {
  const { from, to, words } = rule.when;
  const sender = message.from?.address ?? '';
  if (from !== undefined && !(from.startsWith('@') ? sender.endsWith(from) : sender === from)) return false;
  if (to !== undefined && ![...message.to, ...message.cc.map((cc) => cc.address)].includes(to)) return false;
  if (words !== undefined) {
    const haystack = `${message.subject}\n${message.text}`.toLocaleLowerCase('fr');
    if (!words.some((word) => haystack.includes(word.toLocaleLowerCase('fr')))) return false;
  }
  return true;
}

export function placementOf(mailboxEntity: number, settings: MailboxSettings, message: IncomingMessage): MailPlacement {
  const then = settings.rules.find((rule) => matches(rule, message))?.then ?? {};
  return {
    entity: then.entity ?? mailboxEntity,
    category: then.category ?? settings.defaults.category,
    group: then.group ?? settings.defaults.group,
    type: then.type ?? settings.defaults.type,
    urgency: then.urgency ?? settings.defaults.urgency,
  };
}
