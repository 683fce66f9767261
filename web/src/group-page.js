// The support-group pages (administrators): the list (#/groups), and one group (#/groups/N, or
// #/groups/new) with its name, level, entity and manager, and its members chosen among the desk.
// The API's refusals are shown beside their fields.

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

/** Who the forms choose from: the entities, the users of the desk's entities, the groups' names. */
async function choices() {
  const [entities, users, groups] = await Promise.all([entityNames(), allUsers(), api('GET', '/api/v1/groups')]);
  return {
    entities: [...entities],
    users,
    /** @type {Map<number, string>} */
    groupNames: new Map(groups.items.map((group) => [group.id, group.name])),
  };
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
      h('td', { text: group.manager === null ? t.nobody : (userNames.get(group.manager) ?? String(group.manager)) }),
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
    labelled(t.manager, select('manager', people, group?.manager, t.nobody)),
    h('button', { type: 'submit', text: t.save }),
  );
}

/** The desk's people as checkboxes, those in the group ticked, each saying the group they are in now. */
function membersForm(group, lists, t) {
  const desk = lists.users.filter((user) => DESK_PROFILES.includes(user.profile));
  const inGroup = new Set(group.members.map((member) => member.id));
  const boxes = desk.map((user) => {
    const elsewhere =
      user.group !== null && user.group !== group.id ? t.currentGroup(lists.groupNames.get(user.group) ?? `#${user.group}`) : '';
    return h(
      'label',
      { class: 'inline' },
      h('input', { type: 'checkbox', name: 'members', value: user.id, checked: inGroup.has(user.id) }),
      ' ',
      h('span', { text: `${user.name} (${user.login})${elsewhere}` }),
    );
  });
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
      const saved = await api('PUT', `/api/v1/groups/${group.id}/members`, { members });
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
    const body = { name: value('name'), level: Number(value('level')), manager: value('manager') ? Number(value('manager')) : null };
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
