// The draft editor's forms for the common edits: add a state (its canonical status and labels),
// add an action (from, to, roles, guard), add a condition to an action, a timer or an entry effect
// to a state. They change the same JSON the text editor shows. The choices come from the
// definition's JSON Schema, and from what the definition already uses.

import { h } from './dom.js';
import { conditionForm } from './lifecycle-condition-form.js';
import { entryForm } from './lifecycle-entry-form.js';
import { actionsOf, checkboxes, choicesOf, field, fillSelect, statesOf } from './lifecycle-form-controls.js';
import { jsonPath } from '../../lifecycles/json-path';
import { allowedAt } from './lifecycle-schema.js';
import { timerForm } from './lifecycle-timer-form.js';

function stateForm(ctx, schema, edit) {
  const { t } = ctx;
  const pattern = schema ? allowedAt(schema, ['states'])?.names : null;
  const status = h('select', { name: 'status', required: true });
  fillSelect(status, choicesOf(schema, ['states', '_', 'status']));
  const form = h(
    'form',
    { id: 'add-state', class: 'card inset', 'aria-labelledby': 'add-state-title' },
    h('h3', { id: 'add-state-title', text: t.addState }),
    field(t.stateName, h('input', { name: 'name', required: true, pattern: pattern?.replace(/^\^|\$$/g, ''), autocapitalize: 'off' })),
    field(t.status, status),
    field(t.labelFr, h('input', { name: 'fr', required: true, lang: 'fr' })),
    field(t.labelEn, h('input', { name: 'en', required: true, lang: 'en' })),
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'final' }), ` ${t.final}`),
    h('button', { type: 'submit', text: t.add }),
  );
  const submit = () => {
    const values = new FormData(form);
    const name = String(values.get('name')).trim();
    edit(form, (definition) => {
      if (Object.hasOwn(definition.states, name)) return { refusal: t.stateExists(name) };
      const label = { fr: String(values.get('fr')).trim(), en: String(values.get('en')).trim() };
      definition.states[name] = { status: values.get('status'), label, ...(values.get('final') ? { final: true } : {}) };
      return { added: jsonPath(['states', name]) };
    });
    return t.stateAdded(name);
  };
  return {
    form,
    submit,
    refresh: (definition) => fillSelect(status, choicesOf(schema, ['states', '_', 'status'], statusesOf(definition))),
  };
}

const statusesOf = (definition) =>
  Object.values(definition.states ?? {})
    .map((state) => state?.status)
    .filter((s) => typeof s === 'string');

function actionForm(ctx, schema, edit) {
  const { t } = ctx;
  const names = h('datalist', { id: 'action-names' });
  const to = h('select', { name: 'to', required: true });
  const guard = h('select', { name: 'guard' });
  const from = checkboxes('from', t.from, []);
  const roles = checkboxes('roles', t.roles, choicesOf(schema, ['actions', 0, 'roles']));
  fillSelect(guard, choicesOf(schema, ['actions', 0, 'guard']), t.noGuard);
  const form = h(
    'form',
    { id: 'add-action', class: 'card inset', 'aria-labelledby': 'add-action-title' },
    h('h3', { id: 'add-action-title', text: t.addAction }),
    field(t.actionName, h('input', { name: 'name', required: true, list: 'action-names', pattern: '[a-z][a-z_]*', autocapitalize: 'off' })),
    names,
    from.fieldset,
    field(t.to, to),
    roles.fieldset,
    field(t.guard, guard),
    field(t.payload, h('input', { name: 'payload', autocapitalize: 'off' })),
    h('button', { type: 'submit', text: t.add }),
  );
  const submit = () => {
    const values = new FormData(form);
    const name = String(values.get('name')).trim();
    const payload = String(values.get('payload'))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    edit(form, (definition) => {
      const action = { name, from: values.getAll('from'), to: values.get('to'), roles: values.getAll('roles') };
      if (values.get('guard')) action.guard = values.get('guard');
      if (payload.length) action.payload = payload;
      definition.actions = [...actionsOf(definition), action];
      return { added: jsonPath(['actions', definition.actions.length - 1]) };
    });
    return t.actionAdded(name);
  };
  return {
    form,
    submit,
    refresh(definition) {
      const states = statesOf(definition);
      from.fill(states);
      fillSelect(to, states);
      roles.fill(
        choicesOf(
          schema,
          ['actions', 0, 'roles'],
          actionsOf(definition).flatMap((a) => (Array.isArray(a?.roles) ? a.roles : [])),
        ),
      );
      fillSelect(guard, choicesOf(schema, ['actions', 0, 'guard']), t.noGuard);
      names.replaceChildren(...[...new Set(actionsOf(definition).map((a) => a?.name))].filter(Boolean).map((n) => new Option(n)));
    },
  };
}

/**
 * The forms, editing through `current()` (a copy of the parsed definition, or null while the
 * JSON does not parse) and `apply(definition, addedPath)`; `refresh(definition)` brings their choices up to date.
 */
export function definitionForms(ctx, schema, { current, apply }) {
  const { t } = ctx;
  const message = h('p', { class: 'form-message', role: 'status' });
  // Applies `change` to the definition, which answers the path it added, or why it refuses (thrown, the JSON left as it was).
  const edit = (form, change) => {
    const definition = current();
    const { added, refusal } =
      definition?.states && typeof definition.states === 'object' ? change(definition) : { refusal: t.fixJsonFirst };
    if (refusal) throw new Error(refusal);
    apply(definition, added);
    form.reset();
  };
  const forms = [stateForm, actionForm, conditionForm, timerForm, entryForm].map((make) => make(ctx, schema, edit));
  const root = h('section', { class: 'forms-pane', 'aria-labelledby': 'forms-title' }, h('h2', { id: 'forms-title', text: t.forms }));
  for (const { form, submit, sync } of forms) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      try {
        message.textContent = submit();
        // The form was reset: what its choices show follows them again.
        sync?.();
      } catch (error) {
        message.textContent = error.message;
      }
    });
    root.append(form);
  }
  root.append(message);
  return { root, refresh: (definition) => forms.forEach((f) => f.refresh(definition)) };
}
