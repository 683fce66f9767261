import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, workingMinutesBetween } from '../../sla/business-calendar';
import { startClocks } from '../../sla/sla-clock';
import { applyActionUpdate, editFieldsUpdate, ticketStateQuery } from '../../workflows/ticket.contracts';
import { paris, parisOffice } from '../support/calendars';
import { startWorkflowHarness, technician } from '../support/workflow-harness';

// A server of its own: these tests travel to fixed dates, which the other tests' clocks would pass.
let harness: Awaited<ReturnType<typeof startWorkflowHarness>>;
beforeAll(async () => {
  harness = await startWorkflowHarness();
});
afterAll(async () => harness?.close());

describe('SLA clocks in the ticket workflow (time-skipping server)', () => {
  // Monday to Friday, 08:00–17:00 in Paris, Monday 21 December a holiday.
  const office = parisOffice([{ date: '2026-12-21' }]);
  const hours = (n: number) => n * 3_600_000;

  it('breaches TTR at its due date in working time, not before, and only once', async () => {
    const now = new Date(await harness.env.currentTimeMs());
    const sla = startClocks({ slaId: 1, calendar: ALWAYS_OPEN, ttoMinutes: 30, ttrMinutes: 8 * 60, levels: [], levelClocks: [] }, now);
    const { ticketId, handle } = await harness.startTicket({ sla });
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'assign', actor: technician, payload: {} }] });
    expect((await handle.query(ticketStateQuery)).sla?.tto.metAt).not.toBeNull();
    await harness.env.sleep(hours(7.5));
    expect(harness.recordsOf(ticketId).map((r) => r.action)).toEqual(['assign']);
    await harness.env.sleep(hours(1));
    const breach = harness.recordsOf(ticketId).filter((r) => r.action === 'sla_breach');
    expect(breach).toHaveLength(1);
    expect(breach[0]).toMatchObject({
      payload: { clock: 'ttr' },
      actor: { profile: 'system' },
      sla: { ttr: { breached: true }, tto: { breached: false } },
    });
    await harness.env.sleep(hours(48));
    expect(harness.recordsOf(ticketId).filter((r) => r.action === 'sla_breach')).toHaveLength(1);
  });

  it('breaches on time even when the task that set the clock waited seconds on a busy worker', async () => {
    const now = new Date(await harness.env.currentTimeMs());
    const sla = startClocks({ slaId: 1, calendar: ALWAYS_OPEN, ttoMinutes: 30, ttrMinutes: 60, levels: [], levelClocks: [] }, now);
    const { ticketId } = await harness.startTicket({ sla });
    // The worker's process busy for 3 s (as under a burst of new tickets) while the ticket's first
    // task, which sets its clocks, waits for it: counted from that task's start, the TTO's timer
    // would run 3 s behind.
    const busyUntil = Date.now() + 3_000;
    while (Date.now() < busyUntil);
    await harness.env.sleep(hours(1));
    const breach = harness.recordsOf(ticketId).find((r) => r.action === 'sla_breach' && r.payload['clock'] === 'tto');
    const late = Date.parse(breach!.at) - Date.parse(sla.tto.due);
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(1_000);
  });

  it('fires an escalation level at its working-time offset, once, and takes its actions', async () => {
    // Opened a Friday at 16:00 (the first one a week away at least), 8 working hours to resolve,
    // the Monday after a holiday: due Tuesday 15:00; the level 2 h before.
    const friday = DateTime.fromMillis(await harness.env.currentTimeMs(), { zone: 'Europe/Paris' })
      .plus({ weeks: 1 })
      .set({ weekday: 5, hour: 16, minute: 0, second: 0, millisecond: 0 });
    const at = (days: number, time: string) => paris(`${friday.plus({ days }).toISODate()}T${time}`);
    const level = {
      clock: 'ttr' as const,
      offsetMinutes: -120,
      actions: [{ type: 'notify' as const }, { type: 'raise_priority' as const }],
    };
    const sla = startClocks(
      {
        slaId: 1,
        calendar: parisOffice([{ date: friday.plus({ days: 3 }).toISODate()! }]),
        ttoMinutes: 60,
        ttrMinutes: 8 * 60,
        levels: [level],
        levelClocks: [],
      },
      friday.toJSDate(),
    );
    expect(sla.ttr.due).toBe(at(4, '15:00').toISOString());
    const { ticketId, handle } = await harness.startTicket({ sla });
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'assign', actor: technician, payload: {} }] });
    const levelsOf = () => harness.recordsOf(ticketId).filter((r) => r.action === 'sla_level');
    await harness.env.sleep(at(4, '12:59').getTime() - (await harness.env.currentTimeMs()));
    expect(levelsOf()).toEqual([]);
    await harness.env.sleep(2 * 60_000);
    expect(levelsOf()).toHaveLength(1);
    expect(levelsOf()[0]).toMatchObject({ payload: { level: 0, clock: 'ttr', offsetMinutes: -120 }, sla: { levels: [{ fired: true }] } });
    expect(new Date(levelsOf()[0]!.at).getTime()).toBeGreaterThanOrEqual(at(4, '13:00').getTime());
    expect((await handle.describe()).searchAttributes['TicketPriority']).toEqual([4]);
    await harness.env.sleep(hours(24));
    expect(levelsOf()).toHaveLength(1);
  });

  it('pauses TTR while the ticket is pending and gives it back the working time it waited', async () => {
    const now = new Date(await harness.env.currentTimeMs());
    const sla = startClocks({ slaId: 1, calendar: office, ttoMinutes: 60, ttrMinutes: 16 * 60, levels: [], levelClocks: [] }, now);
    const { ticketId, handle } = await harness.startTicket({ sla });
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'assign', actor: technician, payload: {} }] });
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'pend', actor: technician, payload: { reason: 'Fournisseur' } }] });
    const pendingAt = new Date(await harness.env.currentTimeMs());
    await harness.env.sleep(hours(72));
    const resumed = await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'resume', actor: technician, payload: {} }] });
    const resumedAt = new Date(await harness.env.currentTimeMs());
    const waited = workingMinutesBetween(office, pendingAt, resumedAt);
    expect(waited).toBeGreaterThan(0);
    const moved = workingMinutesBetween(office, new Date(sla.ttr.due!), new Date(resumed.sla!.ttr.due!));
    expect(Math.abs(moved - waited)).toBeLessThan(1 / 60);
    expect(harness.recordsOf(ticketId).some((r) => r.action === 'sla_breach')).toBe(false);
  });

  it('recomputes the clocks when a raised priority calls for another SLA, and the old timers never fire', async () => {
    const now = new Date(await harness.env.currentTimeMs());
    const level = { clock: 'ttr' as const, offsetMinutes: -60, actions: [{ type: 'notify' as const }] };
    const sla = startClocks({ slaId: 1, calendar: ALWAYS_OPEN, ttoMinutes: 30, ttrMinutes: 8 * 60, levels: [level], levelClocks: [] }, now);
    const { ticketId, handle } = await harness.startTicket({ sla });
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'assign', actor: technician, payload: {} }] });
    await harness.env.sleep(hours(0.5));
    const raised = await handle.executeUpdate(editFieldsUpdate, { args: [{ actor: technician, edit: { priority: 1 } }] });
    expect(raised.sla).toMatchObject({ slaId: 2, levels: [], levelClocks: [] });
    expect(raised.sla!.ttr.leftMinutes).toBeCloseTo(90, 1);
    expect(Date.parse(raised.sla!.ttr.due!) - (await harness.env.currentTimeMs())).toBeLessThanOrEqual(hours(1.5));
    expect(harness.recordsOf(ticketId).at(-1)).toMatchObject({ action: 'sla_change', payload: { from: 1, to: 2 } });
    await harness.env.sleep(hours(2));
    expect(harness.recordsOf(ticketId).filter((r) => r.action === 'sla_breach')).toHaveLength(1);
    await harness.env.sleep(hours(8));
    expect(
      harness
        .recordsOf(ticketId)
        .filter((r) => r.action.startsWith('sla_'))
        .map((r) => r.action),
    ).toEqual(['sla_change', 'sla_breach']);
  });

  it('measures the level a ticket is escalated to on its own clock, from the hand-off', async () => {
    const now = new Date(await harness.env.currentTimeMs());
    const levelClocks = [{ level: 2, ttoMinutes: 30, ttrMinutes: 240 }];
    const sla = startClocks({ slaId: 1, calendar: ALWAYS_OPEN, ttoMinutes: 60, ttrMinutes: 8 * 60, levels: [], levelClocks }, now);
    expect(sla.ola).toBeNull();
    const { ticketId, handle } = await harness.startTicket({ sla });
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'assign', actor: technician, payload: {} }] });
    await harness.env.sleep(hours(3));
    const escalated = await handle.executeUpdate(applyActionUpdate, {
      args: [{ action: 'escalate', actor: technician, payload: { group: 2, reason: 'Pilote' } }],
    });
    const handOff = await harness.env.currentTimeMs();
    expect(escalated.sla!.ola).toMatchObject({ level: 2, clocks: { tto: { metAt: null }, ttr: { leftMinutes: 240 } } });
    expect(Date.parse(escalated.sla!.ola!.clocks.ttr.due!) - handOff).toBeLessThanOrEqual(hours(4));
    await harness.env.sleep(hours(0.6));
    expect(
      harness
        .recordsOf(ticketId)
        .filter((r) => r.action === 'ola_breach')
        .map((r) => r.payload),
    ).toEqual([{ level: 2, clock: 'tto' }]);
    expect(harness.recordsOf(ticketId).some((r) => r.action === 'sla_breach')).toBe(false);
  });
});
