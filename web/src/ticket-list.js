/* global URLSearchParams */
// The ticket list (#/tickets?…): the technician's saved views, search, filters, sort and keyset paging,
// redrawn in place when tickets change elsewhere. Every value from the server is written as text.

import { api, currentSession } from './api-client.js';
import { follow, showContent, text } from './app-shell.js';
import { categoryPaths, sortedByPath } from './categories.js';
import { dateTime } from './dates.js';
import { h } from './dom.js';
import { labelled } from './forms.js';
import { followTicketChanges } from './live-updates.js';
import { pageShown } from './page-shown.js';
import { DESK_PROFILES } from './page-profiles.js';
import { debounced, queueLinks, startCountdown, ticketRow } from './ticket-queue.js';

// The list's filters come from the hash (#/tickets?category=3&priority=4): the dashboards link there.
function listHeading(filters, categories, t) {
  const named = [];
  for (const [name, label] of Object.entries(t.list.filters)) {
    const value = filters.get(name);
    if (!value) continue;
    const shown = {
      category: () => categories.get(Number(value)),
      priority: () => t.levels[value],
      status: () => t.status[value],
      level: () => `N${value}`,
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

/** The list's page: its heading, the saved views, the search form, the table and the paging button. */
function listView(heading, t) {
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
    ...['status', 'priority', 'level', 'category'].map((name) => labelled(words[name], h('select', { name }))),
    h('button', { type: 'submit', text: words.filter }),
  );
  const columns = [words.number, words.ticketTitle, words.status, words.priority, words.slaDue, words.openedAt];
  const view = {
    queues: h('nav', { id: 'queues', class: 'queues', 'aria-label': words.queues, hidden: true }),
    search,
    rows: h('tbody', { id: 'ticket-rows' }),
    empty: h('p', { id: 'empty', text: words.empty, hidden: true }),
    more: h('button', { id: 'more', type: 'button', text: words.more, hidden: true }),
  };
  view.root = h(
    'section',
    { class: 'card' },
    h('h1', { text: heading }),
    view.queues,
    search,
    h('table', {}, h('thead', {}, h('tr', {}, ...columns.map((label) => h('th', { scope: 'col', text: label })))), view.rows),
    view.empty,
    view.more,
    h('p', { class: 'hint', text: words.keys }),
  );
  return view;
}

/** The filters' choices, each starting with "all". */
function offerFilters(search, categories, t) {
  const all = () => new Option(t.list.all, '');
  search.elements.status.append(all(), ...Object.entries(t.status).map(([code, label]) => new Option(label, code)));
  search.elements.priority.append(all(), ...Object.entries(t.levels).map(([level, label]) => new Option(label, level)));
  search.elements.level.append(all(), ...[1, 2].map((level) => new Option(`N${level}`, String(level))));
  search.elements.category.append(all(), ...sortedByPath(categories, t.locale).map(([id, path]) => new Option(path, String(id))));
}

export async function renderList(filters) {
  const t = text();
  const stillShown = pageShown();
  const asked = new URLSearchParams(filters);
  filters.set('limit', '100');
  const desk = DESK_PROFILES.includes(currentSession().user.profile);
  /** @type {[TicketList, Map<number, string>, QueueCounts | null]} */
  const [page, categories, counts] = await Promise.all([
    api('GET', `/api/v1/tickets?${filters}`),
    categoryPaths(),
    desk ? api('GET', '/api/v1/tickets/queues') : null,
  ]);
  // Gone elsewhere meanwhile: the newer page is the one to show.
  if (!stillShown()) return;
  const { root, queues, search, rows, empty, more } = listView(listHeading(filters, categories, t), t);
  showContent(root);
  const queue = filters.get('queue');
  if (counts) queues.replaceChildren(...queueLinks(counts, queue, t.queues));
  queues.hidden = !counts;
  offerFilters(search, categories, t);
  for (const name of SEARCH_FIELDS) search.elements[name].value = filters.get(name) ?? (name === 'sort' ? '-id' : '');
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const name of SEARCH_FIELDS) {
      const value = search.elements[name].value.trim();
      if (value && !(name === 'sort' && value === '-id')) asked.set(name, value);
      else asked.delete(name);
    }
    asked.delete('cursor');
    location.hash = `#/tickets?${asked}`;
  });
  const labels = { status: t.status, level: t.levels, when: (at) => dateTime(at, t.locale) };
  rows.replaceChildren(...page.items.map((ticket) => ticketRow(ticket, labels)));
  empty.hidden = page.items.length > 0;
  startCountdown(t.sla);
  // Keyset paging: the next page continues after the last ticket shown.
  let cursor = page.nextCursor;
  more.hidden = !cursor;
  more.addEventListener('click', async () => {
    filters.set('cursor', cursor);
    /** @type {TicketList} */
    const next = await api('GET', `/api/v1/tickets?${filters}`);
    rows.append(...next.items.map((ticket) => ticketRow(ticket, labels)));
    cursor = next.nextCursor;
    more.hidden = !cursor;
    startCountdown(t.sla);
  });
  // While only the first page is shown, changes made elsewhere redraw it in place, the focus kept.
  async function redraw() {
    if (filters.has('cursor') || !stillShown()) return;
    /** @type {[TicketList, QueueCounts | null]} */
    const [fresh, freshCounts] = await Promise.all([
      api('GET', `/api/v1/tickets?${filters}`),
      desk ? api('GET', '/api/v1/tickets/queues') : null,
    ]);
    const focused = document.activeElement?.getAttribute('href');
    rows.replaceChildren(...fresh.items.map((ticket) => ticketRow(ticket, labels)));
    if (freshCounts) queues.replaceChildren(...queueLinks(freshCounts, queue, t.queues));
    empty.hidden = fresh.items.length > 0;
    if (focused) /** @type {HTMLElement | null} */ (rows.querySelector(`a[href="${focused}"]`))?.focus();
    startCountdown(t.sla);
  }
  follow(
    followTicketChanges({
      onReady: () => (rows.dataset.following = 'yes'),
      onChange: debounced(() => redraw().catch(() => undefined)),
    }),
  );
}
