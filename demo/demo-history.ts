import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { CanonicalStatus } from '../lifecycles/definition';
import type { TicketContext } from '../lifecycles/ticket-context';
import { addWorkingMinutes, workingMinutesBetween, type BusinessCalendar } from '../sla/business-calendar';
import type { LedgerEntry, SlaClocks } from '../sla/sla-clock';
import { toAnalyticsEvent, type AnalyticsEvent, type TicketEventRecord, type TicketFacts } from '../tickets/ticket-event';

/** What a generated history draws from: the desk's categories, sites, teams and SLAs. */
export interface HistoryCatalog {
  categories: { id: number; weight: number; type: 'incident' | 'request'; titles: string[] }[];
  sites: { entity: number; location: string; weight: number }[];
  n1: { group: number; technicians: number[] };
  n2: { group: number; technicians: number[] };
  requesters: number[];
  /** The SLA held to a ticket of `priority`, in working minutes on `calendar`. */
  slaOf: (priority: number) => { id: number; ttoMinutes: number; ttrMinutes: number } | null;
  calendar: BusinessCalendar;
}

export interface HistoryOptions {
  tickets: number;
  months: number;
  /** Every generated ticket is closed before this instant. */
  end: Date;
  seed: number;
  /** The id of the first ticket; the others follow in the order they were opened. */
  firstId: number;
}

