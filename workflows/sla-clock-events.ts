import type { Actor } from '../lifecycles/ticket-context';
import { breached, levelFired, nextBreach, nextLevel, takenIntoAccount, underNewTerms, type SlaTerms } from '../sla/sla-clock';
import { fireSlaBreachTimers } from './state-timer-clocks';
import type { DueClock } from './ticket-clock';
import type { TicketRun } from './ticket-run';

// Escalation levels act with the desk's rights.
const SLA_ACTOR: Actor = { id: null, profile: 'supervisor' };

// The breach is recorded once; then the timers of the ticket's state that wait for it fire.
async function recordBreach(run: TicketRun, clock: 'tto' | 'ttr'): Promise<void> {
  const recorded = await run.exclusive(async () => {
    if (!run.sla || nextBreach(run.sla)?.clock !== clock) return false;
    return run.recordClockEvent('sla_breach', { clock }, breached(run.sla, clock));
  });
  if (recorded) await fireSlaBreachTimers(run, clock);
}

// The support level's own clock (OLA) runs out: recorded with the level it measures.
const recordLevelBreach = (run: TicketRun, clock: 'tto' | 'ttr'): Promise<void> =>
  run.exclusive(async () => {
    const ola = run.sla?.ola;
    if (!run.sla || !ola || nextBreach(ola.clocks)?.clock !== clock) return;
    await run.recordClockEvent(
      'ola_breach',
      { level: ola.level, clock },
      { ...run.sla, ola: { ...ola, clocks: breached(ola.clocks, clock) } },
    );
  });

// A level fires once: it is marked and recorded first, then its actions are taken as the desk would.
async function fireLevel(run: TicketRun, index: number): Promise<void> {
  const level = await run.exclusive(async () => {
    const sla = run.sla;
    if (!sla || sla.levels[index]?.fired !== false) return null;
    const { clock, offsetMinutes, actions } = sla.levels[index];
    const recorded = await run.recordClockEvent('sla_level', { level: index, clock, offsetMinutes, actions }, levelFired(sla, index));
    return recorded ? sla.levels[index] : null;
  });
  for (const action of level?.actions ?? []) {
    if (action.type === 'raise_priority') await run.edit({ actor: SLA_ACTOR, edit: { priority: Math.min(5, run.priority + 1) } });
    if (action.type === 'reassign') await run.fire({ type: 'assign', actor: SLA_ACTOR, payload: { group: action.group } });
    if (action.type === 'escalate') {
      const group = await run.nextLevelGroup();
      if (group !== null) await run.fire({ type: 'escalate', actor: SLA_ACTOR, payload: { group, reason: 'sla_level' } });
    }
  }
}

/** The SLA's clocks that are set: breaches, escalation levels, the support level's own clocks. */
export function slaDueClocks(run: TicketRun): DueClock[] {
  const due: DueClock[] = [];
  const sla = run.sla;
  if (!sla) return due;
  const breach = nextBreach(sla);
  if (breach) due.push({ at: breach.at, run: () => recordBreach(run, breach.clock) });
  const level = nextLevel(sla);
  if (level) due.push({ at: level.at, run: () => fireLevel(run, level.index) });
  const levelBreach = sla.ola && nextBreach(sla.ola.clocks);
  if (levelBreach) due.push({ at: levelBreach.at, run: () => recordLevelBreach(run, levelBreach.clock) });
  return due;
}

/** The SLA (or its calendar) was edited: the clocks are recomputed from their ledger under the new terms. */
export const replaceSlaTerms = (run: TicketRun, terms: SlaTerms) =>
  run.exclusive(async () => {
    if (run.sla) {
      const after = underNewTerms(run.sla, terms, new Date());
      await run.recordClockEvent('sla_change', { from: run.sla.slaId, to: terms.slaId, reason: 'terms_changed' }, after);
    }
    return run.state();
  });

/** A technician answered the ticket: TTO is met, recorded once. */
export const takeIntoAccount = (run: TicketRun, actor: Actor) =>
  run.exclusive(async () => {
    if (run.sla && run.sla.tto.metAt === null) {
      await run.recordClockEvent('taken_into_account', { by: actor.id }, takenIntoAccount(run.sla, new Date()));
    }
    return run.state();
  });
