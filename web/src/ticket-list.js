/* global URLSearchParams */
// The ticket list (#/tickets?…): the technician's saved views, search, filters, columns, bulk actions,
// sort and keyset paging, redrawn in place when tickets change elsewhere. Every value from the server is written as text.

import { api, currentSession } from './api-client.js';
import { follow, say, showContent, text } from './app-shell.js';
import { categoryPaths, sortedByPath } from './categories.js';
import { dateTime } from './dates.js';
import { h } from './dom.js';
import { entityNames } from './entities.js';
import { labelled } from './forms.js';
import { followTicketChanges } from './live-updates.js';
import { pageShown } from './page-shown.js';
import { DESK_PROFILES } from './page-profiles.js';
import { applyBulk, bulkForm, bulkReady } from './ticket-bulk.js';
import { CHOOSABLE, chosenColumns, keepColumns, ticketRow } from './ticket-columns.js';
import { debounced, queueLinks, startCountdown } from './ticket-queue.js';
import { allUsers } from './user-directory.js';

// The list's filters come from the hash (#/tickets?category=3&priority=4): the dashboards link there.
function listHeading(filters, { categories, groups, users }, t) {
  const named = [];
  for (const [name, label] of Object.entries(t.list.filters)) {
    const value = filters.get(name);
    if (!value) continue;
    const shown = {
      category: () => categories.get(Number(value)),
      priority: () => t.levels[value],
      status: () => t.status[value],
      level: () => `N${value}`,
      group: () => groups.get(Number(value)),
      assignee: () => users.get(Number(value)),
    }[name]?.();
    named.push(t.colon(label, shown ?? t.list.numbered(value)));
  }
  const queue = filters.get('queue');
  if (queue) named.unshift(t.queues[queue] ?? queue);
  return named.length ? `${t.list.title} — ${named.join(', ')}` : t.list.title;
}

/** @typedef {import('zod').infer<typeof import('../../tickets/ticket.schemas').TicketList>} TicketList */
/** @typedef {import('../../tickets/ticket.schemas').QueueCounts} QueueCounts */

// What the search form sets in the list's address, besides the saved view and filters it came with.
const SEARCH_FIELDS = ['q', 'sort', 'status', 'priority', 'level', 'category'];
// The desk also filters by group and technician.
const DESK_FIELDS = [...SEARCH_FIELDS, 'group', 'assignee'];

/** The column chooser: a box per column, those shown ticked. */
function columnChooser(columns, words) {
  return h(
    'details',
    { id: 'column-chooser', class: 'columns' },
    h('summary', { text: words.columns }),
    ...Object.keys(CHOOSABLE).map((column) =>
      h(
        'label',
        {},
        h('input', { type: 'checkbox', name: 'column', value: column, checked: columns.includes(column) }),
        ' ',
        h('span', { text: words.columnNames[column] }),
      ),
    ),
  );
}

/** The list's page: its heading, the saved views, the search form, the desk's tools, the table and the paging button. */
function listView(heading, t, { desk, columns }) {
  const words = t.list;
  const sorts = [
    ['-id', words.newest],
    ['id', words.oldest],
    ['-priority', words.priorityDown],
    ['priority', words.priorityUp],
  ];
  const search = h(
    'form',
    { id: 'search-form', class: 'search', role: 'search' },
    labelled(words.search, h('input', { name: 'q', type: 'search', maxlength: 255 })),
    labelled(words.sortBy, h('select', { name: 'sort' }, ...sorts.map(([value, label]) => new Option(label, value)))),
    ...(desk ? DESK_FIELDS : SEARCH_FIELDS).slice(2).map((name) => labelled(words[name], h('select', { name }))),
    h('button', { type: 'submit', text: words.filter }),
  );
  const selectAll = h('input', { type: 'checkbox', id: 'select-all', 'aria-label': words.selectAll });
  const view = {
    queues: h('nav', { id: 'queues', class: 'queues', 'aria-label': words.queues, hidden: true }),
    search,
    chooser: desk ? columnChooser(columns, words) : null,
    selectAll,
    rows: h('tbody', { id: 'ticket-rows' }),
    empty: h('p', { id: 'empty', text: words.empty, hidden: true }),
    more: h('button', { id: 'more', type: 'button', text: words.more, hidden: true }),
  };
  const head = h('tr', {});
  /** Writes the table's head for `shown` columns. */
  view.drawHead = (shown) =>
    head.replaceChildren(
      ...(desk ? [h('td', {}, selectAll)] : []),
      ...[words.number, words.ticketTitle, ...shown.map((column) => words.columnNames[column])].map((label) =>
        h('th', { scope: 'col', text: label }),
      ),
    );
  view.drawHead(columns);
  view.root = h(
    'section',
    { class: 'card' },
    h('h1', { text: heading }),
    view.queues,
    search,
    ...(view.chooser ? [view.chooser] : []),
    h('div', { class: 'table-scroll' }, h('table', {}, h('thead', {}, head), view.rows)),
    view.empty,
    view.more,
    h('p', { class: 'hint', text: words.keys }),
  );
  return view;
}

