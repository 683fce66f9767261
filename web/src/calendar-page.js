// The business-calendar pages (administrators): the list (#/calendars), and one calendar
// (#/calendars/N, or #/calendars/new) with its time zone, its working hours per weekday and its
// holidays, and a preview of its next working periods as saved.

import { routeAdminPage, showAdminList } from './admin-pages.js';
import { api } from './api-client.js';
import { say, showContent } from './app-shell.js';
import { CALENDAR_LANGUAGES } from './calendar-text.js';
import { h } from './dom.js';
import { entityNames } from './entities.js';
import { labelled, select, showFieldErrors } from './forms.js';
import { savedLanguage } from './language.js';
import { WEEKDAYS } from '../../sla/weekdays';

const words = () => CALENDAR_LANGUAGES[savedLanguage()];

export async function renderCalendars(path) {
  return routeAdminPage(path, 'calendars', { list: renderList, one: renderCalendar });
}

async function renderList() {
  const t = words();
  const [{ items }, entities] = await Promise.all([api('GET', '/api/v1/calendars'), entityNames()]);
  const rows = items.map((calendar) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { href: `#/calendars/${calendar.id}`, text: calendar.name })),
      h('td', { text: calendar.timezone }),
      h('td', { text: entities.get(calendar.entity) ?? String(calendar.entity) }),
      h('td', { text: String(calendar.holidays.length) }),
    ),
  );
  showAdminList('calendars', t, rows);
}

/** A day's ranges as typed (`08:30-12:00, 13:30-17:30`), as the API takes them; the API says what is wrong. */
const rangesOf = (typed) =>
  typed
    .split(',')
    .map((range) => range.trim())
    .filter(Boolean)
    .map((range) => range.split('-').map((clock) => clock.trim()));

const typedOf = (ranges) => ranges.map(([start, end]) => `${start}-${end}`).join(', ');

/** The holidays, one row each, redrawn in order when one is added or removed (what was typed is kept). */
function holidaysEditor(initial, t) {
  const list = h('div', { class: 'holidays' });
  const current = () =>
    [...list.children].map((row, index) => ({
      date: /** @type {HTMLInputElement} */ (row.querySelector(`[name="holidays.${index}.date"]`)).value,
      yearly: /** @type {HTMLInputElement} */ (row.querySelector(`[name="holidays.${index}.yearly"]`)).checked,
    }));
  const draw = (holidays) =>
    list.replaceChildren(
      ...holidays.map((holiday, index) => {
        const remove = h('button', { type: 'button', class: 'secondary', text: t.removeHoliday(index + 1) });
        remove.addEventListener('click', () => draw(current().filter((_, other) => other !== index)));
        return h(
          'fieldset',
          { class: 'holiday' },
          h('legend', { text: t.holiday(index + 1) }),
          labelled(t.date, h('input', { type: 'date', name: `holidays.${index}.date`, value: holiday.date })),
          h(
            'label',
            { class: 'inline' },
            h('input', { type: 'checkbox', name: `holidays.${index}.yearly`, checked: holiday.yearly }),
            ' ',
            t.yearly,
          ),
          remove,
        );
      }),
    );
  draw(initial);
  const add = h('button', { type: 'button', class: 'secondary', text: t.addHoliday });
  add.addEventListener('click', () => draw([...current(), { date: '', yearly: false }]));
  return { list, add, current };
}

/** The calendar's next working periods, in its own time zone. */
async function previewOf(id, t) {
  const preview = await api('GET', `/api/v1/calendars/${id}/preview?count=10`);
  const shown = (at) => new Date(at).toLocaleString(t.locale, { timeZone: preview.timezone, dateStyle: 'full', timeStyle: 'short' });
  const time = (at) => new Date(at).toLocaleTimeString(t.locale, { timeZone: preview.timezone, timeStyle: 'short' });
  return h(
    'section',
    { class: 'card', id: 'calendar-preview', 'aria-labelledby': 'calendar-preview-title' },
    h('h2', { id: 'calendar-preview-title', text: `${t.preview} (${preview.timezone})` }),
    h('ol', {}, ...preview.periods.map((period) => h('li', { text: t.period(shown(period.start), time(period.end)) }))),
  );
}

/** @param {number | null} id */
async function renderCalendar(id) {
  const t = words();
  const [calendar, entities] = await Promise.all([
    id === null ? undefined : api('GET', '/api/v1/calendars').then(({ items }) => items.find((item) => item.id === id)),
    entityNames(),
  ]);
  if (id !== null && !calendar) return say(`${t.title}: ${id} ?`);
  const holidays = holidaysEditor(calendar?.holidays ?? [], t);
  const form = h(
    'form',
    { id: 'calendar-form', novalidate: true },
    labelled(t.name, h('input', { name: 'name', value: calendar?.name ?? '', maxlength: 255 })),
    calendar ? '' : labelled(t.entity, select('entity', [...entities], [...entities.keys()][0])),
    labelled(t.timezone, h('input', { name: 'timezone', value: calendar?.timezone ?? 'Europe/Paris' })),
    h(
      'fieldset',
      { name: 'hours' },
      h('legend', { text: t.hours }),
      h('p', { class: 'hint', text: t.hoursHint }),
      ...WEEKDAYS.map((day) =>
        labelled(
          t.days[day],
          h('input', {
            name: `hours.${day}`,
            value: typedOf(
              calendar?.hours[day] ??
                (day === 'sat' || day === 'sun'
                  ? []
                  : [
                      ['08:30', '12:00'],
                      ['13:30', '17:30'],
                    ]),
            ),
          }),
        ),
      ),
    ),
    h('fieldset', { name: 'holidays' }, h('legend', { text: t.holidays }), holidays.list, holidays.add),
    h('button', { type: 'submit', text: t.save }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => /** @type {HTMLInputElement} */ (form.querySelector(`[name="${name}"]`)).value.trim();
    const body = {
      name: value('name'),
      timezone: value('timezone'),
      hours: Object.fromEntries(WEEKDAYS.map((day) => [day, rangesOf(value(`hours.${day}`))])),
      holidays: holidays.current(),
    };
    try {
      const saved =
        id === null
          ? await api('POST', '/api/v1/calendars', { ...body, entity: Number(value('entity')) })
          : await api('PATCH', `/api/v1/calendars/${id}`, body);
      showFieldErrors(form, null);
      if (id === null) location.hash = `#/calendars/${saved.id}`;
      else document.getElementById('calendar-preview')?.replaceWith(await previewOf(id, t));
      say(id === null ? t.created(saved.name) : t.saved);
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  });
  const section = h(
    'section',
    { class: 'card', id: 'calendar' },
    h('h1', { text: calendar ? t.editTitle(calendar.name) : t.newTitle }),
    form,
  );
  showContent(section, ...(id === null ? [] : [await previewOf(id, t)]));
}
