import { Duration } from 'luxon';
import type { StateTimer } from './state-timer.schema';

export type { StateTimer };

/**
 * Which of a state's timers are spent, from the actions its timers took during the ticket's stay there (as the
 * ticket's history tells them): each action spends the first timer taking it that is not spent yet.
 */
export function spentTimers(timers: readonly StateTimer[], fired: readonly string[]): number[] {
  const spent: number[] = [];
  for (const action of fired) {
    const index = timers.findIndex((timer, at) => timer.action === action && !spent.includes(at));
    if (index >= 0) spent.push(index);
  }
  return spent;
}

/** How long a state lasts before an `after` timer fires, in milliseconds. */
export const timerDelayMs = (after: string): number => Duration.fromISO(after).as('milliseconds');

/**
 * `10 jours` / `10 days`, `1 jour et 12 heures`, `dépassement du TTO` / `TTO breach`: a timer as a
 * diagram shows it. A duration reads in the units it was written in (ten days stay ten days, not a
 * week and three), with whole words, as abbreviations such as `1 m.` or `4 hr` read badly.
 *
 * @example
 *   describeTimer({ after: 'P10D', action: 'reassess' }, 'fr') // '10 jours'
 */
export function describeTimer(timer: StateTimer, lang: 'fr' | 'en'): string {
  if ('slaBreach' in timer)
    return lang === 'fr' ? `dépassement du ${timer.slaBreach.toUpperCase()}` : `${timer.slaBreach.toUpperCase()} breach`;
  return Duration.fromISO(timer.after)
    .removeZeros()
    .reconfigure({ locale: lang })
    .toHuman({ unitDisplay: 'long', listStyle: 'long' })
    .replace(/(\d)\s/g, '$1\u00a0');
}
