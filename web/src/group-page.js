// The support-group pages (administrators): the list (#/groups), and one group (#/groups/N, or
// #/groups/new) with its name, level, entity and managers, and its members chosen among the desk
// (one may be in several groups). The API's refusals are shown beside their fields.

import { routeAdminPage, showAdminList } from './admin-pages.js';
import { api } from './api-client.js';
import { say, showContent } from './app-shell.js';
import { h } from './dom.js';
import { entityNames } from './entities.js';
import { labelled, select, showFieldErrors } from './forms.js';
import { GROUP_LANGUAGES } from './group-text.js';
import { savedLanguage } from './language.js';
import { DESK_PROFILES } from './page-profiles.js';
import { allUsers } from './user-directory.js';

/**
 * @typedef {import('../../organisation/support-group.schemas').SupportGroupDetail} SupportGroupDetail
 */

const words = () => GROUP_LANGUAGES[savedLanguage()];

/** Who the forms choose from: the entities and the users of the desk's entities. */
async function choices() {
  const [entities, users] = await Promise.all([entityNames(), allUsers()]);
  return { entities: [...entities], users };
}

export async function renderGroups(path) {
  return routeAdminPage(path, 'groups', { list: renderList, one: renderGroup });
}

async function renderList() {
  const t = words();
  const [{ items }, { entities, users }] = await Promise.all([api('GET', '/api/v1/groups'), choices()]);
  const names = new Map(entities);
  const userNames = new Map(users.map((user) => [user.id, user.name]));
  const rows = items.map((group) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { href: `#/groups/${group.id}`, text: group.name })),
      h('td', { text: `N${group.level}` }),
      h('td', { text: names.get(group.entity) ?? String(group.entity) }),
      h('td', { text: group.managers.map((manager) => userNames.get(manager) ?? `#${manager}`).join(', ') || t.nobody }),
    ),
  );
  showAdminList('groups', t, rows);
}

/** @param {SupportGroupDetail | null} group */
function groupForm(group, lists, t) {
  const levels = [1, 2, 3, 4, 5].map((level) => [level, `N${level}`]);
  const people = lists.users.map((user) => [user.id, `${user.name} (${user.login})`]);
  return h(
    'form',
    { id: 'group-form', novalidate: true },
    labelled(t.name, h('input', { name: 'name', value: group?.name ?? '', maxlength: 255 })),
    labelled(t.level, select('level', levels, group?.level ?? 1)),
    group ? '' : labelled(t.entity, select('entity', lists.entities, lists.entities[0]?.[0])),
    managersField(people, group?.managers ?? [], t),
    h('button', { type: 'submit', text: t.save }),
  );
}

// Anyone with an account may validate the group's requests: several may be chosen.
function managersField(people, managers, t) {
  const chosen = new Set(managers.map(String));
  const control = h('select', { name: 'managers', id: 'group-managers', multiple: true, size: Math.min(6, Math.max(2, people.length)) });
  for (const [value, label] of people) control.add(new Option(label, String(value), false, chosen.has(String(value))));
  return h(
    'span',
    { class: 'field' },
    h('label', { for: control.id, text: t.managers }),
    ' ',
    h('span', { class: 'hint', text: t.managersHint }),
    control,
  );
}

/** The desk's people as checkboxes, those in the group ticked. */
function membersForm(group, lists, t) {
  const desk = lists.users.filter((user) => DESK_PROFILES.includes(user.profile));
  const inGroup = new Set(group.members);
  const boxes = desk.map((user) =>
    h(
      'label',
      { class: 'inline' },
      h('input', { type: 'checkbox', name: 'members', value: user.id, checked: inGroup.has(user.id) }),
      ' ',
      h('span', { text: `${user.name} (${user.login})` }),
    ),
  );
  const form = h(
    'form',
    { id: 'members-form' },
    h('fieldset', {}, h('legend', { text: t.members }), h('p', { class: 'hint', text: t.membersHint }), ...boxes),
    h('button', { type: 'submit', text: t.saveMembers }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const members = boxes
      .map((box) => box.querySelector('input'))
      .filter((input) => input.checked)
      .map((input) => Number(input.value));
    try {
      const saved = await api('PATCH', `/api/v1/groups/${group.id}`, { members });
      showFieldErrors(form, null);
      say(t.membersSaved(saved.members.length));
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  return form;
}

/** @param {number | null} id */
async function renderGroup(id) {
  const t = words();
  /** @type {[SupportGroupDetail | null, Awaited<ReturnType<typeof choices>>]} */
  const [group, lists] = await Promise.all([id === null ? null : api('GET', `/api/v1/groups/${id}`), choices()]);
  const form = groupForm(group, lists, t);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => /** @type {HTMLInputElement | null} */ (form.querySelector(`[name="${name}"]`))?.value.trim() ?? '';
    const chosen = /** @type {HTMLSelectElement} */ (form.querySelector('[name="managers"]')).selectedOptions;
    const body = { name: value('name'), level: Number(value('level')), managers: [...chosen].map((option) => Number(option.value)) };
    try {
      const saved =
        id === null
          ? await api('POST', '/api/v1/groups', { ...body, entity: Number(value('entity')) })
          : await api('PATCH', `/api/v1/groups/${id}`, body);
      showFieldErrors(form, null);
      if (id === null) location.hash = `#/groups/${saved.id}`;
      say(id === null ? t.created(saved.name) : t.saved);
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  const section = h('section', { class: 'card', id: 'group' }, h('h1', { text: group ? t.editTitle(group.name) : t.newTitle }), form);
  if (group) section.append(membersForm(group, lists, t));
  showContent(section);
}
