import type { CanonicalStatus } from '../lifecycles/definition';
import { addWorkingMinutes, workingMinutesBetween, type BusinessCalendar } from './business-calendar';
import type { LevelClock, SlaLevelDefinition } from './sla.schemas';

/** An escalation level of the ticket's SLA: when it fires (null while its clock does not run), and whether it has. */
export interface SlaLevelState extends SlaLevelDefinition {
  at: string | null;
  fired: boolean;
}

/** One interval of a clock's ledger: why the clock ran or stood still, from when to when. */
export interface LedgerEntry {
  clock: 'tto' | 'ttr';
  state: 'running' | 'paused';
  /** Why a paused clock stands still: the ticket waits, or awaits the requester's answer. */
  reason?: 'pending' | 'resolved';
  from: string;
  to: string | null;
}

/**
 * A ticket's SLA clocks, as its workflow holds them. Due dates are instants; TTR's working time
 * left is kept while it is paused, and it runs again from where it stopped.
 */
export interface SlaClocks {
  slaId: number;
  /** An SLA chosen by hand stays when the ticket's priority or category changes. */
  chosenByHand?: boolean;
  calendar: BusinessCalendar;
  tto: { due: string; metAt: string | null; breached: boolean };
  ttr: { due: string | null; leftMinutes: number; pausedSince: string | null; metAt: string | null; breached: boolean };
  ledger: LedgerEntry[];
  levels: SlaLevelState[];
  /** The clocks of the support level holding the ticket (OLA), started when it was handed over. */
  ola?: { level: number; clocks: SlaClocks } | null;
  /** Each support level's own durations, for the hand-offs to come. */
  levelClocks?: LevelClock[];
}

export interface SlaTerms {
  slaId: number;
  calendar: BusinessCalendar;
  ttoMinutes: number;
  ttrMinutes: number;
  levels: SlaLevelDefinition[];
  levelClocks: LevelClock[];
}

// A level fires `offsetMinutes` of working time from its clock's due date; one already past fires at once.
const levelTime = (calendar: BusinessCalendar, from: Date, minutes: number): string =>
  (minutes <= 0 ? from : addWorkingMinutes(calendar, from, minutes)).toISOString();

// The levels of `clock` after it starts running again with `left` working minutes from `from`, or stops (null).
function reschedule(levels: SlaLevelState[], clock: 'tto' | 'ttr', calendar: BusinessCalendar, run: { from: Date; left: number } | null) {
  return levels.map((level) =>
    level.clock !== clock || level.fired ? level : { ...level, at: run && levelTime(calendar, run.from, run.left + level.offsetMinutes) },
  );
}

/** The clocks of a ticket opened at `openedAt`: both run. */
export function startClocks(terms: SlaTerms, openedAt: Date, chosenByHand = false): SlaClocks {
  const from = openedAt.toISOString();
  return {
    slaId: terms.slaId,
    chosenByHand,
    calendar: terms.calendar,
    tto: { due: addWorkingMinutes(terms.calendar, openedAt, terms.ttoMinutes).toISOString(), metAt: null, breached: false },
    ttr: {
      due: addWorkingMinutes(terms.calendar, openedAt, terms.ttrMinutes).toISOString(),
      leftMinutes: terms.ttrMinutes,
      pausedSince: null,
      metAt: null,
      breached: false,
    },
    ledger: [
      { clock: 'tto', state: 'running', from, to: null },
      { clock: 'ttr', state: 'running', from, to: null },
    ],
    levels: terms.levels.map((level) => ({
      ...level,
      at: levelTime(terms.calendar, openedAt, (level.clock === 'tto' ? terms.ttoMinutes : terms.ttrMinutes) + level.offsetMinutes),
      fired: false,
    })),
    levelClocks: terms.levelClocks,
    ola: levelClocksFor(terms.slaId, terms.calendar, terms.levelClocks, 1, openedAt),
  };
}

// The clocks a support level starts when the ticket is handed to it, if the SLA gives it any.
function levelClocksFor(slaId: number, calendar: BusinessCalendar, all: LevelClock[], level: number, at: Date): SlaClocks['ola'] {
  const own = all.find((clock) => clock.level === level);
  if (!own) return null;
  return {
    level,
    clocks: startClocks({ slaId, calendar, ttoMinutes: own.ttoMinutes, ttrMinutes: own.ttrMinutes, levels: [], levelClocks: [] }, at),
  };
}

/**
 * The clocks after the ticket moved to support `level`: a hand-off to another level starts that
 * level's own clocks (or none), measuring it on its own time, not on what the previous level used.
 */
function handedTo(clocks: SlaClocks, level: number, at: Date): SlaClocks {
  if ((clocks.ola?.level ?? null) === level || (!clocks.ola && !(clocks.levelClocks ?? []).some((c) => c.level === level))) return clocks;
  return { ...clocks, ola: levelClocksFor(clocks.slaId, clocks.calendar, clocks.levelClocks ?? [], level, at) };
}