/** A finished ticket: its row as MariaDB keeps it, and its events as history and analytics keep them. */
export interface GeneratedTicket {
  ticket: TicketFacts & {
    title: string;
    description: string;
    state: string;
    lifecycle_key: string;
    context: string;
    urgency: number;
    impact: number;
    requester_id: number;
    resolved_at: Date | null;
    closed_at: Date | null;
    seq: number;
    sla_breached: boolean;
    tto_due: Date | null;
    ttr_due: Date | null;
  };
  events: { record: TicketEventRecord; analytics: AnalyticsEvent }[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Seasonality of a service desk: quiet in August and at Christmas, busy in September and January;
// Mondays heaviest, weekends nearly empty; mornings and early afternoons.
const MONTH_WEIGHT = [1.2, 1.0, 1.0, 0.95, 0.9, 0.9, 0.75, 0.5, 1.25, 1.05, 1.0, 0.7];
const WEEKDAY_WEIGHT = [0.08, 1.3, 1.1, 1.0, 1.0, 0.85, 0.1]; // Sunday first, as getUTCDay
const HOUR_WEIGHT = [0, 0, 0, 0, 0, 0, 0.1, 0.4, 1, 1.4, 1.5, 1.2, 0.6, 0.9, 1.3, 1.2, 1, 0.6, 0.3, 0.1, 0.05, 0, 0, 0];
const MAX_WEIGHT = Math.max(...MONTH_WEIGHT) * Math.max(...WEEKDAY_WEIGHT) * Math.max(...HOUR_WEIGHT);
const PRIORITY_WEIGHT: [number, number][] = [
  [1, 0.08],
  [2, 0.24],
  [3, 0.42],
  [4, 0.19],
  [5, 0.07],
];
const SOURCE_WEIGHT: [string, number][] = [
  ['helpdesk', 0.5],
  ['email', 0.25],
  ['phone', 0.17],
  ['direct', 0.05],
  ['other', 0.03],
];
const RATING_WEIGHT: [number, number][] = [
  [1, 0.04],
  [2, 0.06],
  [3, 0.15],
  [4, 0.35],
  [5, 0.4],
];

type Random = () => number;

function pick<T>(random: Random, weighted: [T, number][]): T {
  let left = random() * weighted.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of weighted) {
    left -= weight;
    if (left <= 0) return value;
  }
  return weighted.at(-1)![0];
}
const oneOf = <T>(random: Random, values: T[]): T => values[Math.floor(random() * values.length)]!;
const exponential = (random: Random, mean: number): number => -Math.log(1 - random()) * mean;

// An opening instant in the history's span, drawn with the desk's seasonality.
function openingTime(random: Random, start: number, span: number): Date {
  for (;;) {
    const at = new Date(start + random() * span);
    const weight = MONTH_WEIGHT[at.getUTCMonth()]! * WEEKDAY_WEIGHT[at.getUTCDay()]! * HOUR_WEIGHT[at.getUTCHours()]!;
    if (random() * MAX_WEIGHT < weight) return at;
  }
}

interface Opening {
  at: Date;
  category: HistoryCatalog['categories'][number];
  site: HistoryCatalog['sites'][number];
}

// The openings, oldest first; now and then an incident recurs at one site (same category, a few hours apart).
function openings(random: Random, catalog: HistoryCatalog, options: HistoryOptions): Opening[] {
  const span = options.months * 30 * DAY;
  const start = options.end.getTime() - span;
  const categories = catalog.categories.map((c): [typeof c, number] => [c, c.weight]);
  const sites = catalog.sites.map((s): [typeof s, number] => [s, s.weight]);
  const list: Opening[] = [];
  while (list.length < options.tickets) {
    const opening = { at: openingTime(random, start, span - 3 * DAY), category: pick(random, categories), site: pick(random, sites) };
    list.push(opening);
    if (opening.category.type === 'incident' && random() < 0.02) {
      for (let i = 1 + Math.floor(random() * 5); i > 0 && list.length < options.tickets; i--) {
        list.push({ ...opening, at: new Date(opening.at.getTime() + exponential(random, 6 * HOUR)) });
      }
    }
  }
  return list.sort((a, b) => a.at.getTime() - b.at.getTime());
}

const isPaused = (status: CanonicalStatus) => status === 'pending' || status === 'resolved';

/** One ticket lived from its opening to its closing, event by event, with its SLA clocks. */
function liveTicket(random: Random, catalog: HistoryCatalog, id: number, opening: Opening): GeneratedTicket {
  const priority = pick(random, PRIORITY_WEIGHT);
  const sla = catalog.slaOf(priority);
  const calendar = catalog.calendar;
  const requester = oneOf(random, catalog.requesters);
  const openedAt = opening.at;
  const ttoDue = sla ? addWorkingMinutes(calendar, openedAt, sla.ttoMinutes) : null;
  const ttoMinutes = sla?.ttoMinutes ?? 120;
  const ttrMinutes = sla?.ttrMinutes ?? 960;
  const clocks: SlaClocks | null =
    sla && ttoDue
      ? {
          slaId: sla.id,
          calendar,
          tto: { due: ttoDue.toISOString(), metAt: null, breached: false },
          ttr: {
            due: addWorkingMinutes(calendar, openedAt, sla.ttrMinutes).toISOString(),
            leftMinutes: sla.ttrMinutes,
            pausedSince: null,
            metAt: null,
            breached: false,
          },
          ledger: [{ clock: 'ttr', state: 'running', from: openedAt.toISOString(), to: null }],
          levels: [],
        }
      : null;
  const ticket: GeneratedTicket['ticket'] = {
    id,
    title: oneOf(random, opening.category.titles),
    description: 'Demande reprise de l’historique du service.',
    type: opening.category.type,
    status: 'new',
    state: 'new',
    lifecycle_key: opening.category.type,
    context: '',
    urgency: priority,
    impact: priority,
    priority,
    category_id: opening.category.id,
    entity_id: opening.site.entity,
    group_id: null,
    assignee_id: null,
    level: 1,
    source: pick(random, SOURCE_WEIGHT),
    location: opening.site.location,
    opened_at: openedAt,
    taken_into_account_at: null,
    resolved_at: null,
    closed_at: null,
    reopen_count: 0,
    escalation_count: 0,
    assignment_count: 0,
    requester_id: requester,
    sla_id: sla?.id ?? null,
    sla_clocks: null,
    sla_breached: false,
    tto_due: ttoDue,
    ttr_due: null,
    seq: 0,
  };
  const events: GeneratedTicket['events'] = [];
  let now = openedAt;

  const ledgerTurn = (at: Date, state: LedgerEntry['state'], reason?: LedgerEntry['reason']) => {
    if (!clocks) return;
    const closed = clocks.ledger.map((entry) => (entry.to === null ? { ...entry, to: at.toISOString() } : entry));
    clocks.ledger = [...closed, { clock: 'ttr', state, ...(reason ? { reason } : {}), from: at.toISOString(), to: null }];
  };

  function record(at: Date, action: string, status: CanonicalStatus, actorId: number | null, data: Record<string, unknown> = {}) {
    const fromStatus = events.length === 0 ? null : ticket.status;
    const fromState = events.length === 0 ? null : ticket.state;
    if (clocks && fromStatus !== null && isPaused(status) !== isPaused(fromStatus)) {
      if (isPaused(status)) {
        const left = clocks.ttr.due ? workingMinutesBetween(calendar, at, new Date(clocks.ttr.due)) : clocks.ttr.leftMinutes;
        clocks.ttr = { ...clocks.ttr, leftMinutes: left, pausedSince: at.toISOString(), due: null };
        ledgerTurn(at, 'paused', status === 'pending' ? 'pending' : 'resolved');
      } else {
        clocks.ttr = { ...clocks.ttr, due: addWorkingMinutes(calendar, at, clocks.ttr.leftMinutes).toISOString(), pausedSince: null };
        ledgerTurn(at, 'running');
      }
    }
    ticket.status = status;
    ticket.state = status;
    ticket.seq += 1;
    ticket.sla_clocks = clocks ? JSON.stringify(clocks) : null;
    const event: TicketEventRecord = { seq: ticket.seq, at, actorId, action, fromState, fromStatus, toState: status, data };
    events.push({ record: event, analytics: toAnalyticsEvent(ticket, event) });
    now = at;
  }

  // Moves the clock to `at`, recording first the SLA breaches that fall before it.
  function advanceTo(at: Date) {
    if (clocks && !clocks.tto.breached && ticket.taken_into_account_at === null && new Date(clocks.tto.due) < at) {
      clocks.tto.breached = true;
      ticket.sla_breached = true;
      record(new Date(clocks.tto.due), 'sla_breach', ticket.status, null, { clock: 'tto' });
    }
    if (clocks?.ttr.due && !clocks.ttr.breached && new Date(clocks.ttr.due) < at) {
      clocks.ttr.breached = true;
      ticket.sla_breached = true;
      record(new Date(clocks.ttr.due), 'sla_breach', ticket.status, null, { clock: 'ttr' });
    }
  }
  const afterWorking = (minutes: number) => addWorkingMinutes(calendar, now, Math.max(1, minutes));
  const act = (at: Date, action: string, status: CanonicalStatus, actorId: number | null, data?: Record<string, unknown>) => {
    advanceTo(at);
    record(at, action, status, actorId, data);
  };

  record(openedAt, 'create', 'new', requester, { title: ticket.title, priority });
  const n1 = oneOf(random, catalog.n1.technicians);
  const takenAt = afterWorking(exponential(random, ttoMinutes * 0.45));
  advanceTo(takenAt);
  Object.assign(ticket, { assignee_id: n1, group_id: catalog.n1.group, taken_into_account_at: takenAt });
  ticket.assignment_count += 1;
  if (clocks) clocks.tto.metAt = takenAt.toISOString();
  record(takenAt, 'assign', 'assigned', n1, { assignee: n1, group: catalog.n1.group });

  if (random() < 0.18) {
    const pendingAt = afterWorking(exponential(random, ttrMinutes * 0.1));
    act(pendingAt, 'pend', 'pending', n1, { reason: 'En attente du demandeur', waitingFor: 'requester' });
    act(new Date(now.getTime() + exponential(random, 20 * HOUR) + 10 * MINUTE), 'resume', 'assigned', requester);
  }
  let solver = n1;
  if (random() < 0.17) {
    const n2 = oneOf(random, catalog.n2.technicians);
    const at = afterWorking(exponential(random, ttrMinutes * 0.15));
    advanceTo(at);
    Object.assign(ticket, { level: 2, group_id: catalog.n2.group, assignee_id: n2 });
    ticket.escalation_count += 1;
    record(at, 'escalate', 'assigned', n1, { reason: 'Diagnostic de niveau 2 nécessaire' });
    solver = n2;
  }
  const resolve = (meanMinutes: number) => {
    const at = afterWorking(exponential(random, meanMinutes));
    advanceTo(at);
    ticket.resolved_at = at;
    if (clocks) clocks.ttr.metAt = at.toISOString();
    record(at, 'resolve', 'resolved', solver, { solution: 'Intervention réalisée.' });
  };
  resolve(ttrMinutes * (ticket.level === 2 ? 0.5 : 0.3));
  if (random() < 0.08) {
    ticket.reopen_count += 1;
    if (clocks) clocks.ttr.metAt = null;
    act(new Date(now.getTime() + HOUR + exponential(random, 18 * HOUR)), 'refuse_solution', 'assigned', requester, {
      reason: 'Le problème est revenu',
    });
    resolve(ttrMinutes * 0.2);
  }
  // One requester in five never answers: the ticket closes itself after 7 days.
  const answers = random() >= 0.2;
  const closedAt = new Date(now.getTime() + (answers ? exponential(random, 30 * HOUR) + 10 * MINUTE : 7 * DAY));
  ticket.closed_at = closedAt;
  if (answers) record(closedAt, 'accept_solution', 'closed', requester);
  else record(closedAt, 'close', 'closed', null);
  if (random() < 0.35) {
    const penalty = (ticket.reopen_count > 0 ? 1 : 0) + (ticket.sla_breached ? 1 : 0);
    const rating = Math.max(1, pick(random, RATING_WEIGHT) - (random() < 0.5 ? penalty : 0));
    record(new Date(closedAt.getTime() + exponential(random, 2 * DAY) + MINUTE), 'satisfaction', 'closed', requester, { rating });
  }
  const context: TicketContext = {
    requester,
    assignee: ticket.assignee_id,
    group: ticket.group_id,
    level: ticket.level,
    validator: null,
  };
  ticket.context = JSON.stringify(context);
  ticket.ttr_due = clocks?.ttr.due ? new Date(clocks.ttr.due) : null;
  return { ticket, events };
}

/**
 * A realistic history of finished tickets: openings with the seasons, weekdays and hours of a
 * service desk, recurring incidents at a site, priorities and sources as desks see them, SLA
 * clocks paused while pending and awaiting the requester, breaches, escalations to N2, refused
 * solutions, closings by the requester or after 7 days, and satisfaction answers. The same seed
 * gives the same history.
 * @example for (const { ticket, events } of generateHistory(catalog, { tickets: 100, months: 3, end: new Date(), seed: 1, firstId: 1 })) …
 */
export function* generateHistory(catalog: HistoryCatalog, options: HistoryOptions): Generator<GeneratedTicket> {
  const rng = xoroshiro128plus(options.seed);
  const random: Random = () => uniformFloat64(rng);
  const list = openings(random, catalog, options);
  for (const [index, opening] of list.entries()) {
    const generated = liveTicket(random, catalog, options.firstId + index, opening);
    if (generated.ticket.closed_at! < options.end && generated.events.at(-1)!.record.at < options.end) yield generated;
  }
}
