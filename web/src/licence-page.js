/* global confirm, URLSearchParams */
// The software-licence pages: the list (#/licences: search, over-used ones, those expiring soon),
// and a licence (#/licences/N, or #/licences/new for the desk) with its form, where it is installed,
// what it is assigned to, and the renewal alerts sent.

import { api, currentSession } from './api-client.js';
import { say, showContent } from './app-shell.js';
import { assetPicker } from './asset-picker.js';
import { ASSET_LANGUAGES } from './asset-text.js';
import { h } from './dom.js';
import { entityNames } from './entities.js';
import { labelled, select, showFieldErrors } from './forms.js';
import { savedLanguage } from './language.js';
import { LICENCE_LANGUAGES } from './licence-text.js';
import { DESK_PROFILES } from './page-profiles.js';
import { allUsers } from './user-directory.js';

/** @typedef {import('../../licences/licence.schemas').LicenceDetail} LicenceDetail */
/** @typedef {import('../../licences/licence.schemas').LicenceView} LicenceView */

const words = () => LICENCE_LANGUAGES[savedLanguage()];
const isDesk = () => DESK_PROFILES.includes(currentSession().user.profile);

/** Opens the list (`#/licences`), a licence (`#/licences/N`) or a new one (`#/licences/new`). */
export function renderLicences(path) {
  const id = /^#\/licences\/(\d+|new)$/.exec(path)?.[1];
  if (id === undefined) return renderList();
  return renderLicence(id === 'new' ? null : Number(id));
}

async function renderList() {
  const t = words();
  const filters = h(
    'form',
    { id: 'licence-filters', role: 'search' },
    labelled(t.search, h('input', { type: 'search', name: 'search' })),
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'overUsed' }), ' ', t.overUsedOnly),
    labelled(
      t.expiring,
      select(
        'expiringWithin',
        [30, 90, 365].map((days) => [days, t.within(days)]),
        '',
        t.anyTime,
      ),
    ),
  );
  const body = h('tbody');
  const none = h('p', { text: t.none, hidden: true });
  const head = h('tr', {}, ...Object.values(t.columns).map((name) => h('th', { scope: 'col', text: name })));
  showContent(
    h(
      'section',
      { class: 'card', id: 'licences' },
      h('h1', { text: t.title }),
      filters,
      h('div', { class: 'table-scroll' }, h('table', { id: 'licence-list' }, h('thead', {}, head), body)),
      none,
      isDesk() ? h('p', {}, h('a', { href: '#/licences/new', class: 'button', text: t.add })) : [],
    ),
  );
  async function load() {
    const values = new FormData(filters);
    const params = new URLSearchParams({ limit: '200' });
    const search = String(values.get('search') ?? '').trim();
    if (search) params.set('search', search);
    if (values.get('overUsed')) params.set('overUsed', 'true');
    if (values.get('expiringWithin')) params.set('expiringWithin', String(values.get('expiringWithin')));
    /** @type {{ items: LicenceView[] }} */
    const { items } = await api('GET', `/api/v1/licences?${params}`);
    body.replaceChildren(
      ...items.map((licence) =>
        h(
          'tr',
          { class: licence.overUsed ? 'over-used' : undefined },
          h('td', {}, h('a', { href: `#/licences/${licence.id}`, text: licence.name })),
          h('td', { text: licence.software }),
          h('td', { text: licence.seats === null ? t.unlimited : String(licence.seats) }),
          h('td', { text: String(licence.installations) }),
          h('td', { text: String(licence.assigned) }),
          h('td', { text: licence.expiresOn ?? '—' }),
          h('td', { text: licence.overUsed ? t.overUsed : t.withinSeats }),
        ),
      ),
    );
    none.hidden = items.length > 0;
  }
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    load().catch((error) => say(error.message));
  });
  filters.addEventListener('change', () => load().catch((error) => say(error.message)));
  await load();
}