// Closes the open ledger entry of `clock` at `at`, and opens the next one.
function turn(
  ledger: LedgerEntry[],
  clock: 'tto' | 'ttr',
  at: string,
  next: Omit<LedgerEntry, 'clock' | 'from' | 'to'> | null,
): LedgerEntry[] {
  const closed = ledger.map((entry) => (entry.clock === clock && entry.to === null ? { ...entry, to: at } : entry));
  return next ? [...closed, { clock, ...next, from: at, to: null }] : closed;
}

const PAUSING: Partial<Record<CanonicalStatus, LedgerEntry['reason']>> = { pending: 'pending', resolved: 'resolved' };

/**
 * The clocks after the ticket moves to `status` at `at`. TTO is met once someone holds or solves the ticket;
 * TTR stops while the ticket is pending or resolved, runs again with the working time it had
 * left, and is met when the ticket closes (at the time it was resolved).
 */
export function clocksAfter(clocks: SlaClocks, change: { status: CanonicalStatus; held: boolean; at: Date }): SlaClocks {
  const at = change.at.toISOString();
  let { tto, ttr, ledger } = clocks;
  let levels = clocks.levels ?? [];
  // Solving a ticket takes it into account too, even when nobody was assigned.
  if (tto.metAt === null && (change.held || change.status === 'resolved' || change.status === 'closed')) {
    tto = { ...tto, metAt: at };
    ledger = turn(ledger, 'tto', at, null);
    levels = reschedule(levels, 'tto', clocks.calendar, null);
  }
  if (ttr.metAt !== null) return { ...clocks, tto, ledger, levels };
  const pause = PAUSING[change.status];
  if (change.status === 'closed') {
    ttr = { ...ttr, metAt: ttr.pausedSince ?? at };
    ledger = turn(ledger, 'ttr', at, null);
    levels = reschedule(levels, 'ttr', clocks.calendar, null);
  } else if (pause && ttr.pausedSince === null) {
    const left = ttr.due === null ? ttr.leftMinutes : workingMinutesBetween(clocks.calendar, change.at, new Date(ttr.due));
    ttr = { ...ttr, leftMinutes: ttr.breached ? 0 : left, pausedSince: at, due: ttr.breached ? ttr.due : null };
    ledger = turn(ledger, 'ttr', at, { state: 'paused', reason: pause });
    levels = reschedule(levels, 'ttr', clocks.calendar, null);
  } else if (!pause && ttr.pausedSince !== null) {
    // A breached clock stays breached: its due date does not move.
    const due = ttr.breached ? ttr.due : addWorkingMinutes(clocks.calendar, change.at, ttr.leftMinutes).toISOString();
    ttr = { ...ttr, due, pausedSince: null };
    ledger = turn(ledger, 'ttr', at, { state: 'running' });
    levels = reschedule(levels, 'ttr', clocks.calendar, { from: change.at, left: ttr.breached ? 0 : ttr.leftMinutes });
  } else if (pause && ttr.pausedSince !== null && ledger.at(-1)?.reason !== pause) {
    ledger = turn(ledger, 'ttr', at, { state: 'paused', reason: pause });
  }
  return { ...clocks, tto, ttr, ledger, levels };
}

/** The next clock to breach and when, if any runs. */
export function nextBreach(clocks: SlaClocks): { clock: 'tto' | 'ttr'; at: number } | null {
  const candidates: { clock: 'tto' | 'ttr'; at: number }[] = [];
  if (clocks.tto.metAt === null && !clocks.tto.breached) candidates.push({ clock: 'tto', at: Date.parse(clocks.tto.due) });
  if (clocks.ttr.metAt === null && !clocks.ttr.breached && clocks.ttr.pausedSince === null && clocks.ttr.due !== null) {
    candidates.push({ clock: 'ttr', at: Date.parse(clocks.ttr.due) });
  }
  return candidates.sort((a, b) => a.at - b.at)[0] ?? null;
}

/** The clocks once `clock` has breached. */
export const breached = (clocks: SlaClocks, clock: 'tto' | 'ttr'): SlaClocks => ({
  ...clocks,
  [clock]: { ...clocks[clock], breached: true },
});

/** The next escalation level to fire and when, if any is scheduled. */
export function nextLevel(clocks: SlaClocks): { index: number; at: number } | null {
  const scheduled = (clocks.levels ?? []).flatMap((level, index) =>
    level.fired || level.at === null ? [] : [{ index, at: Date.parse(level.at) }],
  );
  return scheduled.sort((a, b) => a.at - b.at || a.index - b.index)[0] ?? null;
}

/** The clocks once level `index` has fired: it never fires again. */
export const levelFired = (clocks: SlaClocks, index: number): SlaClocks => ({
  ...clocks,
  levels: clocks.levels.map((level, i) => (i === index ? { ...level, fired: true } : level)),
});

