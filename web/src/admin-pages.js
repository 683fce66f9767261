// What the administrators' object pages share: the path that opens the list, one object or a new one,
// and the list itself, a table of the objects with a link to add one.

import { showContent } from './app-shell.js';
import { h } from './dom.js';

/**
 * Opens the list (`#/<kind>`), one object (`#/<kind>/N`) or a new one (`#/<kind>/new`, as null).
 *
 * @param {string} path
 * @param {string} kind
 * @param {{ list: () => Promise<void>, one: (id: number | null) => Promise<void> }} pages
 */
export function routeAdminPage(path, kind, { list, one }) {
  const id = new RegExp(`^#/${kind}/(\\d+|new)$`).exec(path)?.[1];
  if (id === undefined) return list();
  return one(id === 'new' ? null : Number(id));
}

/**
 * Shows the list of `kind`: its title, a table of `rows` under `columns` (or the words for none),
 * and the link to add one.
 *
 * @param {string} kind
 * @param {{ title: string, columns: Record<string, string>, none: string, add: string }} t
 * @param {HTMLElement[]} rows
 * @param {{ button?: boolean }} [options] the link to add one looks like a button
 */
export function showAdminList(kind, t, rows, { button = false } = {}) {
  const columns = Object.values(t.columns).map((name) => h('th', { scope: 'col', text: name }));
  showContent(
    h(
      'section',
      { class: 'card', id: kind },
      h('h1', { text: t.title }),
      rows.length ? h('table', {}, h('thead', {}, h('tr', {}, ...columns)), h('tbody', {}, ...rows)) : h('p', { text: t.none }),
      h('p', {}, h('a', { href: `#/${kind}/new`, class: button ? 'button' : undefined, text: t.add })),
    ),
  );
}
