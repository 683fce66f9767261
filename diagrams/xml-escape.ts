const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** `text` without the characters XML 1.0 forbids, which no escape can write. */
export function withoutNonXmlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/** `text` safe inside XML text and double- or single-quoted attributes; characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  return withoutNonXmlCharacters(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A coordinate rounded as SVG and BPMN DI write it: to at most one decimal. */
export const roundCoordinate = (value: number): number => Math.round(value * 10) / 10;

/** A coordinate as written in SVG: at most one decimal. */
export const coordinate = (value: number): string => String(roundCoordinate(value));
