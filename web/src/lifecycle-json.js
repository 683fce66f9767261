// The lifecycle editor's JSON: parsed with where each value sits in the text (so a finding's path
// can select it, and the caret's place names a path), and the definition's layout.
import { parseTree, printParseErrorCode } from 'jsonc-parser';
import { jsonPath } from '../../lifecycles/json-path';

// Strict JSON, as the API reads it.
const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

// The parser's errors in the editor's words (lifecycle-text.js `syntaxErrors`).
const ERROR_CODES = {
  InvalidSymbol: 'unexpected',
  InvalidNumberFormat: 'bad-number',
  PropertyNameExpected: 'key-expected',
  ValueExpected: 'unexpected',
  ColonExpected: 'unexpected',
  CommaExpected: 'comma-expected',
  CloseBraceExpected: 'comma-expected',
  CloseBracketExpected: 'comma-expected',
  EndOfFileExpected: 'trailing',
  InvalidCommentToken: 'unexpected',
  UnexpectedEndOfComment: 'unexpected',
  UnexpectedEndOfString: 'unterminated-string',
  UnexpectedEndOfNumber: 'bad-number',
  InvalidUnicode: 'bad-escape',
  InvalidEscapeCharacter: 'bad-escape',
  InvalidCharacter: 'control-character',
};

/** Each value of the tree as `{ segments, path, start, valueStart, end }`; a member's `start` is its key's. */
function spansOf(node, segments = [], memberStart = node.offset, spans = []) {
  spans.push({ segments, path: jsonPath(segments), start: memberStart, valueStart: node.offset, end: node.offset + node.length });
  if (node.type === 'object') {
    for (const { offset, children: [key, value] = [] } of node.children ?? []) {
      if (key && value) spansOf(value, [...segments, key.value], offset, spans);
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((item, i) => spansOf(item, [...segments, i], item.offset, spans));
  }
  return spans;
}

// The value of a tree parsed without errors.
function valueOf(node) {
  if (node.type === 'object') return Object.fromEntries(node.children.map(({ children: [key, value] }) => [key.value, valueOf(value)]));
  if (node.type === 'array') return node.children.map(valueOf);
  return node.value;
}

/** The line and column (both from 1) of `offset` in `text`. */
export function lineColumnOf(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Parses `text` as JSON. Returns `{ value, spans }`, where each span is a value's `path` and its
 * `start`/`end` in the text (a member's span starts at its key), or `{ error }` with the first
 * error's `code`, `offset`, `line`, `column` and the character `found` there.
 */
export function parseWithSpans(text) {
  const errors = [];
  const tree = parseTree(text, errors, STRICT);
  const [first] = errors;
  if (first || !tree) {
    const offset = first?.offset ?? text.length;
    const code = offset >= text.length ? 'end' : ERROR_CODES[printParseErrorCode(first.error)];
    return { error: { code, offset, found: text[offset] ?? '', ...lineColumnOf(text, offset) } };
  }
  return { value: valueOf(tree), spans: spansOf(tree) };
}

/** The span of `path`, or of its nearest enclosing value present in the text (a missing `roles` selects its action). */
export function spanOfPath(spans, path) {
  const byPath = new Map(spans.map((span) => [span.path, span]));
  for (let shorter = path; shorter.length > 0;) {
    if (byPath.has(shorter)) return byPath.get(shorter);
    const cut = Math.max(shorter.lastIndexOf('.'), shorter.lastIndexOf('['));
    shorter = cut > 0 ? shorter.slice(0, cut) : '';
  }
  return byPath.get('$') ?? null;
}

/** The innermost value whose text holds `offset`. */
export function spanAt(spans, offset) {
  let best = null;
  for (const span of spans) {
    if (span.valueStart <= offset && offset <= span.end && (!best || span.end - span.valueStart < best.end - best.valueStart)) best = span;
  }
  return best;
}

/** A definition laid out as the shipped ones are: two spaces, and lists of names on one line. */
export function formatDefinition(value, indent = '') {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object'))
      return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
    return `[\n${value.map((item) => inner + formatDefinition(item, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatDefinition(item, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
