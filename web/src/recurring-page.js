// The recurring-ticket pages (administrators): the list (#/recurring), and one recurring ticket
// (#/recurring/N, or #/recurring/new): the ticket it files, when, in which time zone, its next
// occurrences, paused and resumed here. The API's refusals are shown beside their fields.

import { routeAdminPage, showAdminList } from './admin-pages.js';
import { api } from './api-client.js';
import { say, showContent, text } from './app-shell.js';
import { categoryPaths, sortedByPath } from './categories.js';
import { zonedDateTime } from './dates.js';
import { h } from './dom.js';
import { entityNames } from './entities.js';
import { labelled, select, showFieldErrors } from './forms.js';
import { savedLanguage } from './language.js';
import { RECURRING_LANGUAGES } from './recurring-text.js';
import { allUsers } from './user-directory.js';
import { WEEKDAYS } from '../../sla/weekdays';

/** @typedef {import('../../recurring/recurring-ticket.schemas').RecurringTicketView} RecurringTicketView */

const words = () => RECURRING_LANGUAGES[savedLanguage()];

export async function renderRecurring(path) {
  return routeAdminPage(path, 'recurring', { list: renderList, one: renderOne });
}

/** When a recurrence files, in words. */
function whenOf(schedule, t) {
  if (schedule.every === 'week') return t.describe.week(schedule.days.map((day) => t.weekdays[day]).join(', '), schedule.time);
  if (schedule.every === 'month') return t.describe.month(schedule.day, schedule.time);
  return t.describe.days(schedule.interval, schedule.time, schedule.from);
}

async function renderList() {
  const t = words();
  const [{ items }, entities] = await Promise.all([api('GET', '/api/v1/recurring-tickets'), entityNames()]);
  const rows = items.map((recurring) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { href: `#/recurring/${recurring.id}`, text: recurring.name })),
      h('td', { text: `${whenOf(recurring.schedule, t)} (${recurring.timezone})` }),
      h('td', { text: entities.get(recurring.entity) ?? String(recurring.entity) }),
      h('td', { text: recurring.paused ? t.paused : t.active }),
    ),
  );
  showAdminList('recurring', t, rows);
}

const levels = [1, 2, 3, 4, 5].map((level) => [level, String(level)]);

/** The schedule's fields: the kind of repetition, then what that kind asks for, the others hidden. */
function scheduleFields(schedule, t) {
  const days = WEEKDAYS.map((day) =>
    h(
      'label',
      { class: 'inline' },
      h('input', {
        type: 'checkbox',
        name: 'schedule.days',
        value: day,
        checked: schedule?.days?.includes(day) ?? (day !== 'sat' && day !== 'sun'),
      }),
      ' ',
      h('span', { text: t.weekdays[day] }),
    ),
  );
  const parts = {
    week: h('fieldset', { 'data-every': 'week' }, h('legend', { text: t.days }), ...days),
    month: h(
      'div',
      { 'data-every': 'month' },
      labelled(t.day, h('input', { name: 'schedule.day', type: 'number', min: 1, max: 31, value: schedule?.day ?? 1 })),
    ),
    days: h(
      'div',
      { 'data-every': 'days' },
      labelled(t.interval, h('input', { name: 'schedule.interval', type: 'number', min: 1, max: 365, value: schedule?.interval ?? 7 })),
      labelled(t.from, h('input', { name: 'schedule.from', type: 'date', value: schedule?.from ?? '' })),
    ),
  };
  const every = select('schedule.every', Object.entries(t.everies), schedule?.every ?? 'week');
  const show = () => Object.entries(parts).forEach(([kind, part]) => (part.hidden = kind !== every.value));
  every.addEventListener('change', show);
  show();
  return [
    labelled(t.every, every),
    ...Object.values(parts),
    labelled(t.time, h('input', { name: 'schedule.time', type: 'time', value: schedule?.time ?? '08:00' })),
  ];
}

/** What the form says, as the API takes it. */
function bodyOf(form, isNew) {
  const value = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name))?.value.trim() ?? '';
  const optional = (name) => (value(name) ? Number(value(name)) : undefined);
  const every = value('schedule.every');
  const time = value('schedule.time');
  const schedule =
    every === 'week'
      ? { every, time, days: [...form.querySelectorAll('[name="schedule.days"]:checked')].map((box) => box.value) }
      : every === 'month'
        ? { every, time, day: Number(value('schedule.day')) }
        : { every, time, interval: Number(value('schedule.interval')), from: value('schedule.from') };
  return {
    name: value('name'),
    ...(isNew && { entity: Number(value('entity')) }),
    ticket: {
      title: value('ticket.title'),
      description: value('ticket.description'),
      type: value('ticket.type'),
      urgency: Number(value('ticket.urgency')),
      impact: Number(value('ticket.impact')),
      category: optional('ticket.category'),
      requester: optional('ticket.requester'),
    },
    schedule,
    timezone: value('timezone'),
  };
}

