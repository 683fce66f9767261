// The draft editor's form to add a timer to a state: after a time in the state (written as an
// ISO-8601 duration, PT30M, PT4H, P2D) or when an SLA clock is breached there, the workflow takes
// one of the actions leaving the state, as `system`.

import { h } from './dom.js';
import {
  appendAt,
  choicesOf,
  field,
  fillOptions,
  fillSelect,
  leaving,
  radios,
  rolesOf,
  showPart,
  stateIn,
  statesOf,
} from './lifecycle-form-controls.js';

/** `4 hours` → `PT4H`: in ISO-8601 minutes and hours come after the T, days before it (`PT30M` is thirty minutes, `P30M` thirty months). */
const DURATION = { minutes: (n) => `PT${n}M`, hours: (n) => `PT${n}H`, days: (n) => `P${n}D` };
const TIMER = ['states', '_', 'timers', 0];

export function timerForm(ctx, schema, edit) {
  const { t } = ctx;
  let definition = { states: {} };
  const state = h('select', { name: 'state', required: true });
  const unit = h('select', { name: 'unit', required: true });
  unit.replaceChildren(...Object.keys(DURATION).map((u) => new Option(t.units[u], u, u === 'hours', u === 'hours')));
  const clock = h('select', { name: 'slaBreach', required: true });
  const clocks = choicesOf(schema, [...TIMER, 'slaBreach']);
  clock.replaceChildren(...clocks.map((c) => new Option(t.slaClocks[c] ?? c, c)));
  const action = h('select', { name: 'action', required: true });
  const parts = {
    after: h(
      'div',
      { class: 'duration' },
      field(t.duration, h('input', { type: 'number', name: 'count', min: '1', step: '1', required: true })),
      field(t.unit, unit),
    ),
    slaBreach: field(t.slaClock, clock),
  };
  const form = h(
    'form',
    { id: 'add-timer', class: 'card inset', 'aria-labelledby': 'add-timer-title' },
    h('h3', { id: 'add-timer-title', text: t.addTimer }),
    field(t.state, state),
    radios('kind', t.timerKind, [
      ['after', t.timerAfter],
      ['slaBreach', t.timerSla],
    ]),
    parts.after,
    parts.slaBreach,
    field(t.timerAction, action),
    h('p', { class: 'help', text: t.timerHelp }),
    h('button', { type: 'submit', text: t.add }),
  );
  // The actions offered are those leaving the chosen state; one `system` may not take there is flagged.
  const sync = () => {
    showPart(parts, form.elements.namedItem('kind').value || 'after');
    const entries = leaving(definition, state.value);
    const names = [...new Set(entries.map((a) => a.name).filter((n) => typeof n === 'string'))];
    const bySystem = (name) => entries.some((a) => a.name === name && rolesOf(a).includes('system'));
    fillOptions(
      action,
      names.map((name) => [name, bySystem(name) ? name : t.notBySystem(name)]),
    );
  };
  form.addEventListener('change', (event) => {
    if (event.target !== action) sync();
  });

  const submit = () => {
    const values = new FormData(form);
    const name = String(values.get('state'));
    const timer =
      values.get('kind') === 'slaBreach'
        ? { slaBreach: values.get('slaBreach'), action: values.get('action') }
        : { after: DURATION[String(values.get('unit'))](Number(values.get('count'))), action: values.get('action') };
    edit(form, (changed) => appendAt(stateIn(changed, name), ['states', name], 'timers', timer, t.stateGone(name)));
    return t.timerAdded(name);
  };
  return {
    form,
    submit,
    sync,
    refresh(current) {
      definition = current;
      fillSelect(state, statesOf(current));
      sync();
    },
  };
}
