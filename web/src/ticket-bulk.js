// Bulk actions on the tickets selected in the list: assign, change the priority or the category, add
// a followup, resolve, close. Each ticket goes through its own workflow, and each gets its own
// result: done, or refused and why.

import { api } from './api-client.js';
import { h } from './dom.js';
import { select } from './forms.js';

/** What each operation sends for one ticket, from the form's values. */
const REQUESTS = {
  assign: (id, values) => ['POST', `/api/v1/tickets/${id}/actions/assign`, values.assignee ? { assignee: Number(values.assignee) } : {}],
  priority: (id, values) => ['PATCH', `/api/v1/tickets/${id}`, { priority: Number(values.priority) }],
  category: (id, values) => ['PATCH', `/api/v1/tickets/${id}`, { category: Number(values.category) }],
  followup: (id, values) => ['POST', `/api/v1/tickets/${id}/followups`, { content: values.content }],
  resolve: (id, values) => ['POST', `/api/v1/tickets/${id}/actions/resolve`, { solution: values.content }],
  close: (id) => ['POST', `/api/v1/tickets/${id}/actions/close`, {}],
};
/** The fields each operation asks for. */
const FIELDS = {
  assign: ['assignee'],
  priority: ['priority'],
  category: ['category'],
  followup: ['content'],
  resolve: ['content'],
  close: [],
};
// Tickets worked at once: enough to go fast, few enough to leave the API to the others.
const AT_ONCE = 4;

/**
 * The bulk form: the operation, the fields it asks for, and the per-ticket results.
 *
 * @param {{ technicians: [number, string][], levels: Record<number, string>, categories: [number, string][] }} choices
 */
export function bulkForm(choices, words) {
  // Labels point at their control rather than hold it: a label holding a list would read as its choices too.
  const labelledBy = (label, control) => {
    control.id = `bulk-${control.getAttribute('name')}`;
    return h('span', { class: 'field' }, h('label', { for: control.id, text: label }), ' ', control);
  };
  const field = (name, control) => {
    const wrapped = labelledBy(words.fields[name], control);
    wrapped.dataset.field = name;
    return wrapped;
  };
  const form = h(
    'form',
    { id: 'bulk-form', class: 'bulk', 'aria-label': words.title },
    h('p', { id: 'bulk-count', text: words.selected(0) }),
    labelledBy(words.operation, select('operation', Object.entries(words.operations))),
    field('assignee', select('assignee', choices.technicians, '', words.me)),
    field('priority', select('priority', Object.entries(choices.levels), 3)),
    field('category', select('category', choices.categories)),
    field('content', h('textarea', { name: 'content', rows: 2, maxlength: 65_000 })),
    h('button', { type: 'submit', text: words.apply }),
    h('ul', { id: 'bulk-results', 'aria-live': 'polite' }),
  );
  const showFields = () => {
    const wanted = FIELDS[form.elements.operation.value];
    for (const label of form.querySelectorAll('[data-field]')) label.hidden = !wanted.includes(label.dataset.field);
  };
  form.elements.operation.addEventListener('change', showFields);
  showFields();
  return form;
}

/**
 * Runs the form's operation on each ticket of `ids`, a few at a time, and writes each result in
 * the form's list as it comes; resolves when every ticket has answered.
 *
 * @param {HTMLFormElement} form
 * @param {number[]} ids
 */
export async function applyBulk(form, ids, words) {
  const values = Object.fromEntries(new FormData(form));
  const operation = String(values.operation);
  const results = /** @type {HTMLElement} */ (form.querySelector('#bulk-results'));
  const lines = new Map(ids.map((id) => [id, h('li', { text: words.running(id) })]));
  results.replaceChildren(...lines.values());
  const waiting = [...ids];
  const worker = async () => {
    for (let id = waiting.shift(); id !== undefined; id = waiting.shift()) {
      const [method, path, body] = REQUESTS[operation](id, values);
      const line = lines.get(id);
      try {
        await api(method, path, body);
        line.textContent = words.done(id);
        line.dataset.outcome = 'done';
      } catch (error) {
        line.textContent = words.refused(id, words.reasons[error.code] ?? error.message);
        line.dataset.outcome = 'refused';
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, ids.length) }, worker));
}

/** True when the form's operation has what it needs: a text for a followup or a solution. */
export const bulkReady = (form) => !FIELDS[form.elements.operation.value].includes('content') || form.elements.content.value.trim() !== '';
