/* global URLSearchParams, Node */
// The inventory's pages: the asset list (#/assets: search, state, the next page), and an asset's page
// (#/assets/N: what it is, its hardware, its software with a filter, the tickets about it with a
// way to open one, its history, and for the desk a form to change what people keep of it).

import { api, currentSession } from './api-client.js';
import { say, showContent, text } from './app-shell.js';
import { ASSET_LANGUAGES } from './asset-text.js';
import { dateTime } from './dates.js';
import { h } from './dom.js';
import { labelled, select, showFieldErrors } from './forms.js';
import { savedLanguage } from './language.js';
import { DESK_PROFILES, DASHBOARD_PROFILES } from './page-profiles.js';
import { allUsers } from './user-directory.js';

/** @typedef {import('../../inventory/computer.schemas').ComputerView} ComputerView */
/** @typedef {import('../../inventory/computer.schemas').ComputerSummary} ComputerSummary */

const words = () => ASSET_LANGUAGES[savedLanguage()];

/** A table of `rows` under the column names of `columns`, with a caption when given. */
function table(columns, rows, attributes = {}) {
  return h(
    'table',
    attributes,
    h('thead', {}, h('tr', {}, ...Object.values(columns).map((name) => h('th', { scope: 'col', text: name })))),
    h('tbody', {}, ...rows),
  );
}
const cells = (...values) =>
  h('tr', {}, ...values.map((value) => (value instanceof Node ? h('td', {}, value) : h('td', { text: value ?? '' }))));

/** Opens the list (`#/assets`, with its search in the query) or one asset (`#/assets/N`). */
export function renderAssets(path, query) {
  const id = /^#\/assets\/(\d+)$/.exec(path)?.[1];
  return id ? renderAsset(Number(id)) : renderAssetList(query);
}

async function renderAssetList(query) {
  const t = words();
  const profile = currentSession().user.profile;
  const form = h(
    'form',
    { id: 'asset-filters', role: 'search' },
    labelled(t.search, h('input', { type: 'search', name: 'search', value: query.get('search') ?? '' })),
    labelled(t.kind, select('kind', Object.entries(t.kinds), query.get('kind') ?? '', t.any)),
    labelled(t.state, select('state', Object.entries(t.states), query.get('state') ?? '', t.any)),
  );
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', text: t.more, hidden: true });
  const none = h('p', { text: t.none, hidden: true });
  showContent(
    h(
      'section',
      { class: 'card', id: 'assets' },
      h('h1', { text: DASHBOARD_PROFILES.includes(profile) ? t.title : t.mine }),
      form,
      h('div', { class: 'table-scroll' }, table(t.columns, [], { id: 'asset-list' })),
      none,
      more,
    ),
  );
  document.getElementById('asset-list').querySelector('tbody').replaceWith(body);
  let cursor = '';
  async function load(fresh) {
    const params = new URLSearchParams({ limit: '50' });
    for (const name of ['search', 'kind', 'state']) {
      const value = String(new FormData(form).get(name) ?? '').trim();
      if (value) params.set(name, value);
    }
    if (!fresh && cursor) params.set('cursor', cursor);
    const page = await api('GET', `/api/v1/assets?${params}`);
    /** @type {ComputerSummary[]} */
    const items = page.items;
    const rows = items.map((asset) =>
      cells(
        h('a', { href: `#/assets/${asset.id}`, text: asset.name }),
        asset.manufacturer,
        asset.model,
        asset.serial,
        asset.os,
        asset.lastUser,
        t.states[asset.state],
        asset.lastInventoryAt && dateTime(asset.lastInventoryAt, t.locale),
      ),
    );
    if (fresh) body.replaceChildren(...rows);
    else body.append(...rows);
    cursor = page.nextCursor ?? '';
    more.hidden = !cursor;
    none.hidden = body.children.length > 0;
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load(true).catch((error) => say(error.message));
  });
  form.addEventListener('change', () => load(true).catch((error) => say(error.message)));
  more.addEventListener('click', () => load(false).catch((error) => say(error.message)));
  await load(true);
}

