// What a form needs around an API call: its fields' values, and the API's refusal of some of them
// (a 400's `details.fields`) shown beside each field, read out with it by screen readers.

import { h } from './dom.js';

/** The form's named fields, each as the string typed or chosen (a checkbox only when ticked). */
export function formValues(form) {
  return Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value)]));
}

/**
 * Shows beside each field of `form` what the API said of it in `error` (an ApiRefusal), after
 * clearing what an earlier refusal showed; a field the form lacks is left to the status line.
 */
export function showFieldErrors(form, error) {
  for (const note of form.querySelectorAll('.field-error')) note.remove();
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    control.removeAttribute('aria-describedby');
  }
  for (const [name, message] of Object.entries(error?.details?.fields ?? {})) {
    const control = controlFor(form, name);
    if (!control?.after) continue;
    const note = h('span', { class: 'field-error', id: `${form.id}-${name}-error`, text: message });
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', note.id);
    control.after(note);
  }
}

/** The form's control for an API field, or for the nearest field above it (`hours.mon.0.1` → `hours.mon`). */
function controlFor(form, name) {
  for (let path = name.split('.'); path.length > 0; path.pop()) {
    const control = form.elements.namedItem(path.join('.'));
    if (control) return control;
  }
  return null;
}

/** A labelled control: the words `label`, then the control, both in one `<label>`. */
export function labelled(label, control) {
  return h('label', {}, h('span', { text: label }), ' ', control);
}

/** A select named `name` of `options` ([value, label] pairs) with `chosen` selected, and an empty first choice when `empty` is given. */
export function select(name, options, chosen, empty) {
  const control = h('select', { name });
  if (empty !== undefined) control.add(new Option(empty, ''));
  for (const [value, label] of options) control.add(new Option(label, String(value), false, String(value) === String(chosen ?? '')));
  return control;
}