/** @param {RecurringTicketView | null} recurring */
function recurringForm(recurring, lists, t) {
  const ticket = recurring?.ticket;
  return h(
    'form',
    { id: 'recurring-form', novalidate: true },
    labelled(t.name, h('input', { name: 'name', value: recurring?.name ?? '', maxlength: 255 })),
    recurring ? '' : labelled(t.entity, select('entity', lists.entities, lists.entities[0]?.[0])),
    h(
      'fieldset',
      {},
      h('legend', { text: t.ticketPart }),
      labelled(t.ticketTitle, h('input', { name: 'ticket.title', value: ticket?.title ?? '', maxlength: 255 })),
      labelled(t.description, h('textarea', { name: 'ticket.description', rows: 3 }, ticket?.description ?? '')),
      labelled(t.type, select('ticket.type', Object.entries(t.types), ticket?.type ?? 'request')),
      labelled(t.urgency, select('ticket.urgency', levels, ticket?.urgency ?? 3)),
      labelled(t.impact, select('ticket.impact', levels, ticket?.impact ?? 3)),
      labelled(t.category, select('ticket.category', lists.categories, ticket?.category, t.none_)),
      labelled(t.requester, select('ticket.requester', lists.people, ticket?.requester, t.nobody)),
    ),
    h(
      'fieldset',
      {},
      h('legend', { text: t.whenPart }),
      ...scheduleFields(recurring?.schedule, t),
      labelled(
        t.timezone,
        h('input', { name: 'timezone', value: recurring?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone }),
      ),
    ),
    h('button', { type: 'submit', text: t.save }),
  );
}

/** The next occurrences in the recurrence's own time zone, and the buttons that pause or resume it and remove it. */
function stateOf(recurring, t, locale, redraw) {
  const next = recurring.nextOccurrences.length
    ? h(
        'ul',
        { id: 'next-occurrences' },
        ...recurring.nextOccurrences.map((at) => h('li', { text: zonedDateTime(at, locale, recurring.timezone) })),
      )
    : h('p', { id: 'next-occurrences', text: t.noNext });
  const toggle = h('button', { type: 'button', text: recurring.paused ? t.resume : t.pause });
  toggle.addEventListener('click', async () => {
    try {
      const changed = await api('POST', `/api/v1/recurring-tickets/${recurring.id}/${recurring.paused ? 'resume' : 'pause'}`);
      say(changed.paused ? t.pausedSaid : t.resumedSaid);
      redraw();
    } catch (error) {
      say(error.message);
    }
  });
  const remove = h('button', { type: 'button', class: 'secondary', text: t.remove });
  remove.addEventListener('click', async () => {
    try {
      await api('DELETE', `/api/v1/recurring-tickets/${recurring.id}`);
      location.hash = '#/recurring';
      say(t.removed(recurring.name));
    } catch (error) {
      say(error.message);
    }
  });
  return h('section', { 'aria-label': t.next }, h('h2', { text: t.next }), next, toggle, ' ', remove);
}

/** @param {number | null} id */
async function renderOne(id) {
  const t = words();
  const { locale } = text();
  /** @type {[RecurringTicketView | null, Map<number, string>, Map<number, string>, import('../../users/user').UserView[]]} */
  const [recurring, entities, categories, users] = await Promise.all([
    id === null ? null : api('GET', `/api/v1/recurring-tickets/${id}`),
    entityNames(),
    categoryPaths(),
    allUsers(),
  ]);
  const lists = {
    entities: [...entities],
    categories: sortedByPath(categories, locale),
    people: users.map((user) => [user.id, `${user.name} (${user.login})`]),
  };
  const form = recurringForm(recurring, lists, t);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const saved =
        id === null
          ? await api('POST', '/api/v1/recurring-tickets', bodyOf(form, true))
          : await api('PATCH', `/api/v1/recurring-tickets/${id}`, bodyOf(form, false));
      showFieldErrors(form, null);
      say(id === null ? t.created(saved.name) : t.saved);
      if (id === null) location.hash = `#/recurring/${saved.id}`;
      else renderOne(id);
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  const heading = h('h1', { text: recurring ? t.editTitle(recurring.name) : t.newTitle });
  const section = h('section', { class: 'card', id: 'recurring-ticket' }, heading, form);
  if (recurring) section.append(stateOf(recurring, t, locale, () => renderOne(id)));
  showContent(section);
}