/** What the asset is, as a list of facts. */
function factsOf(asset, t, people) {
  const facts = [
    [t.facts.kind, t.kinds[asset.kind] ?? asset.kind],
    [t.columns.state, t.states[asset.state]],
    [t.columns.manufacturer, asset.manufacturer],
    [t.columns.model, asset.model],
    [t.facts.type, asset.type],
    [t.columns.serial, asset.serial],
    [t.facts.uuid, asset.uuid],
    [t.facts.os, [asset.osName, asset.osVersion, asset.osArch].filter(Boolean).join(' ')],
    [t.facts.memory, asset.memoryMb && t.megabytes(asset.memoryMb)],
    [t.facts.bios, [asset.bios.manufacturer, asset.bios.version, asset.bios.date].filter(Boolean).join(' ')],
    [t.facts.user, asset.user && (people.get(asset.user) ?? `#${asset.user}`)],
    [t.columns.lastUser, asset.lastUser],
    [t.facts.location, asset.location],
    [t.facts.purchaseDate, asset.purchaseDate],
    [t.facts.warrantyEnd, asset.warrantyEnd],
    [t.columns.lastInventoryAt, asset.lastInventoryAt && dateTime(asset.lastInventoryAt, t.locale)],
  ].filter(([, value]) => value);
  return h(
    'dl',
    { class: 'facts', id: 'asset-facts' },
    ...facts.flatMap(([name, value]) => [h('dt', { text: name }), h('dd', { text: value })]),
  );
}

function hardwareOf(asset, t) {
  return h(
    'section',
    { id: 'asset-hardware' },
    h('h2', { text: t.hardware }),
    h('h3', { text: t.cpus }),
    h('ul', {}, ...asset.cpus.map((cpu) => h('li', { text: t.cpu(cpu) }))),
    h('h3', { text: t.disks }),
    table(
      t.diskColumns,
      asset.disks.map((disk) => cells(disk.name, disk.model, disk.serial, disk.sizeMb && t.megabytes(disk.sizeMb))),
    ),
    h('h3', { text: t.cards }),
    table(
      t.cardColumns,
      asset.networkCards.map((card) => cells(card.name, card.mac, card.ips.join(', '), card.virtual ? t.yes : t.no)),
    ),
  );
}

function softwareOf(asset, t) {
  const filter = /** @type {HTMLInputElement} */ (
    h('input', { type: 'search', 'aria-label': t.softwareFilter, placeholder: t.softwareFilter })
  );
  const rows = asset.software.map((software) => ({
    words: `${software.name} ${software.publisher ?? ''}`.toLowerCase(),
    row: cells(software.name, software.publisher, software.version, software.arch),
  }));
  filter.addEventListener('input', () => {
    const wanted = filter.value.trim().toLowerCase();
    for (const { words: named, row } of rows) row.hidden = wanted !== '' && !named.includes(wanted);
  });
  return h(
    'details',
    { id: 'asset-software' },
    h('summary', { class: 'section-summary', text: t.software(asset.software.length) }),
    filter,
    h(
      'div',
      { class: 'table-scroll' },
      table(
        t.softwareColumns,
        rows.map(({ row }) => row),
      ),
    ),
  );
}

function ticketsOf(asset, t) {
  const statuses = text().status;
  return h(
    'section',
    { id: 'asset-tickets' },
    h('h2', { text: t.tickets }),
    asset.tickets.length === 0
      ? h('p', { text: t.noTickets })
      : table(
          t.ticketColumns,
          asset.tickets.map((ticket) =>
            cells(
              h('a', { href: `#/tickets/${ticket.id}`, text: `#${ticket.id}` }),
              ticket.title,
              statuses[ticket.status] ?? ticket.status,
              dateTime(ticket.openedAt, t.locale),
            ),
          ),
        ),
    h('p', {}, h('a', { href: `#/new?asset=${asset.id}`, class: 'button', id: 'asset-new-ticket', text: t.openTicket })),
  );
}

