/* global setInterval, clearInterval, setTimeout, clearTimeout */
// The queue's parts: the saved views' links with their counts, SLA countdown badges
// (on the ticket page too), the redraw after a burst of changes, and keyboard navigation (j / k, /).

/** @typedef {import('../../tickets/ticket.schemas').TicketView} TicketView */
/** @typedef {import('../../tickets/ticket.schemas').QueueCounts} QueueCounts */

import { h } from './dom.js';

const MINUTE = 60_000;

/**
 * A ticket's SLA clock: time to own (`tto`) runs until someone takes the ticket, time to resolve
 * (`ttr`) until it is resolved. `due` is null when no SLA applies.
 *
 * @param {TicketView} ticket
 * @param {'tto' | 'ttr'} kind
 */
export function clockOf(ticket, kind) {
  const stopped = kind === 'tto' ? ticket.takenIntoAccountAt !== null : ticket.status === 'resolved' || ticket.status === 'closed';
  return { due: ticket.sla?.[`${kind}Due`] ?? null, breached: ticket.sla?.[`${kind}Breached`] === true, stopped };
}

/** What an SLA badge says of `clock` at `now`, in the words `sla`: the time left, or that it is late. */
export function slaBadge(clock, sla, now = Date.now()) {
  if (clock.stopped || !clock.due) return { text: sla.none, tone: 'none' };
  const left = Date.parse(clock.due) - now;
  if (clock.breached || left <= 0) return { text: sla.late, tone: 'late' };
  const minutes = Math.floor(left / MINUTE);
  const text =
    minutes < 60
      ? sla.minutes(minutes)
      : minutes < 48 * 60
        ? sla.hours(Math.floor(minutes / 60), minutes % 60)
        : sla.days(Math.floor(minutes / 1440));
  return { text, tone: minutes < 60 ? 'soon' : 'ok' };
}

/**
 * A badge telling the time left on the ticket's `kind` clock (ttr unless told), kept current by {@link startCountdown}.
 *
 * @param {TicketView} ticket
 * @param {'tto' | 'ttr'} [kind]
 */
export function slaBadgeOf(ticket, kind = 'ttr') {
  return h('span', { class: 'sla', 'data-clock': JSON.stringify(clockOf(ticket, kind)) });
}

function paintBadges(sla) {
  for (const badge of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('span.sla'))) {
    const { text, tone } = slaBadge(JSON.parse(badge.dataset.clock), sla);
    badge.textContent = text;
    badge.dataset.tone = tone;
  }
}

/**
 * The saved views as links named in `queues`, each with its count, the current one marked.
 *
 * @param {QueueCounts} counts
 * @param {string | undefined} current
 * @param {Record<string, string>} queues
 */
export function queueLinks(counts, current, queues) {
  return Object.entries(queues).map(([queue, label]) =>
    h('a', { href: `#/tickets?queue=${queue}`, text: `${label} (${counts[queue] ?? 0})`, 'aria-current': queue === current && 'page' }),
  );
}

let countdown;
let refresh;

/** Repaints the SLA badges in the words `sla` every 30 s, until the next page replaces this one. */
export function startCountdown(sla) {
  clearInterval(countdown);
  paintBadges(sla);
  countdown = setInterval(() => paintBadges(sla), 30_000);
}

/** Runs `again` once, 300 ms after the last of a burst of changes. */
export function debounced(again) {
  return () => {
    clearTimeout(refresh);
    refresh = setTimeout(again, 300);
  };
}

// j / k move between tickets, / goes to the search; typing in a field is left alone.
document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(/** @type {Element} */ (event.target).tagName))
    return;
  const links = [.../** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll('#ticket-rows a.ticket-link'))];
  if (links.length === 0) return;
  if (event.key === '/') {
    event.preventDefault();
    /** @type {HTMLInputElement | null} */ (document.querySelector('#search-form input[name="q"]'))?.focus();
    return;
  }
  if (event.key !== 'j' && event.key !== 'k') return;
  event.preventDefault();
  const at = links.indexOf(/** @type {HTMLAnchorElement} */ (document.activeElement));
  const next = event.key === 'j' ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, 0);
  links[at === -1 ? 0 : next].focus();
});
