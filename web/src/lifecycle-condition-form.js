// The draft editor's form to add a condition on a ticket field to one action entry (its `when`):
// the entry chosen by its name and the states it leaves, the field, an operator its kind allows,
// and a value typed as a number or chosen among the field's values.

import { h } from './dom.js';
import { actionsOf, appendAt, field, fillOptions, fillSelect, showPart } from './lifecycle-form-controls.js';
import { schemasAt } from './lifecycle-schema.js';

const WHEN = ['actions', 0, 'when', 0];

/** What each field a condition may test holds and how it is compared, as the JSON Schema publishes it (`x-fields`). */
const fieldsOf = (schema) => (schema ? schemasAt(schema, WHEN) : []).map((node) => node['x-fields']).find(Boolean) ?? {};

export function conditionForm(ctx, schema, edit) {
  const { t } = ctx;
  const entry = h('select', { name: 'entry', required: true });
  const fieldName = h('select', { name: 'field', required: true });
  const op = h('select', { name: 'op', required: true });
  const number = h('input', { type: 'number', name: 'value', step: '1', required: true });
  const choice = h('select', { name: 'value', required: true });
  const parts = { number: field(t.conditionValue, number), text: field(t.conditionValue, choice) };
  const form = h(
    'form',
    { id: 'add-condition', class: 'card inset', 'aria-labelledby': 'add-condition-title' },
    h('h3', { id: 'add-condition-title', text: t.addCondition }),
    h('p', { class: 'help', text: t.conditionHelp }),
    field(t.conditionAction, entry),
    field(t.conditionField, fieldName),
    field(t.conditionOp, op),
    parts.number,
    parts.text,
    h('button', { type: 'submit', text: t.add }),
  );
  const fields = fieldsOf(schema);
  const kindOf = (name) => fields[name] ?? { values: [], operators: [] };
  // The operators and the value follow the field chosen.
  const sync = () => {
    const kind = kindOf(fieldName.value);
    fillSelect(op, kind.operators);
    if (kind.values) fillSelect(choice, kind.values);
    else Object.assign(number, { min: String(kind.min), max: String(kind.max) });
    showPart(parts, kind.values ? 'text' : 'number');
  };
  fieldName.addEventListener('change', sync);
  fillSelect(fieldName, Object.keys(fields));
  sync();

  const submit = () => {
    const values = new FormData(form);
    const index = Number(values.get('entry'));
    const tested = String(values.get('field'));
    const raw = String(values.get('value'));
    const condition = { field: tested, op: values.get('op'), value: kindOf(tested).values ? raw : Number(raw) };
    let name = '';
    edit(form, (definition) => {
      const action = actionsOf(definition)[index];
      name = action?.name;
      return appendAt(action, ['actions', index], 'when', condition, t.actionGone);
    });
    return t.conditionAdded(name);
  };
  return {
    form,
    submit,
    sync,
    refresh(definition) {
      const entries = actionsOf(definition).flatMap((action, i) =>
        typeof action?.name === 'string' && Array.isArray(action.from) ? [[String(i), t.actionEntry(action)]] : [],
      );
      fillOptions(entry, entries);
    },
  };
}
