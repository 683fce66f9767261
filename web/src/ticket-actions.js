// The actions a ticket's workflow allows now: how each is named, the form for its payload, and
// taking it. Only these are offered; the workflow refuses anything else anyway.

import { api } from './api-client.js';
import { say } from './app-shell.js';
import { h } from './dom.js';

// The payload fields of the shipped actions: [name, key of its label in the words' `fields`, input
// type]. A `person` is a user's number, offered by name as one types; a `decision` is accepted or refused.
const FIELDS = {
  plan: [
    ['start', 'start', 'datetime-local'],
    ['end', 'end', 'datetime-local'],
  ],
  pend: [['reason', 'pendReason', 'textarea']],
  escalate: [['reason', 'escalateReason', 'textarea']],
  deescalate: [['reason', 'deescalateReason', 'textarea']],
  resolve: [['solution', 'solution', 'textarea']],
  refuse_solution: [['reason', 'refuseReason', 'textarea']],
  request_validation: [['validator', 'validator', 'person']],
  validate: [['decision', 'decision', 'decision']],
};

/**
 * How an action is named and what it asks for, in the words `t` of language `lang`: the lifecycle's
 * own label and payload, else the shipped actions' ones.
 */
export function actionOf(definition, action, t, lang) {
  const entries = definition?.actions.filter((a) => a.name === action) ?? [];
  const label = entries.find((a) => a.label)?.label[lang] ?? t.actions[action] ?? action;
  const shipped = FIELDS[action]?.map(([name, key, type]) => [name, t.fields[key], type]);
  const declared = (entries[0]?.payload ?? []).map((name) => [name, name, 'text']);
  return { label, fields: shipped ?? (t.actions[action] ? [] : declared) };
}

/** A field for a user's number and its list of suggestions: the users whose name or login holds what is typed. */
function personField(name) {
  const list = h('datalist', { id: `${name}-people` });
  const input = h('input', { inputmode: 'numeric', autocomplete: 'off', list: list.id });
  let asked = '';
  input.addEventListener('input', async () => {
    const typed = input.value.trim();
    if (typed.length < 2 || /^\d+$/.test(typed) || typed === asked) return;
    asked = typed;
    const { items } = await api('GET', `/api/v1/users?q=${encodeURIComponent(typed)}&limit=20`).catch(() => ({ items: [] }));
    if (asked === typed) list.replaceChildren(...items.map((user) => new Option(`${user.name} (${user.login})`, String(user.id))));
  });
  return [input, list];
}

function decisionField(_name, t) {
  return [h('select', {}, new Option('', ''), ...Object.entries(t.fields.decisions).map(([value, label]) => new Option(label, value)))];
}

// The fields that are not a plain input, and their makers: each gives the field first, then what goes beside it.
const FIELD_MAKERS = {
  textarea: () => [h('textarea')],
  person: personField,
  decision: decisionField,
};

/**
 * Takes the action with its payload, calls `after` (which brings the page up to date in place), then
 * says how it went: once the message shows, the page shows the ticket as the action left it.
 */
export async function act(ticketId, action, payload, label, t, after) {
  let outcome;
  try {
    await api('POST', `/api/v1/tickets/${ticketId}/actions/${action}`, payload);
    document.getElementById('action-form').hidden = true;
    outcome = t.ticket.done(label);
  } catch (error) {
    outcome = error.message;
  }
  try {
    await after();
  } finally {
    say(outcome);
  }
}

/** Shows the form asking for the action's payload; confirming it takes the action. */
export function actionForm(ticketId, action, { label, fields }, t, after) {
  const form = /** @type {HTMLFormElement} */ (document.getElementById('action-form'));
  const inputs = fields.map(([name, fieldLabel, type]) => {
    const [input, ...beside] = FIELD_MAKERS[type]?.(name, t) ?? [h('input', { type })];
    input.setAttribute('name', name);
    input.setAttribute('required', '');
    return h('label', { text: `${fieldLabel} ` }, input, ...beside);
  });
  form.replaceChildren(h('h2', { text: label }), ...inputs, h('button', { type: 'submit', text: t.ticket.confirm }));
  form.dataset.action = action;
  form.hidden = false;
  form.onsubmit = async (event) => {
    event.preventDefault();
    const payload = {};
    for (const [name, , type] of fields) {
      const value = new FormData(form).get(name);
      payload[name] =
        type === 'number' || type === 'person' ? Number(value) : type === 'datetime-local' ? new Date(String(value)).toISOString() : value;
    }
    await act(ticketId, action, payload, label, t, after);
  };
  /** @type {HTMLElement} */ (form.querySelector('input, textarea, select, button')).focus();
}
