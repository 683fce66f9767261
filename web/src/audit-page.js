/* global URLSearchParams */
// The audit-log page (#/audit, administrators): who did what, from where, with what outcome,
// filtered by kind, author, subject, period or ticket (a ticket's whole story: its entries and its
// recorded events), newest first, page after page through the API's cursor.

import { api } from './api-client.js';
import { say, showContent } from './app-shell.js';
import { dateTime } from './dates.js';
import { h } from './dom.js';
import { labelled, select, showFieldErrors } from './forms.js';
import { savedLanguage } from './language.js';
import { AUDIT_LANGUAGES } from './audit-text.js';
import { allUsers } from './user-directory.js';
import { AUDIT_KINDS } from '../../audit/audit.schemas';

/** @typedef {import('../../audit/audit.schemas').AuditEntryView} AuditEntryView */

const PAGE = 50;

/** The filters as the API takes them: only those given, times as ISO instants. */
function queryOf(form) {
  const query = new URLSearchParams({ limit: String(PAGE) });
  for (const [name, raw] of new FormData(form)) {
    const value = String(raw).trim();
    if (!value) continue;
    query.set(name, name === 'from' || name === 'to' ? new Date(value).toISOString() : value);
  }
  return query;
}

export async function renderAudit() {
  const t = AUDIT_LANGUAGES[savedLanguage()];
  const users = await allUsers();
  const names = new Map(users.map((user) => [user.id, user.name]));
  const form = h(
    'form',
    { id: 'audit-filters', class: 'search', role: 'search', 'aria-label': t.filters },
    labelled(
      t.kind,
      select(
        'kind',
        AUDIT_KINDS.map((kind) => [kind, t.kinds[kind]]),
        '',
        t.any,
      ),
    ),
    labelled(
      t.actor,
      select(
        'actor',
        users.map((user) => [user.id, `${user.name} (${user.login})`]),
        '',
        t.any,
      ),
    ),
    labelled(t.subject, h('input', { name: 'subject', maxlength: 100 })),
    labelled(t.ticket, h('input', { name: 'ticket', type: 'number', min: 1 })),
    labelled(t.from, h('input', { name: 'from', type: 'datetime-local' })),
    labelled(t.to, h('input', { name: 'to', type: 'datetime-local' })),
    h('button', { type: 'submit', text: t.apply }),
  );
  const rows = h('tbody', {});
  const columns = Object.values(t.columns).map((name) => h('th', { scope: 'col', text: name }));
  const table = h('table', { id: 'audit-entries' }, h('thead', {}, h('tr', {}, ...columns)), rows);
  const more = h('button', { type: 'button', class: 'secondary', text: t.more, hidden: true });
  const count = h('p', { class: 'hint', id: 'audit-count' });
  let cursor = null;

  /** @param {AuditEntryView} entry */
  const rowOf = (entry) =>
    h(
      'tr',
      {},
      h('td', { text: dateTime(entry.at, t.locale) }),
      h('td', { text: t.kinds[entry.kind] ?? entry.kind }),
      h('td', {
        text:
          (entry.actor === null ? t.system : (names.get(entry.actor) ?? `#${entry.actor}`)) +
          (entry.token === null ? '' : t.viaToken(entry.token)) +
          (entry.ip ? ` — ${entry.ip}` : ''),
      }),
      h('td', { text: entry.target ?? '' }),
      h('td', { text: entry.subject ?? '' }),
      h('td', { text: entry.status === null ? '' : String(entry.status) }),
      h('td', {}, entry.details ? h('code', { text: JSON.stringify(entry.details) }) : ''),
    );

  const load = async (query, append) => {
    try {
      const page = await api('GET', `/api/v1/audit?${query}`);
      showFieldErrors(form, null);
      if (!append) rows.replaceChildren();
      rows.append(...page.items.map(rowOf));
      cursor = page.nextCursor;
      more.hidden = cursor === null;
      count.textContent = rows.children.length ? t.count(rows.children.length) : t.none;
    } catch (error) {
      showFieldErrors(form, error);
      say(error.message);
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load(queryOf(form), false);
  });
  more.addEventListener('click', () => {
    const query = queryOf(form);
    query.set('cursor', cursor);
    void load(query, true);
  });
  showContent(h('section', { class: 'card', id: 'audit' }, h('h1', { text: t.title }), form, count, table, more));
  await load(queryOf(form), false);
}
