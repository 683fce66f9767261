/* global URLSearchParams */
// The user pages (administrators): the list (#/users, searched by login or name, page after page)
// and one user (#/users/N) with the profiles they hold per entity, changed as a whole.

import { api } from './api-client.js';
import { say, showContent, text } from './app-shell.js';
import { h } from './dom.js';
import { entityNames } from './entities.js';
import { labelled, select, showFieldErrors } from './forms.js';
import { savedLanguage } from './language.js';
import { USER_LANGUAGES } from './user-text.js';
import { PROFILES } from '../../users/profiles';

/** @typedef {import('../../users/user-account.schemas').UserAccountView} UserAccountView */

const PAGE = 50;
const words = () => USER_LANGUAGES[savedLanguage()];

export async function renderUsers(path) {
  const id = /^#\/users\/(\d+)$/.exec(path)?.[1];
  return id === undefined ? renderList() : renderUser(Number(id));
}

async function renderList() {
  const t = words();
  const profileNames = text().profiles;
  const entities = await entityNames();
  const search = h(
    'form',
    { id: 'user-search', class: 'search', role: 'search' },
    labelled(t.search, h('input', { name: 'q', type: 'search', maxlength: 100 })),
    h('button', { type: 'submit', text: t.find }),
  );
  const rows = h('tbody', {});
  const columns = Object.values(t.columns).map((name) => h('th', { scope: 'col', text: name }));
  const more = h('button', { type: 'button', class: 'secondary', text: t.more, hidden: true });
  const none = h('p', { text: t.none, hidden: true });
  let cursor = null;
  /** @param {UserAccountView} user */
  const rowOf = (user) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { href: `#/users/${user.id}`, text: user.name + (user.disabled ? t.disabled : '') })),
      h('td', { text: user.login }),
      h('td', {
        text: user.profiles
          .map((grant) => t.held(profileNames[grant.profile], entities.get(grant.entity) ?? grant.entity, grant.recursive))
          .join(' ; '),
      }),
      h('td', { text: t.sources[user.authSource] }),
    );
  const load = async (append) => {
    const query = new URLSearchParams({ limit: String(PAGE) });
    const q = /** @type {HTMLInputElement} */ (search.querySelector('[name="q"]')).value.trim();
    if (q) query.set('q', q);
    if (append && cursor) query.set('cursor', cursor);
    try {
      const page = await api('GET', `/api/v1/users?${query}`);
      if (!append) rows.replaceChildren();
      rows.append(...page.items.map(rowOf));
      cursor = page.nextCursor;
      more.hidden = cursor === null;
      none.hidden = rows.children.length > 0;
    } catch (error) {
      showFieldErrors(search, error);
      say(error.message);
    }
  };
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    void load(false);
  });
  more.addEventListener('click', () => void load(true));
  const table = h('table', { id: 'users' }, h('thead', {}, h('tr', {}, ...columns)), rows);
  showContent(h('section', { class: 'card', id: 'user-list' }, h('h1', { text: t.title }), search, table, none, more));
  await load(false);
}

/** One profile's row; its fields named `profiles.<n>.…` as the API names them. */
function grantRow(grant, index, entities, t, remove) {
  const profileNames = text().profiles;
  const name = (part) => `profiles.${index}.${part}`;
  const removeButton = h('button', { type: 'button', class: 'secondary', text: t.remove(index + 1) });
  removeButton.addEventListener('click', remove);
  return h(
    'fieldset',
    { class: 'profile-grant' },
    h('legend', { text: t.grant(index + 1) }),
    labelled(
      t.profile,
      select(
        name('profile'),
        PROFILES.map((profile) => [profile, profileNames[profile]]),
        grant.profile,
      ),
    ),
    labelled(t.entity, select(name('entity'), [...entities], grant.entity)),
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: name('recursive'), checked: grant.recursive }), ' ', t.recursive),
    removeButton,
  );
}

/** @param {number} id */
async function renderUser(id) {
  const t = words();
  /** @type {[UserAccountView, Map<number, string>]} */
  const [user, entities] = await Promise.all([api('GET', `/api/v1/users/${id}`), entityNames()]);
  const list = h('div', { class: 'profile-grants' });
  const current = () =>
    [...list.children].map((row, index) => {
      const field = (part) => /** @type {HTMLInputElement} */ (row.querySelector(`[name="profiles.${index}.${part}"]`));
      return { profile: field('profile').value, entity: Number(field('entity').value), recursive: field('recursive').checked };
    });
  const draw = (grants) =>
    list.replaceChildren(
      ...grants.map((grant, index) => grantRow(grant, index, entities, t, () => draw(current().filter((_, other) => other !== index)))),
    );
  draw(user.profiles);
  const add = h('button', { type: 'button', class: 'secondary', text: t.add });
  add.addEventListener('click', () => draw([...current(), { profile: 'requester', entity: [...entities.keys()][0], recursive: true }]));
  const form = h(
    'form',
    { id: 'profiles-form', novalidate: true },
    h('fieldset', { name: 'profiles' }, h('legend', { text: t.profiles }), h('p', { class: 'hint', text: t.profilesHint }), list, add),
    h('button', { type: 'submit', text: t.save }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('PATCH', `/api/v1/users/${id}/profiles`, { profiles: current() });
      showFieldErrors(form, null);
      say(t.saved);
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  showContent(
    h(
      'section',
      { class: 'card', id: 'user' },
      h('h1', { text: t.editTitle(user.name) }),
      h('p', { text: `${user.login} — ${t.sources[user.authSource]}${user.disabled ? t.disabled : ''}` }),
      form,
    ),
  );
}
