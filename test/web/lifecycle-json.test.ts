import { describe, expect, it } from 'vitest';

interface Span {
  path: string;
  start: number;
  valueStart: number;
  end: number;
}
type Parsed = { value: unknown; spans: Span[] } | { error: { code: string; offset: number; found: string; line: number; column: number } };

/** The module of web/src, which the server's type check does not read. */
const { parseWithSpans, spanAt, spanOfPath } = (await import(new URL('../../web/src/lifecycle-json.js', import.meta.url).href)) as {
  parseWithSpans: (text: string) => Parsed;
  spanAt: (spans: Span[], offset: number) => Span | null;
  spanOfPath: (spans: Span[], path: string) => Span | null;
};

const DRAFT = `{
  "key": "incident",
  "states": {
    "new": { "status": "new" },
    "en attente": { "status": "pending" }
  },
  "actions": [{ "name": "assign", "roles": ["technician"] }]
}`;

const spansOf = (text: string): Span[] => {
  const parsed = parseWithSpans(text);
  if ('error' in parsed) throw new Error(`not parsed: ${JSON.stringify(parsed.error)}`);
  return parsed.spans;
};

describe('the lifecycle editor reading its JSON', () => {
  it('reads the definition as JSON.parse does', () => {
    expect(parseWithSpans(DRAFT)).toMatchObject({ value: JSON.parse(DRAFT) });
  });

  it('finds the text of a finding’s path, or of the nearest value the text has', () => {
    const spans = spansOf(DRAFT);
    const roles = spanOfPath(spans, '$.actions[0].roles')!;
    expect(DRAFT.slice(roles.start, roles.end)).toBe('"roles": ["technician"]');
    const quoted = spanOfPath(spans, '$.states["en attente"].status')!;
    expect(DRAFT.slice(quoted.valueStart, quoted.end)).toBe('"pending"');
    // A finding about a field the action lacks selects the action.
    const action = spanOfPath(spans, '$.actions[0].effects')!;
    expect(DRAFT.slice(action.start, action.end)).toBe('{ "name": "assign", "roles": ["technician"] }');
  });

  it('names the path under the caret', () => {
    const spans = spansOf(DRAFT);
    expect(spanAt(spans, DRAFT.indexOf('technician'))?.path).toBe('$.actions[0].roles[0]');
    expect(spanAt(spans, DRAFT.indexOf('"pending"') + 2)?.path).toBe('$.states["en attente"].status');
  });

  it.each([
    ['{\n  "key": "incident",\n}', 'key-expected', 3, 1, '}'],
    ['{\n  "key": "incident"\n  "states": {}\n}', 'comma-expected', 3, 3, '"'],
    ['{ "key": "incid', 'unterminated-string', 1, 10, '"'],
    ['{ "key": "a\\qb" }', 'bad-escape', 1, 10, '"'],
    ['{ "level": 1. }', 'bad-number', 1, 12, '1'],
    ['{ "key": incident }', 'unexpected', 1, 10, 'i'],
    ['{ "key": "incident" } x', 'unexpected', 1, 23, 'x'],
    ['{ "states": {', 'end', 1, 14, ''],
    ['// comment\n{}', 'unexpected', 1, 1, '/'],
  ])('refuses %j as %s at line %i, column %i, where it found %j', (text, code, line, column, found) => {
    expect(parseWithSpans(text)).toEqual({ error: { code, line, column, found, offset: expect.any(Number) } });
  });
});
