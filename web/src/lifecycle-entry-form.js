// The draft editor's form to add an effect of entering a state, from the fixed catalogue: hand the
// ticket to a group, ask users to validate it, raise its priority, notify the people it names.
// Groups and users are named by their ids in the deployment; the verifier says when one is unknown.

import { h } from './dom.js';
import { appendAt, checkboxes, choicesOf, field, fillSelect, showPart, stateIn, statesOf } from './lifecycle-form-controls.js';

const EFFECT = ['states', '_', 'entry', 0];
const IDS = '\\s*[1-9][0-9]*(\\s*,\\s*[1-9][0-9]*)*\\s*';

const text = (values, name) => String(values.get(name) ?? '').trim();

/** The effect the form's values describe, or why they do not make one. */
function effectOf(t, values) {
  const effect = String(values.get('effect'));
  if (effect === 'assignGroup') return { effect, group: Number(values.get('group')) };
  if (effect === 'requestValidation') {
    const validators = text(values, 'validators').split(',').map(Number);
    return { effect, validators, ...(values.get('rule') ? { rule: values.get('rule') } : {}) };
  }
  if (effect === 'raisePriority') return { effect, ...(text(values, 'by') ? { by: Number(values.get('by')) } : {}) };
  const to = values.getAll('to');
  if (to.length === 0) return { refusal: t.chooseRecipients };
  const [fr, en] = [text(values, 'messageFr'), text(values, 'messageEn')];
  if (Boolean(fr) !== Boolean(en)) return { refusal: t.messageBoth };
  return { effect, to, ...(fr ? { message: { fr, en } } : {}) };
}

export function entryForm(ctx, schema, edit) {
  const { t } = ctx;
  const state = h('select', { name: 'state', required: true });
  const effect = h('select', { name: 'effect', required: true });
  const effects = choicesOf(schema, [...EFFECT, 'effect']);
  effect.replaceChildren(...effects.map((e) => new Option(t.effects[e] ? `${t.effects[e]} (${e})` : e, e)));
  const rule = h('select', { name: 'rule' });
  fillSelect(rule, choicesOf(schema, [...EFFECT, 'rule']), t.byDefault);
  const to = checkboxes('to', t.notifyTo, choicesOf(schema, [...EFFECT, 'to']));
  const parts = {
    assignGroup: h('div', {}, field(t.group, h('input', { type: 'number', name: 'group', min: '1', step: '1', required: true }))),
    requestValidation: h(
      'div',
      {},
      field(t.validators, h('input', { name: 'validators', required: true, pattern: IDS, inputmode: 'numeric', autocomplete: 'off' })),
      field(t.rule, rule),
    ),
    raisePriority: h('div', {}, field(t.raiseBy, h('input', { type: 'number', name: 'by', min: '1', max: '5', step: '1' }))),
    notify: h(
      'div',
      {},
      to.fieldset,
      field(t.messageFr, h('textarea', { name: 'messageFr', rows: '2', maxlength: '500', lang: 'fr' })),
      field(t.messageEn, h('textarea', { name: 'messageEn', rows: '2', maxlength: '500', lang: 'en' })),
    ),
  };
  const form = h(
    'form',
    { id: 'add-entry-effect', class: 'card inset', 'aria-labelledby': 'add-entry-effect-title' },
    h('h3', { id: 'add-entry-effect-title', text: t.addEntryEffect }),
    field(t.state, state),
    field(t.effect, effect),
    ...Object.values(parts),
    h('p', { class: 'help', text: t.entryHelp }),
    h('button', { type: 'submit', text: t.add }),
  );
  const sync = () => showPart(parts, effect.value);
  effect.addEventListener('change', sync);
  sync();

  const submit = () => {
    const values = new FormData(form);
    const name = String(values.get('state'));
    const { refusal: invalid, ...added } = effectOf(t, values);
    if (invalid) throw new Error(invalid);
    edit(form, (definition) => appendAt(stateIn(definition, name), ['states', name], 'entry', added, t.stateGone(name)));
    return t.entryAdded(added.effect, name);
  };
  return {
    form,
    submit,
    sync,
    refresh: (definition) => fillSelect(state, statesOf(definition)),
  };
}