/** The filters' choices, each starting with "all". */
function offerFilters(search, { categories, groups, technicians }, t) {
  const all = () => new Option(t.list.all, '');
  const { elements } = search;
  elements.status.append(all(), ...Object.entries(t.status).map(([code, label]) => new Option(label, code)));
  elements.priority.append(all(), ...Object.entries(t.levels).map(([level, label]) => new Option(label, level)));
  elements.level.append(all(), ...[1, 2].map((level) => new Option(`N${level}`, String(level))));
  elements.category.append(all(), ...sortedByPath(categories, t.locale).map(([id, path]) => new Option(path, String(id))));
  elements.group?.append(all(), ...groups.map(([id, name]) => new Option(name, String(id))));
  elements.assignee?.append(all(), ...technicians.map(([id, name]) => new Option(name, String(id))));
}

const byName = (map, locale) => [...map].sort(([, a], [, b]) => a.localeCompare(b, locale));

/** What the desk's list names and chooses from: people, groups and entities, with the technicians among the people. */
// The people, read whole page after page, once per page load: the list is drawn again at every filter.
let directory;
const directoryOnce = () =>
  (directory ??= allUsers().catch((error) => {
    directory = undefined;
    throw error;
  }));

async function deskChoices(locale) {
  const [users, { items: groups }, entities] = await Promise.all([directoryOnce(), api('GET', '/api/v1/groups'), entityNames()]);
  const technicians = users
    .filter((user) => /** @type {readonly string[]} */ (DESK_PROFILES).includes(user.profile))
    .map((user) => [user.id, user.name]);
  return {
    users: new Map(users.map((user) => [user.id, user.name])),
    groups: new Map(groups.map((group) => [group.id, group.name])),
    entities,
    technicians: byName(technicians, locale),
  };
}