function historyOf(asset, t) {
  const rowOf = (line) => {
    // A state is told in words; every other value as it was recorded.
    const shown = (value) => (line.field === 'state' ? (t.states[value] ?? value) : value);
    return cells(
      dateTime(line.at, t.locale),
      t.fields[line.field] ?? line.field,
      shown(line.before),
      shown(line.after),
      t.sources[line.source],
    );
  };
  const lines = table(t.historyColumns, asset.history.map(rowOf));
  let cursor = asset.olderHistory;
  const older = h('button', { type: 'button', class: 'secondary', text: t.olderHistory, hidden: !cursor });
  older.addEventListener('click', async () => {
    try {
      const page = await api('GET', `/api/v1/assets/${asset.id}/history?limit=500&cursor=${cursor}`);
      lines.querySelector('tbody').append(...page.items.map(rowOf));
      cursor = page.nextCursor;
      older.hidden = !cursor;
    } catch (error) {
      say(error.message);
    }
  });
  return h('section', { id: 'asset-history' }, h('h2', { text: t.history }), lines, older);
}

/** The desk's form: state, location, the person it is for, purchase and warranty dates. */
function editFormOf(asset, t, people, redraw) {
  const form = h(
    'form',
    { id: 'asset-edit', novalidate: true },
    h('h2', { text: t.edit }),
    labelled(t.columns.state, select('state', Object.entries(t.states), asset.state)),
    labelled(t.facts.location, h('input', { name: 'location', maxlength: 255, value: asset.location ?? '' })),
    labelled(
      t.facts.user,
      select(
        'user',
        [...people].sort((a, b) => a[1].localeCompare(b[1], t.locale)),
        asset.user ?? '',
        t.nobody,
      ),
    ),
    labelled(t.facts.purchaseDate, h('input', { type: 'date', name: 'purchaseDate', value: asset.purchaseDate ?? '' })),
    labelled(t.facts.warrantyEnd, h('input', { type: 'date', name: 'warrantyEnd', value: asset.warrantyEnd ?? '' })),
    h('button', { type: 'submit', text: t.save }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => String(new FormData(form).get(name) ?? '').trim();
    try {
      await api('PATCH', `/api/v1/assets/${asset.id}`, {
        state: value('state'),
        location: value('location') || null,
        user: value('user') ? Number(value('user')) : null,
        purchaseDate: value('purchaseDate') || null,
        warrantyEnd: value('warrantyEnd') || null,
      });
      say(t.saved(asset.name));
      await redraw();
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  return form;
}

async function renderAsset(id) {
  const t = words();
  const desk = DESK_PROFILES.includes(currentSession().user.profile);
  // Nobody but the desk may list people: the others see their own name only.
  const [asset, users] = await Promise.all([
    /** @type {Promise<ComputerView>} */ (api('GET', `/api/v1/assets/${id}`)),
    desk ? allUsers().catch(() => []) : Promise.resolve([]),
  ]);
  const session = currentSession().user;
  /** @type {Map<number, string>} */
  const people = new Map(users.map((user) => [user.id, user.name]));
  people.set(session.id, session.name);
  showContent(
    h(
      'article',
      { class: 'card', id: 'asset' },
      h('p', {}, h('a', { href: '#/assets', text: t.title })),
      h('h1', { text: asset.name }),
      factsOf(asset, t, people),
      ticketsOf(asset, t),
      // What agents report: a computer's components and software.
      asset.kind === 'computer' ? [hardwareOf(asset, t), softwareOf(asset, t)] : [],
      historyOf(asset, t),
      desk ? editFormOf(asset, t, people, () => renderAsset(id)) : [],
    ),
  );
}
