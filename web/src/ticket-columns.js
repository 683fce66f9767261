/* global localStorage */
// The ticket list's columns: the number and title always, the others chosen by each person and kept
// in their browser, per user. Every value from the server is written as text.

/** @typedef {import('../../tickets/ticket.schemas').TicketView} TicketView */

import { h } from './dom.js';
import { slaBadgeOf } from './ticket-queue.js';

/**
 * What the cells are named by: people, groups, categories and entities by id, statuses and
 * priorities by code, and how a time is written.
 *
 * @typedef {{ users: Map<number, string>, groups: Map<number, string>, categories: Map<number, string>,
 *   entities: Map<number, string>, status: Record<string, string>, level: Record<number, string>, when: (at: string) => string }} Names
 */

const named = (map, id) => (id === null ? '' : (map.get(id) ?? `n° ${id}`));

/** The columns one may choose, in the order they are shown, each with the cell it gives a ticket. */
export const CHOOSABLE = {
  status: (/** @type {TicketView} */ ticket, /** @type {Names} */ names) => names.status[ticket.status],
  priority: (ticket, names) => names.level[ticket.priority],
  slaDue: (ticket) => slaBadgeOf(ticket),
  requester: (ticket, names) => named(names.users, ticket.requester),
  assignees: (ticket, names) => ticket.assignees.map((id) => named(names.users, id)).join(', '),
  group: (ticket, names) => ticket.groups.map((id) => named(names.groups, id)).join(', '),
  category: (ticket, names) => named(names.categories, ticket.category),
  entity: (ticket, names) => named(names.entities, ticket.entity),
  openedAt: (ticket, names) => names.when(ticket.openedAt),
  updatedAt: (ticket, names) => names.when(ticket.updatedAt),
};

const SHOWN_FIRST = ['status', 'priority', 'slaDue', 'openedAt'];
const storageKey = (userId) => `guichet.ticket-columns.${userId}`;

/** The columns `userId` chose on this browser, or the usual ones. */
export function chosenColumns(userId) {
  const saved = JSON.parse(localStorage.getItem(storageKey(userId)) ?? 'null');
  return Array.isArray(saved) ? Object.keys(CHOOSABLE).filter((column) => saved.includes(column)) : SHOWN_FIRST;
}

/** Keeps `columns` as the choice of `userId` on this browser. */
export function keepColumns(userId, columns) {
  localStorage.setItem(storageKey(userId), JSON.stringify(columns));
}

/**
 * The table row of one ticket: a box to select it when `selectable`, its number, its title linked
 * to its page, then the `columns` chosen.
 *
 * @param {TicketView} ticket
 * @param {string[]} columns
 * @param {Names} names
 * @param {{ selectable: boolean, selectLabel: (id: number) => string }} selection
 */
export function ticketRow(ticket, columns, names, { selectable, selectLabel }) {
  const cell = (content) => (typeof content === 'string' ? h('td', { text: content }) : h('td', {}, content));
  return h(
    'tr',
    {},
    ...(selectable
      ? [h('td', {}, h('input', { type: 'checkbox', name: 'ticket', value: String(ticket.id), 'aria-label': selectLabel(ticket.id) }))]
      : []),
    h('td', { text: String(ticket.id) }),
    h('td', {}, h('a', { href: `#/tickets/${ticket.id}`, class: 'ticket-link', text: ticket.title })),
    ...columns.map((column) => cell(CHOOSABLE[column](ticket, names) ?? '')),
  );
}
