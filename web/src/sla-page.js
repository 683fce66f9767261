// The SLA pages (administrators): the list (#/slas), and one SLA (#/slas/N, or #/slas/new): which
// tickets it applies to, its times, its escalation levels with their actions and the support levels'
// own clocks; then the recompute of the open tickets, simulated as a table before it is applied.
// The API's refusals are shown beside their fields.

import { routeAdminPage, showAdminList } from './admin-pages.js';
import { api } from './api-client.js';
import { say, showContent, text } from './app-shell.js';
import { categoryPaths, sortedByPath } from './categories.js';
import { dateTime } from './dates.js';
import { h } from './dom.js';
import { entityNames } from './entities.js';
import { labelled, select, showFieldErrors } from './forms.js';
import { savedLanguage } from './language.js';
import { SLA_LANGUAGES } from './sla-text.js';

const words = () => SLA_LANGUAGES[savedLanguage()];
const ACTIONS = ['notify', 'raise_priority', 'escalate'];

export async function renderSlas(path) {
  return routeAdminPage(path, 'slas', { list: renderList, one: renderOne });
}

/** Whom an SLA applies to, in words. */
function appliesTo(match, names, t) {
  const parts = [
    match.type && `${t.matchType} ${t.types[match.type]}`,
    match.category && `${t.matchCategory} ${names.categories.get(match.category) ?? match.category}`,
    match.entity && `${t.matchEntity} ${names.entities.get(match.entity) ?? match.entity}`,
    match.priority && `${t.matchPriority} ${match.priority.join(', ')}`,
  ].filter(Boolean);
  return parts.length ? parts.join(' ; ') : t.any;
}

async function renderList() {
  const t = words();
  const [{ items }, calendars, categories, entities] = await Promise.all([
    api('GET', '/api/v1/slas'),
    api('GET', '/api/v1/calendars'),
    categoryPaths(),
    entityNames(),
  ]);
  const calendarNames = new Map(calendars.items.map((calendar) => [calendar.id, calendar.name]));
  const rows = items.map((sla) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { href: `#/slas/${sla.id}`, text: sla.name })),
      h('td', { text: appliesTo(sla.match, { categories, entities }, t) }),
      h('td', { text: `${sla.ttoMinutes} / ${sla.ttrMinutes} min` }),
      h('td', { text: calendarNames.get(sla.calendar) ?? String(sla.calendar) }),
    ),
  );
  showAdminList('slas', t, rows);
}

const number = (name, value, extra = {}) => h('input', { name, type: 'number', value: value ?? '', ...extra });

/** Rows edited as a list: each drawn by `row`, read back by `read`, added and removed in place (what was typed is kept). */
function rowsEditor(initial, { row, read, blank, addLabel }) {
  const list = h('div', { class: 'rows' });
  const current = () => [...list.children].map((_, index) => read(list, index));
  const draw = (items) =>
    list.replaceChildren(...items.map((item, index) => row(item, index, () => draw(current().filter((_, other) => other !== index)))));
  const add = h('button', { type: 'button', class: 'secondary', text: addLabel });
  add.addEventListener('click', () => draw([...current(), blank()]));
  draw(initial);
  return [list, add];
}

const valueIn = (scope, name) => /** @type {HTMLInputElement | null} */ (scope.querySelector(`[name="${name}"]`))?.value ?? '';

/** Escalation level `index` as its fields in `scope` say. */
function readLevel(scope, index) {
  const name = (part) => `levels.${index}.${part}`;
  const group = valueIn(scope, name('reassign'));
  return {
    clock: valueIn(scope, name('clock')),
    offsetMinutes: Number(valueIn(scope, name('offsetMinutes'))),
    actions: [
      ...[...scope.querySelectorAll(`[name="${name('actions')}"]:checked`)].map((box) => ({ type: box.value })),
      ...(group ? [{ type: 'reassign', group: Number(group) }] : []),
    ],
  };
}

/** Support level clock `index` as its fields in `scope` say. */
const readLevelClock = (scope, index) => ({
  level: Number(valueIn(scope, `levelClocks.${index}.level`)),
  ttoMinutes: Number(valueIn(scope, `levelClocks.${index}.ttoMinutes`)),
  ttrMinutes: Number(valueIn(scope, `levelClocks.${index}.ttrMinutes`)),
});