// Working minutes `clock` has run, from its ledger, measured on `calendar`.
const ranMinutes = (clocks: SlaClocks, clock: 'tto' | 'ttr', at: Date): number =>
  clocks.ledger
    .filter((entry) => entry.clock === clock && entry.state === 'running')
    .reduce((sum, entry) => sum + workingMinutesBetween(clocks.calendar, new Date(entry.from), entry.to ? new Date(entry.to) : at), 0);

/**
 * The clocks under other terms from `at` on (the ticket's priority or category changed): each
 * running clock keeps the working time it already ran, from its ledger, and gets the new
 * duration's remainder; levels start over under the new terms. Met and breached clocks stay so.
 */
export function underNewTerms(clocks: SlaClocks, terms: SlaTerms, at: Date): SlaClocks {
  const { calendar } = terms;
  const ttoLeft = Math.max(0, terms.ttoMinutes - ranMinutes(clocks, 'tto', at));
  const ttrLeft = Math.max(0, terms.ttrMinutes - ranMinutes(clocks, 'ttr', at));
  const ttoRuns = clocks.tto.metAt === null && !clocks.tto.breached;
  const ttrRuns = clocks.ttr.metAt === null && !clocks.ttr.breached && clocks.ttr.pausedSince === null;
  const tto = ttoRuns ? { ...clocks.tto, due: addWorkingMinutes(calendar, at, ttoLeft).toISOString() } : clocks.tto;
  const ttr =
    clocks.ttr.metAt !== null || clocks.ttr.breached
      ? clocks.ttr
      : { ...clocks.ttr, leftMinutes: ttrLeft, due: ttrRuns ? addWorkingMinutes(calendar, at, ttrLeft).toISOString() : null };
  const levels = terms.levels.map((level) => {
    const runs = level.clock === 'tto' ? ttoRuns : ttrRuns;
    const left = level.clock === 'tto' ? ttoLeft : ttrLeft;
    return { ...level, at: runs ? levelTime(calendar, at, left + level.offsetMinutes) : null, fired: false };
  });
  return { ...clocks, slaId: terms.slaId, calendar, tto, ttr, levels, levelClocks: terms.levelClocks };
}

/**
 * The clocks after a transition: the ticket's own (see clocksAfter), a hand-off to another support
 * level, and that level's clocks, whose TTO is met once one of its technicians holds the ticket.
 */
export function afterTransition(
  clocks: SlaClocks,
  change: { status: CanonicalStatus; held: boolean; technicianHolds: boolean; level: number; at: Date },
): SlaClocks {
  const next = handedTo(clocksAfter(clocks, change), change.level, change.at);
  if (!next.ola) return next;
  return { ...next, ola: { ...next.ola, clocks: clocksAfter(next.ola.clocks, { ...change, held: change.technicianHolds }) } };
}

/** Each ledger interval with its length in calendar minutes and in working minutes (the rest is outside business hours). */
export function explainedLedger(clocks: SlaClocks, now: Date): (LedgerEntry & { minutes: number; workingMinutes: number })[] {
  return clocks.ledger.map((entry) => {
    const from = new Date(entry.from);
    const to = entry.to ? new Date(entry.to) : now;
    return {
      ...entry,
      minutes: (to.getTime() - from.getTime()) / 60_000,
      workingMinutes: workingMinutesBetween(clocks.calendar, from, to),
    };
  });
}

/** Working minutes the ticket's TTR stood still (pending, or awaiting the requester's answer). */
export const waitingMinutes = (clocks: SlaClocks, now: Date): number =>
  clocks.ledger
    .filter((entry) => entry.clock === 'ttr' && entry.state === 'paused')
    .reduce((sum, entry) => sum + workingMinutesBetween(clocks.calendar, new Date(entry.from), entry.to ? new Date(entry.to) : now), 0);

/** The clocks once a technician has answered the ticket: TTO is met (and its levels will not fire). */
export function takenIntoAccount(clocks: SlaClocks, at: Date): SlaClocks {
  if (clocks.tto.metAt !== null) return clocks;
  const when = at.toISOString();
  return {
    ...clocks,
    tto: { ...clocks.tto, metAt: when },
    ledger: turn(clocks.ledger, 'tto', when, null),
    levels: reschedule(clocks.levels, 'tto', clocks.calendar, null),
  };
}

/**
 * When the clock behind an SLA event fell due: a breach's due date, a level's time; null for any
 * other event. What the ticket's workflow recorded later than that is how late its timer fired.
 *
 * @example clockEventDueAt('sla_breach', { clock: 'tto' }, clocks) // clocks.tto.due
 */
export function clockEventDueAt(action: string, payload: Record<string, unknown>, clocks: SlaClocks | null | undefined): string | null {
  if (!clocks) return null;
  const clock = payload['clock'] === 'ttr' ? 'ttr' : 'tto';
  if (action === 'sla_breach') return clocks[clock].due;
  if (action === 'ola_breach') return clocks.ola?.clocks[clock].due ?? null;
  if (action === 'sla_level' && typeof payload['level'] === 'number') return clocks.levels[payload['level']]?.at ?? null;
  return null;
}
