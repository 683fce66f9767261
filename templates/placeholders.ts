/**
 * What a response template may say of the ticket it is used on, written `{{ticket.id}}`: filled in
 * when a technician picks the template, so the text reads as written for that ticket.
 * Read by the web UI too.
 */
export const PLACEHOLDERS = ['ticket.id', 'ticket.title', 'requester.name', 'category', 'entity', 'me.name'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const WRITTEN = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** The placeholders `content` names that do not exist, each once. */
export function unknownPlaceholders(content: string): string[] {
  const named = [...content.matchAll(WRITTEN)].map((match) => match[1]!);
  return [...new Set(named.filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name)))];
}

/** `content` with each placeholder replaced by its value in `facts` (an empty value leaves nothing). */
export function fillPlaceholders(content: string, facts: Record<Placeholder, string>): string {
  return content.replace(WRITTEN, (written, name: string) => (name in facts ? facts[name as Placeholder] : written));
}
