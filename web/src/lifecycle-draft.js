/* global setTimeout, clearTimeout, getComputedStyle, structuredClone */
// A draft's editor (#/lifecycles/{key}/drafts/{id}): the definition's JSON with line numbers and
// the schema's hints at the caret, forms for the common edits, and — on each change, once typing
// pauses — the draft saved, its findings listed (a click selects the offending JSON) and its
// diagram redrawn beside it. Publishing is offered once the saved draft has no finding.

import { api } from './api-client.js';
import { timeOfDay } from './dates.js';
import { h } from './dom.js';
import { definitionForms } from './lifecycle-form.js';
import { formatDefinition, lineColumnOf, parseWithSpans, spanAt, spanOfPath } from './lifecycle-json.js';
import { base, diagramFigure, showPage } from './lifecycle-page.js';
import { allowedAt } from './lifecycle-schema.js';

const SAVE_AFTER_MS = 400;

function buildEditor(view) {
  const { t } = view.ctx;
  view.gutter = h('pre', { class: 'gutter', 'aria-hidden': 'true' });
  view.textarea = h('textarea', {
    id: 'definition-json',
    spellcheck: 'false',
    autocapitalize: 'off',
    autocomplete: 'off',
    wrap: 'off',
    rows: '24',
    'aria-describedby': 'json-help json-problem json-hints',
  });
  view.problem = h('p', { id: 'json-problem', class: 'json-problem', 'aria-live': 'polite', hidden: true });
  view.hints = h('p', { id: 'json-hints', class: 'json-hints' });
  view.status = h('p', { id: 'save-status', class: 'save-status', role: 'status' });
  return h(
    'section',
    { class: 'json-pane' },
    h('label', { for: 'definition-json', class: 'pane-title', text: t.json }),
    h('p', { id: 'json-help', class: 'help', text: t.jsonHelp }),
    h('div', { class: 'code' }, view.gutter, view.textarea),
    view.problem,
    view.hints,
    view.status,
  );
}

function buildFindings(view) {
  const { t } = view.ctx;
  view.count = h('p', { id: 'finding-count', role: 'status' });
  view.findingList = h('ol', { id: 'findings', class: 'findings' });
  view.publish = h('button', { type: 'button', id: 'publish', disabled: true, 'aria-describedby': 'publish-help', text: t.publish });
  view.publish.addEventListener('click', () => publish(view));
  return h(
    'section',
    { class: 'findings-pane', 'aria-labelledby': 'findings-title' },
    h('h2', { id: 'findings-title', text: t.findings }),
    view.count,
    view.findingList,
    h('div', { class: 'actions' }, view.publish, h('span', { id: 'publish-help', class: 'help', text: t.publishHelp })),
  );
}

function showGutter(view) {
  const lines = view.textarea.value.split('\n').length;
  if (lines === view.lines) return;
  view.lines = lines;
  view.gutter.textContent = Array.from({ length: lines }, (_, i) => i + 1).join('\n') + '\n\n';
}