function levelsEditor(levels, groups, t) {
  return rowsEditor(levels, {
    addLabel: t.addLevel,
    blank: () => ({ clock: 'ttr', offsetMinutes: -60, actions: [{ type: 'notify' }] }),
    read: readLevel,
    row: (level, index, remove) => {
      const name = (part) => `levels.${index}.${part}`;
      const removeButton = h('button', { type: 'button', class: 'secondary', text: t.removeLevel(index + 1) });
      removeButton.addEventListener('click', remove);
      const boxes = ACTIONS.map((action) =>
        h(
          'label',
          { class: 'inline' },
          h('input', { type: 'checkbox', name: name('actions'), value: action, checked: level.actions.some((a) => a.type === action) }),
          ' ',
          h('span', { text: t.actionNames[action] }),
        ),
      );
      const reassign = level.actions.find((a) => a.type === 'reassign');
      return h(
        'fieldset',
        {},
        h('legend', { text: t.level(index + 1) }),
        labelled(t.clock, select(name('clock'), Object.entries(t.clocks), level.clock)),
        labelled(t.offset, number(name('offsetMinutes'), level.offsetMinutes)),
        h(
          'fieldset',
          {},
          h('legend', { text: t.actions }),
          ...boxes,
          labelled(t.reassign, select(name('reassign'), groups, reassign?.group, t.noGroup)),
        ),
        removeButton,
      );
    },
  });
}

function levelClocksEditor(clocks, t) {
  return rowsEditor(clocks, {
    addLabel: t.addLevelClock,
    blank: () => ({ level: 2, ttoMinutes: 60, ttrMinutes: 480 }),
    read: readLevelClock,
    row: (clock, index, remove) => {
      const removeButton = h('button', { type: 'button', class: 'secondary', text: t.removeLevelClock(index + 1) });
      removeButton.addEventListener('click', remove);
      return h(
        'fieldset',
        {},
        h('legend', { text: t.levelClock(index + 1) }),
        labelled(t.supportLevel, number(`levelClocks.${index}.level`, clock.level, { min: 1, max: 9 })),
        labelled(t.tto, number(`levelClocks.${index}.ttoMinutes`, clock.ttoMinutes, { min: 1 })),
        labelled(t.ttr, number(`levelClocks.${index}.ttrMinutes`, clock.ttrMinutes, { min: 1 })),
        removeButton,
      );
    },
  });
}

function slaForm(sla, lists, t) {
  const match = sla?.match ?? {};
  const priorities = [1, 2, 3, 4, 5, 6].map((level) =>
    h(
      'label',
      { class: 'inline' },
      h('input', { type: 'checkbox', name: 'match.priority', value: level, checked: match.priority?.includes(level) ?? false }),
      ' ',
      h('span', { text: lists.levels[level] }),
    ),
  );
  const [levels, addLevel] = levelsEditor(sla?.levels ?? [], lists.groups, t);
  const [clocks, addClock] = levelClocksEditor(sla?.levelClocks ?? [], t);
  return h(
    'form',
    { id: 'sla-form', novalidate: true },
    labelled(t.name, h('input', { name: 'name', value: sla?.name ?? '', maxlength: 255 })),
    sla ? '' : labelled(t.entity, select('entity', lists.entities, lists.entities[0]?.[0])),
    labelled(t.calendar, select('calendar', lists.calendars, sla?.calendar)),
    h(
      'fieldset',
      {},
      h('legend', { text: t.match }),
      labelled(t.matchType, select('match.type', Object.entries(t.types), match.type, t.any)),
      labelled(t.matchCategory, select('match.category', lists.categories, match.category, t.any)),
      labelled(t.matchEntity, select('match.entity', lists.entities, match.entity, t.any)),
      h('fieldset', {}, h('legend', { text: t.matchPriority }), ...priorities),
    ),
    labelled(t.tto, number('ttoMinutes', sla?.ttoMinutes ?? 60, { min: 1 })),
    labelled(t.ttr, number('ttrMinutes', sla?.ttrMinutes ?? 480, { min: 1 })),
    h('fieldset', { id: 'sla-levels' }, h('legend', { text: t.levels }), levels, addLevel),
    h('fieldset', { id: 'sla-level-clocks' }, h('legend', { text: t.levelClocks }), clocks, addClock),
    h('button', { type: 'submit', text: t.save }),
  );
}