/** The form of a licence (new when `licence` is null), for the desk. */
function licenceForm(licence, people, entities, t, saved) {
  const session = currentSession().user;
  const form = h(
    'form',
    { id: 'licence-form', novalidate: true },
    labelled(t.fields.name, h('input', { name: 'name', maxlength: 255, value: licence?.name ?? '' })),
    labelled(t.fields.software, h('input', { name: 'software', maxlength: 255, value: licence?.software ?? '' })),
    labelled(t.fields.publisher, h('input', { name: 'publisher', maxlength: 255, value: licence?.publisher ?? '' })),
    labelled(t.fields.kind, select('kind', Object.entries(t.kinds), licence?.kind ?? 'subscription')),
    labelled(t.fields.seats, h('input', { name: 'seats', type: 'number', min: 1, value: licence?.seats ?? '' })),
    labelled(t.fields.purchaseDate, h('input', { name: 'purchaseDate', type: 'date', value: licence?.purchaseDate ?? '' })),
    labelled(t.fields.expiresOn, h('input', { name: 'expiresOn', type: 'date', value: licence?.expiresOn ?? '' })),
    labelled(
      t.fields.alertDays,
      h('input', { name: 'alertDays', inputmode: 'numeric', value: licence?.ownAlertDays ? licence.alertDays.join(', ') : '' }),
    ),
    labelled(t.fields.manager, select('manager', people, licence?.manager ?? session.id)),
    licence ? [] : labelled(t.fields.entity, select('entity', entities, session.entity ?? 1)),
    h('button', { type: 'submit', text: t.save }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => String(new FormData(form).get(name) ?? '').trim();
    const days = value('alertDays');
    const body = {
      name: value('name'),
      software: value('software'),
      publisher: value('publisher') || null,
      kind: value('kind'),
      seats: value('seats') ? Number(value('seats')) : null,
      purchaseDate: value('purchaseDate') || null,
      expiresOn: value('expiresOn') || null,
      alertDays: days
        ? days
            .split(/[\s,;]+/)
            .filter(Boolean)
            .map(Number)
        : null,
      manager: Number(value('manager')),
      ...(licence ? {} : { entity: Number(value('entity')) }),
    };
    try {
      const answer = await api(licence ? 'PATCH' : 'POST', licence ? `/api/v1/licences/${licence.id}` : '/api/v1/licences', body);
      showFieldErrors(form, null);
      say(t.saved(answer.name));
      await saved(answer);
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  return form;
}

/** What the licence is assigned to: computers (picked as a ticket's are) and people. */
function assignmentsForm(licence, people, t) {
  const picker = assetPicker(ASSET_LANGUAGES[savedLanguage()], licence.assignedAssets);
  const users = h(
    'select',
    { name: 'users', multiple: true, size: 6 },
    people.map(
      ([id, name]) =>
        new Option(
          name,
          String(id),
          false,
          licence.assignedUsers.some((user) => user.id === id),
        ),
    ),
  );
  const form = h(
    'form',
    { id: 'licence-assignments', novalidate: true },
    h('h2', { text: t.assignments }),
    picker.element,
    labelled(t.assignedUsers, users),
    h('button', { type: 'submit', text: t.saveAssignments }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('PUT', `/api/v1/licences/${licence.id}/assignments`, {
        assets: picker.ids(),
        users: [.../** @type {HTMLSelectElement} */ (users).selectedOptions].map((option) => Number(option.value)),
      });
      say(t.assignmentsSaved);
      await renderLicence(licence.id);
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  return form;
}

/** @param {number | null} id */
async function renderLicence(id) {
  const t = words();
  const desk = isDesk();
  const [licence, users, entities] = await Promise.all([
    /** @type {Promise<LicenceDetail | null>} */ (id === null ? Promise.resolve(null) : api('GET', `/api/v1/licences/${id}`)),
    desk ? allUsers() : Promise.resolve([]),
    desk ? entityNames() : Promise.resolve(new Map()),
  ]);
  const people = users.map((user) => [user.id, user.name]).sort((a, b) => String(a[1]).localeCompare(String(b[1]), t.locale));
  const saved = (answer) => (id === null ? (location.hash = `#/licences/${answer.id}`) : renderLicence(answer.id));
  const remove = h('button', { type: 'button', class: 'secondary', text: t.remove });
  remove.addEventListener('click', async () => {
    if (!licence || !confirm(t.confirm(licence.name))) return;
    try {
      await api('DELETE', `/api/v1/licences/${licence.id}`);
      say(t.removed(licence.name));
      location.hash = '#/licences';
    } catch (error) {
      say(error.message);
    }
  });
  const details = licence
    ? [
        h('p', {
          id: 'licence-use',
          text: `${licence.installations} / ${licence.seats ?? t.unlimited} — ${licence.overUsed ? t.overUsed : t.withinSeats}`,
        }),
        h('h2', { text: t.installedOn(licence.installedOn.length) }),
        h(
          'ul',
          { id: 'licence-installed' },
          ...licence.installedOn.map((asset) => h('li', {}, h('a', { href: `#/assets/${asset.id}`, text: asset.name }))),
        ),
        desk ? assignmentsForm(licence, people, t) : h('ul', {}, ...licence.assignedAssets.map((asset) => h('li', { text: asset.name }))),
        h('h2', { text: t.alerts }),
        licence.alerts.length === 0
          ? h('p', { text: t.noAlerts })
          : h('ul', { id: 'licence-alerts' }, ...licence.alerts.map((alert) => h('li', { text: t.alert(alert) }))),
      ]
    : [];
  showContent(
    h(
      'article',
      { class: 'card', id: 'licence' },
      h('p', {}, h('a', { href: '#/licences', text: t.title })),
      h('h1', { text: licence?.name ?? t.add }),
      desk ? licenceForm(licence, people, [...entities], t, saved) : [],
      ...details,
      desk && licence ? h('p', {}, remove) : [],
    ),
  );
}