export async function renderList(filters) {
  const t = text();
  const stillShown = pageShown();
  const asked = new URLSearchParams(filters);
  filters.set('limit', '100');
  const me = currentSession().user;
  const desk = DESK_PROFILES.includes(me.profile);
  /** @type {[TicketList, Map<number, string>, QueueCounts | null, Awaited<ReturnType<typeof deskChoices>> | null]} */
  const [page, categories, counts, choices] = await Promise.all([
    api('GET', `/api/v1/tickets?${filters}`),
    categoryPaths(),
    desk ? api('GET', '/api/v1/tickets/queues') : null,
    desk ? deskChoices(t.locale) : null,
  ]);
  // Gone elsewhere meanwhile: the newer page is the one to show.
  if (!stillShown()) return;
  let columns = chosenColumns(me.id);
  const heading = listHeading(filters, { categories, groups: choices?.groups ?? new Map(), users: choices?.users ?? new Map() }, t);
  const view = listView(heading, t, { desk, columns });
  const { root, queues, search, rows, empty, more } = view;
  showContent(root);
  const queue = filters.get('queue');
  if (counts) queues.replaceChildren(...queueLinks(counts, queue, t.queues));
  queues.hidden = !counts;
  const groups = choices ? byName(choices.groups, t.locale) : [];
  offerFilters(search, { categories, groups, technicians: choices?.technicians ?? [] }, t);
  const fields = desk ? DESK_FIELDS : SEARCH_FIELDS;
  for (const name of fields) search.elements[name].value = filters.get(name) ?? (name === 'sort' ? '-id' : '');
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const name of fields) {
      const value = search.elements[name].value.trim();
      if (value && !(name === 'sort' && value === '-id')) asked.set(name, value);
      else asked.delete(name);
    }
    asked.delete('cursor');
    location.hash = `#/tickets?${asked}`;
  });

  /** @type {import('./ticket-columns.js').Names} */
  const names = {
    users: choices?.users ?? new Map(),
    groups: choices?.groups ?? new Map(),
    categories,
    entities: choices?.entities ?? new Map(),
    status: t.status,
    level: t.levels,
    when: (at) => dateTime(at, t.locale),
  };
  const selection = { selectable: desk, selectLabel: t.list.selectTicket };
  let shown = page.items;
  const draw = (items) => items.map((ticket) => ticketRow(ticket, columns, names, selection));
  rows.replaceChildren(...draw(shown));
  empty.hidden = shown.length > 0;
  startCountdown(t.sla);
  // Keyset paging: the next page continues after the last ticket shown.
  let cursor = page.nextCursor;
  more.hidden = !cursor;
  more.addEventListener('click', async () => {
    filters.set('cursor', cursor);
    /** @type {TicketList} */
    const next = await api('GET', `/api/v1/tickets?${filters}`);
    shown = [...shown, ...next.items];
    rows.append(...draw(next.items));
    cursor = next.nextCursor;
    more.hidden = !cursor;
    startCountdown(t.sla);
  });
  // While only the first page is shown, changes made elsewhere redraw it in place, the focus and the selection kept.
  let working = false;
  let countSelected = () => {};
  async function redraw() {
    if (filters.has('cursor') || !stillShown() || working) return;
    /** @type {[TicketList, QueueCounts | null]} */
    const [fresh, freshCounts] = await Promise.all([
      api('GET', `/api/v1/tickets?${filters}`),
      desk ? api('GET', '/api/v1/tickets/queues') : null,
    ]);
    const focused = document.activeElement?.getAttribute('href');
    const selected = new Set(selectedIds(rows));
    shown = fresh.items;
    rows.replaceChildren(...draw(shown));
    for (const box of rows.querySelectorAll('input[name="ticket"]')) box.checked = selected.has(Number(box.value));
    if (freshCounts) queues.replaceChildren(...queueLinks(freshCounts, queue, t.queues));
    empty.hidden = shown.length > 0;
    if (focused) /** @type {HTMLElement | null} */ (rows.querySelector(`a[href="${focused}"]`))?.focus();
    startCountdown(t.sla);
    countSelected();
  }
  follow(
    followTicketChanges({
      onReady: () => (rows.dataset.following = 'yes'),
      onChange: debounced(() => redraw().catch(() => undefined)),
    }),
  );
  if (!desk) return;

  view.chooser.addEventListener('change', () => {
    columns = [...view.chooser.querySelectorAll('input:checked')].map((box) => box.value);
    keepColumns(me.id, columns);
    const selected = new Set(selectedIds(rows));
    view.drawHead(columns);
    rows.replaceChildren(...draw(shown));
    for (const box of rows.querySelectorAll('input[name="ticket"]')) box.checked = selected.has(Number(box.value));
    startCountdown(t.sla);
  });
  const bulk = bulkForm(
    { technicians: choices.technicians, levels: t.levels, categories: sortedByPath(categories, t.locale) },
    t.list.bulk,
  );
  search.after(bulk);
  countSelected = () => {
    const count = selectedIds(rows).length;
    bulk.querySelector('#bulk-count').textContent = t.list.bulk.selected(count);
    view.selectAll.checked = count > 0 && count === rows.querySelectorAll('input[name="ticket"]').length;
  };
  rows.addEventListener('change', countSelected);
  view.selectAll.addEventListener('change', () => {
    for (const box of rows.querySelectorAll('input[name="ticket"]')) box.checked = view.selectAll.checked;
    countSelected();
  });
  bulk.addEventListener('submit', async (event) => {
    event.preventDefault();
    const ids = selectedIds(rows);
    if (ids.length === 0) return say(t.list.bulk.noneSelected);
    if (!bulkReady(bulk)) return say(t.list.bulk.textNeeded);
    working = true;
    try {
      await applyBulk(bulk, ids, t.list.bulk);
      const outcomes = [...bulk.querySelectorAll('#bulk-results li')].map((line) => line.dataset.outcome);
      say(t.list.bulk.finished(outcomes.filter((o) => o === 'done').length, outcomes.filter((o) => o === 'refused').length));
    } finally {
      working = false;
    }
    await redraw();
  });
}

/** The ids of the tickets whose box is ticked. */
const selectedIds = (rows) => [...rows.querySelectorAll('input[name="ticket"]:checked')].map((box) => Number(box.value));