/** What the form says, as the API takes it. */
function bodyOf(form, isNew) {
  const optional = (name) => (valueIn(form, name) ? valueIn(form, name) : undefined);
  const priority = [...form.querySelectorAll('[name="match.priority"]:checked')].map((box) => Number(box.value));
  const count = (prefix) => form.querySelectorAll(`#${prefix} > .rows > fieldset`).length;
  const levels = Array.from({ length: count('sla-levels') }, (_, index) => readLevel(form, index));
  const levelClocks = Array.from({ length: count('sla-level-clocks') }, (_, index) => readLevelClock(form, index));
  return {
    name: valueIn(form, 'name').trim(),
    ...(isNew && { entity: Number(valueIn(form, 'entity')) }),
    calendar: Number(valueIn(form, 'calendar')),
    match: {
      ...(optional('match.type') && { type: valueIn(form, 'match.type') }),
      ...(optional('match.category') && { category: Number(valueIn(form, 'match.category')) }),
      ...(optional('match.entity') && { entity: Number(valueIn(form, 'match.entity')) }),
      ...(priority.length > 0 && { priority }),
    },
    ttoMinutes: Number(valueIn(form, 'ttoMinutes')),
    ttrMinutes: Number(valueIn(form, 'ttrMinutes')),
    levels,
    levelClocks,
  };
}

/** The recompute's report as a table: each open ticket, how its due dates move, which levels it missed or fires now. */
function reportTable(report, t, locale) {
  const when = (at) => (at ? dateTime(at, locale) : '—');
  const moved = ({ from, to }) => (from === to ? t.unchanged : t.moved(when(from), when(to)));
  const columns = Object.values(t.report).map((label) => h('th', { scope: 'col', text: label }));
  const rows = report.tickets.map((line) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { href: `#/tickets/${line.ticket}`, text: `n° ${line.ticket}` })),
      h('td', { text: moved(line.ttoDue) }),
      h('td', { text: moved(line.ttrDue) }),
      h('td', { text: line.missedLevels.join(', ') || '—' }),
      h('td', { text: line.levelsFiringAtOnce.join(', ') || '—' }),
      h('td', { text: line.applied ? t.yes : t.no }),
    ),
  );
  if (rows.length === 0) return h('p', { text: t.noTicket });
  return h(
    'div',
    { class: 'table-scroll' },
    h('table', { id: 'recompute-report' }, h('thead', {}, h('tr', {}, ...columns)), h('tbody', {}, ...rows)),
  );
}

/** Simulate, read the table, then apply. */
function recomputeSection(sla, t, locale) {
  const result = h('div', { id: 'recompute-result', 'aria-live': 'polite' });
  const simulate = h('button', { type: 'button', text: t.dryRun });
  const apply = h('button', { type: 'button', text: t.apply, hidden: true });
  const run = async (dryRun) => {
    try {
      const report = await api('POST', `/api/v1/slas/${sla.id}/recompute`, { dryRun });
      result.replaceChildren(reportTable(report, t, locale));
      say(dryRun ? t.simulated(report.tickets.length) : t.appliedSaid(report.tickets.filter((line) => line.applied).length));
      apply.hidden = !dryRun || report.tickets.length === 0;
    } catch (error) {
      say(error.message);
    }
  };
  simulate.addEventListener('click', () => run(true));
  apply.addEventListener('click', () => run(false));
  return h(
    'section',
    { id: 'recompute' },
    h('h2', { text: t.recompute }),
    h('p', { class: 'hint', text: t.recomputeHint }),
    simulate,
    ' ',
    apply,
    result,
  );
}

/** @param {number | null} id */
async function renderOne(id) {
  const t = words();
  const { locale, levels } = text();
  const [sla, calendars, groups, categories, entities] = await Promise.all([
    id === null ? null : api('GET', `/api/v1/slas`).then(({ items }) => items.find((item) => item.id === id) ?? null),
    api('GET', '/api/v1/calendars'),
    api('GET', '/api/v1/groups'),
    categoryPaths(),
    entityNames(),
  ]);
  const lists = {
    entities: [...entities],
    calendars: calendars.items.map((calendar) => [calendar.id, calendar.name]),
    groups: groups.items.map((group) => [group.id, `${group.name} (N${group.level})`]),
    categories: sortedByPath(categories, locale),
    levels,
  };
  const form = slaForm(sla, lists, t);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const saved =
        id === null ? await api('POST', '/api/v1/slas', bodyOf(form, true)) : await api('PATCH', `/api/v1/slas/${id}`, bodyOf(form, false));
      showFieldErrors(form, null);
      say(id === null ? t.created(saved.name) : t.saved);
      if (id === null) location.hash = `#/slas/${saved.id}`;
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  const section = h('section', { class: 'card', id: 'sla' }, h('h1', { text: sla ? t.editTitle(sla.name) : t.newTitle }), form);
  if (sla) section.append(recomputeSection(sla, t, locale));
  showContent(section);
}
