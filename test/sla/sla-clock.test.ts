import { describe, expect, it } from 'vitest';
import { workingMinutesBetween } from '../../sla/business-calendar';
import { paris, parisOffice } from '../support/calendars';
import { breached, clockEventDueAt, clocksAfter, explainedLedger, nextBreach, startClocks, waitingMinutes } from '../../sla/sla-clock';

const calendar = parisOffice();
const terms = { slaId: 1, calendar, ttoMinutes: 60, ttrMinutes: 8 * 60, levels: [], levelClocks: [] };

describe('SLA clocks', () => {
  it('meets TTO when someone takes the ticket, and stops counting it', () => {
    const clocks = clocksAfter(startClocks(terms, paris('2026-12-14T09:00')), {
      status: 'assigned',
      held: true,
      at: paris('2026-12-14T09:20'),
    });
    expect(clocks.tto.metAt).toBe(paris('2026-12-14T09:20').toISOString());
    expect(nextBreach(clocks)).toEqual({ clock: 'ttr', at: paris('2026-12-14T17:00').getTime() });
  });

  it('moves TTR by exactly the working time a ticket waited, pending for 3 days', () => {
    const opened = paris('2026-12-14T09:00');
    const started = startClocks(terms, opened);
    const pendingAt = paris('2026-12-14T11:00');
    const resumedAt = paris('2026-12-17T11:00');
    const pending = clocksAfter(started, { status: 'pending', held: true, at: pendingAt });
    expect(pending.ttr).toMatchObject({ due: null, leftMinutes: 6 * 60, pausedSince: pendingAt.toISOString() });
    expect(nextBreach(pending)).toBeNull();
    const resumed = clocksAfter(pending, { status: 'assigned', held: true, at: resumedAt });
    const waited = workingMinutesBetween(calendar, pendingAt, resumedAt);
    expect(waited).toBe(3 * 9 * 60);
    expect(waitingMinutes(resumed, resumedAt)).toBe(waited);
    const paused = explainedLedger(resumed, resumedAt).find((entry) => entry.state === 'paused')!;
    expect(paused).toMatchObject({ minutes: 3 * 24 * 60, workingMinutes: waited });
    expect(workingMinutesBetween(calendar, new Date(started.ttr.due!), new Date(resumed.ttr.due!))).toBe(waited);
    expect(resumed.ledger.filter((e) => e.clock === 'ttr')).toEqual([
      { clock: 'ttr', state: 'running', from: opened.toISOString(), to: pendingAt.toISOString() },
      { clock: 'ttr', state: 'paused', reason: 'pending', from: pendingAt.toISOString(), to: resumedAt.toISOString() },
      { clock: 'ttr', state: 'running', from: resumedAt.toISOString(), to: null },
    ]);
  });

  it('stops TTR while a solution awaits the requester, runs it again on refusal, and meets it at the resolution on close', () => {
    const resolvedAt = paris('2026-12-14T10:00');
    const resolved = clocksAfter(startClocks(terms, paris('2026-12-14T09:00')), { status: 'resolved', held: true, at: resolvedAt });
    const refused = clocksAfter(resolved, { status: 'assigned', held: true, at: paris('2026-12-14T12:00') });
    expect(refused.ttr.due).toBe(paris('2026-12-15T10:00').toISOString());
    const again = clocksAfter(refused, { status: 'resolved', held: true, at: paris('2026-12-14T13:00') });
    const closed = clocksAfter(again, { status: 'closed', held: true, at: paris('2026-12-21T13:00') });
    expect(closed.ttr.metAt).toBe(paris('2026-12-14T13:00').toISOString());
    expect(nextBreach(closed)).toBeNull();
  });

  it('keeps a breached TTR breached, its due date where it was', () => {
    const started = startClocks(terms, paris('2026-12-14T09:00'));
    const late = breached(clocksAfter(started, { status: 'assigned', held: true, at: paris('2026-12-14T09:10') }), 'ttr');
    const pending = clocksAfter(late, { status: 'pending', held: true, at: paris('2026-12-16T09:00') });
    const resumed = clocksAfter(pending, { status: 'assigned', held: true, at: paris('2026-12-17T09:00') });
    expect(resumed.ttr).toMatchObject({ breached: true, due: started.ttr.due });
    expect(nextBreach(resumed)).toBeNull();
  });

  it('tells when the clock behind a breach or an escalation level fell due, for how late it fired', () => {
    const withLevel = {
      ...terms,
      levels: [{ clock: 'ttr' as const, offsetMinutes: -60, actions: [{ type: 'notify' as const }] }],
    };
    const clocks = startClocks(withLevel, paris('2026-12-14T09:00'));
    expect(clockEventDueAt('sla_breach', { clock: 'tto' }, clocks)).toBe(paris('2026-12-14T10:00').toISOString());
    expect(clockEventDueAt('sla_breach', { clock: 'ttr' }, clocks)).toBe(paris('2026-12-14T17:00').toISOString());
    expect(clockEventDueAt('sla_level', { level: 0, clock: 'ttr' }, clocks)).toBe(paris('2026-12-14T16:00').toISOString());
    expect(clockEventDueAt('assign', {}, clocks)).toBeNull();
    expect(clockEventDueAt('sla_breach', { clock: 'tto' }, null)).toBeNull();
  });
});
