// What the draft editor's forms are built from: labelled controls, boxes and selects whose choices
// follow the definition as it changes, parts of a form shown one at a time, and the definition's
// states and actions read defensively (the JSON being edited may be half written).

import { h } from './dom.js';
import { jsonPath } from '../../lifecycles/json-path';
import { allowedAt } from './lifecycle-schema.js';

/** The values the schema allows at `segments`, with those the definition already uses. */
export const choicesOf = (schema, segments, used = []) => [
  ...new Set([...(schema ? (allowedAt(schema, segments)?.values ?? []) : []), ...used]),
];

export function field(label, control) {
  return h('label', {}, `${label} `, control);
}

/** A fieldset of checkboxes named `name`; `fill(values)` renews them, keeping those checked. */
export function checkboxes(name, legend, values) {
  const fieldset = h('fieldset', { class: 'choices', 'data-name': name }, h('legend', { text: legend }));
  const fill = (current) => {
    const checked = new Set([...fieldset.querySelectorAll('input:checked')].map((input) => input.value));
    const boxes = current.map((value) => {
      // The property, not the attribute: resetting the form after an edit leaves every box empty.
      const box = h('input', { type: 'checkbox', name, value });
      box.checked = checked.has(value);
      return h('label', { class: 'inline' }, box, ` ${value}`);
    });
    fieldset.replaceChildren(fieldset.querySelector('legend'), ...boxes);
  };
  fill(values);
  return { fieldset, fill };
}

/** A fieldset of radio buttons named `name`, from `[value, text]` pairs; the first is the default. */
export function radios(name, legend, options) {
  return h(
    'fieldset',
    { class: 'choices', 'data-name': name },
    h('legend', { text: legend }),
    options.map(([value, text], i) =>
      h('label', { class: 'inline' }, h('input', { type: 'radio', name, value, checked: i === 0 }), ` ${text}`),
    ),
  );
}

/** Renews a select's options from `values` (each its own text), keeping the chosen one while it is offered. */
export function fillSelect(select, values, first) {
  fillOptions(
    select,
    values.map((value) => [value, value]),
    first,
  );
}

/** Renews a select's options from `[value, text]` pairs, keeping the chosen one by its text (values may be places in a list). */
export function fillOptions(select, options, first) {
  const chosen = select.selectedOptions[0]?.textContent;
  select.replaceChildren(...(first ? [new Option(first, '')] : []), ...options.map(([value, text]) => new Option(text, value)));
  const again = [...select.options].find((option) => option.textContent === chosen);
  if (again) select.value = again.value;
}

/** Shows the part of `parts` named `key` and hides the others, disabling their controls so they are neither sent nor required. */
export function showPart(parts, key) {
  for (const [name, part] of Object.entries(parts)) {
    const shown = name === key;
    part.hidden = !shown;
    const controls = part.matches('input, select, textarea') ? [part] : part.querySelectorAll('input, select, textarea');
    for (const control of controls) control.disabled = !shown;
  }
}

export const statesOf = (definition) => Object.keys(definition.states ?? {});
export const actionsOf = (definition) => (Array.isArray(definition.actions) ? definition.actions : []);
export const rolesOf = (action) => (Array.isArray(action?.roles) ? action.roles : []);
/** The action entries that leave `state`. */
export const leaving = (definition, state) => actionsOf(definition).filter((a) => Array.isArray(a?.from) && a.from.includes(state));

export const stateIn = (definition, name) => (Object.hasOwn(definition.states, name) ? definition.states[name] : null);

/**
 * Adds `item` at the end of the list `key` of `owner` (a state or an action, found at `segments`),
 * and answers the path it added; or `refusal` when `owner` is not an object. A `key` that is not
 * a list is replaced by one.
 */
export function appendAt(owner, segments, key, item, refusal) {
  if (!owner || typeof owner !== 'object' || Array.isArray(owner)) return { refusal };
  owner[key] = [...(Array.isArray(owner[key]) ? owner[key] : []), item];
  return { added: jsonPath([...segments, key, owner[key].length - 1]) };
}
