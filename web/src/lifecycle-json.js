// The lifecycle editor's JSON: a parser that remembers where each value sits in the text (so a
// finding's path can select it, and the caret's place names a path), and the definition's layout.

/** `['actions', 3, 'roles']` → `$.actions[3].roles`, as the API writes a finding's path. */
export function jsonPath(segments) {
  return segments.reduce((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${text}.${key}` : `${text}[${JSON.stringify(key)}]`;
  }, '$');
}

class JsonSyntaxError extends Error {
  constructor(code, offset, found) {
    super(code);
    this.code = code;
    this.offset = offset;
    this.found = found;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = { true: true, false: false, null: null };

function parser(text) {
  let at = 0;
  const spans = [];
  const fail = (code) => {
    throw new JsonSyntaxError(code, at, at < text.length ? text[at] : '');
  };
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at += 1;
  };
  const expect = (char) => {
    skipSpace();
    if (text[at] !== char) fail(at < text.length ? 'unexpected' : 'end');
    at += 1;
  };

  function string() {
    const start = at;
    at += 1;
    while (at < text.length && text[at] !== '"') {
      if (text[at] === '\\') at += 1;
      else if (text.charCodeAt(at) < 0x20) fail('control-character');
      at += 1;
    }
    if (at >= text.length) {
      at = start;
      fail('unterminated-string');
    }
    at += 1;
    try {
      return JSON.parse(text.slice(start, at));
    } catch {
      at = start;
      return fail('bad-escape');
    }
  }

  function value(segments, memberStart) {
    skipSpace();
    const start = at;
    const char = text[at];
    let result;
    if (char === '{') result = object(segments);
    else if (char === '[') result = array(segments);
    else if (char === '"') result = string();
    else if (char === '-' || (char >= '0' && char <= '9')) {
      NUMBER.lastIndex = at;
      const match = NUMBER.exec(text);
      if (!match) fail('bad-number');
      at += match[0].length;
      result = Number(match[0]);
    } else {
      const word = /^[a-z]+/.exec(text.slice(at, at + 5))?.[0];
      if (!word || !Object.hasOwn(LITERALS, word)) fail(at < text.length ? 'unexpected' : 'end');
      at += word.length;
      result = LITERALS[word];
    }
    spans.push({ segments, path: jsonPath(segments), start: memberStart ?? start, valueStart: start, end: at });
    return result;
  }

  function object(segments) {
    at += 1;
    const result = {};
    skipSpace();
    if (text[at] === '}') {
      at += 1;
      return result;
    }
    for (;;) {
      skipSpace();
      if (text[at] !== '"') fail(at < text.length ? 'key-expected' : 'end');
      const keyStart = at;
      const key = string();
      expect(':');
      result[key] = value([...segments, key], keyStart);
      skipSpace();
      if (text[at] === ',') at += 1;
      else if (text[at] === '}') {
        at += 1;
        return result;
      } else fail(at < text.length ? 'comma-expected' : 'end');
    }
  }

  function array(segments) {
    at += 1;
    const result = [];
    skipSpace();
    if (text[at] === ']') {
      at += 1;
      return result;
    }
    for (;;) {
      result.push(value([...segments, result.length]));
      skipSpace();
      if (text[at] === ',') at += 1;
      else if (text[at] === ']') {
        at += 1;
        return result;
      } else fail(at < text.length ? 'comma-expected' : 'end');
    }
  }

  return {
    parse() {
      const result = value([]);
      skipSpace();
      if (at < text.length) fail('trailing');
      return result;
    },
    spans,
  };
}

/** The line and column (both from 1) of `offset` in `text`. */
export function lineColumnOf(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Parses `text` as JSON. Returns `{ value, spans }`, where each span is a value's `path` and its
 * `start`/`end` in the text (a member's span starts at its key), or `{ error }` with the error's
 * `code`, `offset`, `line`, `column` and the character `found` there.
 */
export function parseWithSpans(text) {
  const run = parser(text);
  try {
    return { value: run.parse(), spans: run.spans };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { error: { code: error.code, offset: error.offset, found: error.found, ...lineColumnOf(text, error.offset) } };
  }
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