// A textarea scrolls to its caret only when typed in: bring a span's first lines into view.
function scrollToSpan(view, span) {
  const { line } = lineColumnOf(view.textarea.value, span.start);
  const lineHeight = parseFloat(getComputedStyle(view.textarea).lineHeight) || 20;
  view.textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

function selectSpan(view, span) {
  view.textarea.focus();
  view.textarea.setSelectionRange(span.start, span.end);
  scrollToSpan(view, span);
  showHints(view);
}

function showFindings(view, findings) {
  const { t } = view.ctx;
  view.findings = findings;
  view.count.textContent = t.findingCount(findings.length);
  view.findingList.replaceChildren(
    ...findings.map((finding, i) => {
      const button = h(
        'button',
        { type: 'button', class: 'finding', 'data-path': finding.path, title: t.selectFinding, 'aria-describedby': `finding-${i}` },
        h('span', { class: 'rule', text: finding.rule }),
        h('code', { class: 'path', text: finding.path }),
      );
      button.addEventListener('click', () => {
        const span = view.parsed && spanOfPath(view.parsed.spans, finding.path);
        if (span) selectSpan(view, span);
      });
      return h('li', {}, button, h('p', { class: 'message', id: `finding-${i}`, text: finding.message }));
    }),
  );
  updatePublish(view);
}

function showHints(view) {
  const { t } = view.ctx;
  if (!view.schema || !view.parsed) return;
  const span = spanAt(view.parsed.spans, view.textarea.selectionStart);
  const allowed = span && allowedAt(view.schema, span.segments);
  const parts = [];
  if (allowed?.keys.length) parts.push(t.allowedKeys(allowed.keys, allowed.required));
  if (allowed?.values.length) parts.push(t.allowedValues(allowed.values));
  if (allowed?.names) parts.push(t.allowedNames(allowed.names));
  view.hints.textContent = t.hintLine(span?.path ?? '$', parts);
}

function updatePublish(view) {
  const saved = view.savedText === view.textarea.value && !view.saving && !view.timer;
  view.publish.disabled = !saved || !view.parsed || view.findings.length > 0;
}

/** Reads the text after a change: shows a syntax error where it is, or keeps the parse and saves it shortly. */
function changed(view) {
  const { t } = view.ctx;
  showGutter(view);
  const result = parseWithSpans(view.textarea.value);
  const notObject = !result.error && (result.value === null || typeof result.value !== 'object' || Array.isArray(result.value));
  if (result.error || notObject) {
    view.parsed = null;
    const { code, found, line, column } = result.error ?? { code: '', found: '', line: 1, column: 1 };
    view.problem.textContent = result.error ? t.syntax(line, column, t.syntaxErrors[code](found)) : t.notAnObject;
    view.problem.hidden = false;
    view.textarea.setAttribute('aria-invalid', 'true');
  } else {
    view.parsed = result;
    view.problem.hidden = true;
    view.textarea.removeAttribute('aria-invalid');
    view.forms.refresh(result.value);
  }
  clearTimeout(view.timer);
  view.timer = view.parsed && view.textarea.value !== view.savedText ? setTimeout(() => save(view), SAVE_AFTER_MS) : undefined;
  updatePublish(view);
}

// The server says whether it can draw the draft (its shape is right).
function redrawDiagram(view, drawable) {
  if (drawable) void view.diagram.draw(`${view.path}/diagram.svg`);
  else view.diagram.cannotDraw();
}

async function save(view) {
  const { t } = view.ctx;
  view.timer = undefined;
  if (view.saving || !view.parsed) return;
  view.saving = true;
  const text = view.textarea.value;
  const definition = view.parsed.value;
  view.status.textContent = t.saving;
  try {
    const draft = await api('PATCH', view.path, definition);
    view.savedText = text;
    view.status.textContent = t.savedAt(timeOfDay(Date.now(), t.locale));
    showFindings(view, draft.findings);
    redrawDiagram(view, draft.drawable);
  } catch (error) {
    view.status.textContent = t.saveFailed(error.message);
  } finally {
    view.saving = false;
  }
  // Typed while the draft was being saved: save the newer text too.
  if (view.parsed && view.textarea.value !== view.savedText && !view.timer) view.timer = setTimeout(() => save(view), SAVE_AFTER_MS);
  updatePublish(view);
}

/** Saves what is typed now, once any save under way has ended. */
async function flush(view) {
  clearTimeout(view.timer);
  view.timer = undefined;
  while (view.saving) await new Promise((resolve) => setTimeout(resolve, 50));
  if (view.parsed && view.textarea.value !== view.savedText) await save(view);
}

async function publish(view) {
  const { t } = view.ctx;
  view.publish.disabled = true;
  try {
    const { version } = await api('POST', `${view.path}/publish`);
    view.ctx.say(t.published(version));
    location.hash = `#/lifecycles/${view.key}/versions/${version}`;
  } catch (error) {
    view.status.textContent = t.saveFailed(error.message);
    if (Array.isArray(error.details?.findings)) showFindings(view, error.details.findings);
    updatePublish(view);
  }
}

/** Shows the editor of draft `id` of lifecycle `key`. */
export async function renderDraft(shown, key, id) {
  const { t, lang } = shown;
  const path = `${base(key)}/drafts/${encodeURIComponent(id)}`;
  const [draft, schema] = await Promise.all([api('GET', path), api('GET', '/api/v1/lifecycles/definition.schema.json').catch(() => null)]);
  const view = { key, path, schema, parsed: null, findings: [], saving: false, timer: undefined, lines: 0 };
  // Switching language redraws the page from the server: what is typed is saved first.
  const ctx = { ...shown, redraw: () => flush(view).then(shown.redraw) };
  view.ctx = ctx;
  view.diagram = diagramFigure(ctx, draft.definition?.label?.[lang] ?? key);
  view.forms = definitionForms(ctx, schema, {
    current: () => (view.parsed ? structuredClone(view.parsed.value) : null),
    apply: (definition, added) => {
      view.textarea.value = formatDefinition(definition);
      changed(view);
      const span = view.parsed && spanOfPath(view.parsed.spans, added);
      if (span) scrollToSpan(view, span);
    },
  });
  const links = [h('a', { href: '#/lifecycles', text: t.backToList })];
  if (draft.basedOn) links.unshift(h('a', { href: `#/lifecycles/${key}/versions/${draft.basedOn}`, text: t.backToVersion(draft.basedOn) }));
  showPage(
    ctx,
    t.draftTitle(draft.definition?.label?.[lang] ?? key, draft.id),
    h('nav', { class: 'lifecycle-links' }, ...links),
    h('div', { class: 'draft-editor' }, buildEditor(view), buildFindings(view), view.forms.root, view.diagram.figure),
  );
  view.textarea.value = formatDefinition(draft.definition);
  view.savedText = view.textarea.value;
  view.textarea.addEventListener('input', () => changed(view));
  view.textarea.addEventListener('scroll', () => {
    view.gutter.scrollTop = view.textarea.scrollTop;
  });
  for (const type of ['click', 'keyup', 'focus']) view.textarea.addEventListener(type, () => showHints(view));
  changed(view);
  showFindings(view, draft.findings);
  redrawDiagram(view, draft.drawable);
}
