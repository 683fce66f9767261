import { plainWordsOf } from '../core/markdown';

// `@login` after a space, a bracket or the start of a line, never inside an address (`a@b.fr`).
const MENTION = /(?<![\p{L}\p{N}_.@-])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*)/gu;

/** The logins `text` mentions as `@login`, each once, in the order they come; code is never read. */
export function mentionsIn(text: string): string[] {
  const logins = plainWordsOf(text).flatMap((words) => [...words.matchAll(MENTION)].map((match) => match[1]!.replace(/[.-]+$/, '')));
  return [...new Set(logins)];
}
