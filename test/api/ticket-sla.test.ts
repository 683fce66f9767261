import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingMinutes, workingMinutesBetween } from '../../sla/business-calendar';
import { BusinessCalendar } from '../../sla/business-calendar.schema';
import { eventually, startDesk, type Desk, type TestUser } from '../support/stack';

let desk: Desk;
let admin: TestUser;

beforeAll(async () => {
  desk = await startDesk();
  admin = await desk.stack.userWith('admin');
});
afterAll(async () => desk?.stack.close());

const weekday = [
  ['08:00', '12:00'],
  ['13:30', '17:30'],
];
const office = {
  name: 'Siège',
  timezone: 'Europe/Paris',
  hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
  holidays: [{ date: '2026-12-25', yearly: true }],
};
const post = (path: string, body: object, user: TestUser = admin) => desk.stack.call('POST', path, { token: user.token, body });

describe('calendars and SLAs', () => {
  it('defines calendars and SLAs, refusing bad ones with the path of the offending element', async () => {
    const calendar = await post('/api/v1/calendars', office);
    expect(calendar.status).toBe(201);
    expect(calendar.body).toMatchObject({ name: 'Siège', timezone: 'Europe/Paris', holidays: [{ date: '2026-12-25', yearly: true }] });
    expect((await post('/api/v1/calendars', office, desk.tech1)).status).toBe(403);
    const zone = await post('/api/v1/calendars', { ...office, timezone: 'Paris' });
    expect(zone.status).toBe(400);
    expect(Object.keys(zone.body.error.details.fields)).toEqual(['timezone']);
    const overlap = await post('/api/v1/calendars', {
      ...office,
      hours: {
        ...office.hours,
        mon: [
          ['08:00', '12:00'],
          ['11:00', '14:00'],
        ],
      },
    });
    expect(overlap.status).toBe(400);
    expect(Object.keys(overlap.body.error.details.fields)).toEqual(['hours.mon']);

    const ghostGroup = await post('/api/v1/slas', {
      name: 'Incidents',
      calendar: calendar.body.id,
      ttoMinutes: 60,
      ttrMinutes: 480,
      levels: [{ clock: 'ttr', offsetMinutes: -120, actions: [{ type: 'notify' }, { type: 'reassign', group: 999_999 }] }],
    });
    expect(ghostGroup.status).toBe(400);
    expect(Object.keys(ghostGroup.body.error.details.fields)).toEqual(['levels.0.actions.1.group']);
    const twice = await post('/api/v1/slas', {
      name: 'OLA',
      calendar: calendar.body.id,
      ttoMinutes: 60,
      ttrMinutes: 480,
      levelClocks: [
        { level: 2, ttoMinutes: 30, ttrMinutes: 240 },
        { level: 2, ttoMinutes: 15, ttrMinutes: 120 },
      ],
    });
    expect(Object.keys(twice.body.error.details.fields)).toEqual(['levelClocks']);
    const ola = await post('/api/v1/slas', {
      name: 'OLA',
      calendar: calendar.body.id,
      match: { priority: [6] },
      ttoMinutes: 60,
      ttrMinutes: 480,
      levelClocks: [{ level: 2, ttoMinutes: 30, ttrMinutes: 240 }],
    });
    expect(ola.body.levelClocks).toEqual([{ level: 2, ttoMinutes: 30, ttrMinutes: 240 }]);
    const noCalendar = await post('/api/v1/slas', { name: 'x', calendar: 999_999, ttoMinutes: 1, ttrMinutes: 1 });
    expect(Object.keys(noCalendar.body.error.details.fields)).toEqual(['calendar']);
  });

  it('holds each new ticket to the most specific matching SLA, or the one chosen by hand, with explainable clocks', async () => {
    const category = await desk.stack.newCategory();
    const calendar = (await post('/api/v1/calendars', office)).body;
    const sla = async (body: object) => (await post('/api/v1/slas', { calendar: calendar.id, ...body })).body.id as number;
    const general = await sla({ name: 'Catégorie', match: { category }, ttoMinutes: 60, ttrMinutes: 480 });
    const urgent = await sla({ name: 'Catégorie, P5', match: { category, priority: [5] }, ttoMinutes: 15, ttrMinutes: 120 });
    const file = async (extra: object) =>
      (
        await desk.stack.call('POST', '/api/v1/tickets', {
          token: desk.alice.token,
          body: {
            title: 'Téléphone de la caisse 23 hors service',
            description: 'Plus de tonalité.',
            type: 'incident',
            urgency: 3,
            impact: 3,
            category,
            ...extra,
          },
        })
      ).body;

    const normal = await file({});
    const ttoDue = addWorkingMinutes(BusinessCalendar.parse(office), new Date(normal.openedAt), 60).toISOString();
    expect(normal.sla).toEqual({ ttoDue, ttrDue: expect.any(String), ttoBreached: false, ttrBreached: false });
    const critical = await file({ urgency: 5, impact: 5 });
    const clocks = await desk.stack.call('GET', `/api/v1/tickets/${critical.id}/sla`, { token: desk.tech1.token });
    expect(clocks.body).toMatchObject({
      sla: urgent,
      calendar: { timezone: 'Europe/Paris' },
      tto: { breached: false },
      ttr: { leftMinutes: 120 },
    });
    expect(clocks.body.ledger).toEqual([
      expect.objectContaining({ clock: 'tto', state: 'running', from: critical.openedAt, to: null }),
      expect.objectContaining({ clock: 'ttr', state: 'running', from: critical.openedAt, to: null }),
    ]);
    for (const entry of clocks.body.ledger) expect(entry.workingMinutes).toBeLessThanOrEqual(entry.minutes);
    expect(clocks.body.waitingMinutes).toBe(0);
    const raised = await desk.stack.call('PATCH', `/api/v1/tickets/${normal.id}`, { token: desk.tech1.token, body: { priority: 5 } });
    expect(raised.status).toBe(200);
    expect((await desk.stack.call('GET', `/api/v1/tickets/${normal.id}/sla`, { token: desk.tech1.token })).body.sla).toBe(urgent);
    const byHand = await file({ urgency: 5, impact: 5, slaPolicy: general });
    await desk.stack.call('PATCH', `/api/v1/tickets/${byHand.id}`, { token: desk.tech1.token, body: { priority: 4 } });
    expect((await desk.stack.call('GET', `/api/v1/tickets/${byHand.id}/sla`, { token: desk.tech1.token })).body.sla).toBe(general);
    const unknown = await desk.stack.call('POST', '/api/v1/tickets', {
      token: desk.alice.token,
      body: { title: 'x', description: 'y', type: 'incident', urgency: 1, impact: 1, slaPolicy: 999_999 },
    });
    expect(Object.keys(unknown.body.error.details.fields)).toEqual(['slaPolicy']);

    await desk.stack.call('POST', `/api/v1/tickets/${critical.id}/actions/assign`, { token: desk.tech1.token, body: {} });
    const pended = await desk.stack.call('POST', `/api/v1/tickets/${critical.id}/actions/pend`, {
      token: desk.tech1.token,
      body: { reason: 'Pièce commandée' },
    });
    expect(pended.body.sla.ttrDue).toBeNull();
    const paused = await desk.stack.call('GET', `/api/v1/tickets/${critical.id}/sla`, { token: desk.tech1.token });
    expect(paused.body.tto.metAt).not.toBeNull();
    expect(paused.body.ledger.at(-1)).toMatchObject({ clock: 'ttr', state: 'paused', reason: 'pending', to: null });
    const unbreached = await desk.stack.call('GET', `/api/v1/tickets?category=${category}&slaBreached=false`, { token: desk.tech1.token });
    expect(unbreached.body.items).toHaveLength(3);

    await desk.stack.call('POST', `/api/v1/tickets/${normal.id}/actions/resolve`, {
      token: desk.tech1.token,
      body: { solution: 'Combiné remplacé' },
    });
    // The warehouse counts the resolution and judges it against its SLA as the events arrive: wait for both.
    const summary = await eventually(async () => {
      const response = await desk.stack.call('GET', `/api/v1/kpis/summary?category=${category}`, { token: desk.manager.token });
      return response.body.resolved === 1 && response.body.slaCompliance !== null ? response.body : undefined;
    });
    expect(summary.slaCompliance).toBe(1);
  });

  it('recomputes open tickets after an SLA changes: a dry run reports, the real run moves their clocks', async () => {
    const category = await desk.stack.newCategory();
    const calendar = (await post('/api/v1/calendars', office)).body;
    const sla = (
      await post('/api/v1/slas', { name: 'Recalcul', calendar: calendar.id, match: { category }, ttoMinutes: 60, ttrMinutes: 480 })
    ).body;
    const ticket = (
      await desk.stack.call('POST', '/api/v1/tickets', {
        token: desk.alice.token,
        body: { title: 'Disque dur plein', description: 'Plus de place.', type: 'incident', urgency: 2, impact: 2, category },
      })
    ).body;
    const patch = (path: string, body: object) => desk.stack.call('PATCH', path, { token: admin.token, body });
    expect((await patch(`/api/v1/slas/${sla.id}`, { ttrMinutes: 960 })).body.ttrMinutes).toBe(960);
    expect((await patch('/api/v1/slas/999999', { ttrMinutes: 960 })).status).toBe(404);
    expect((await patch(`/api/v1/calendars/${calendar.id}`, { timezone: 'Lune' })).status).toBe(400);
    // Renaming a calendar leaves its holidays as they were.
    const renamed = await patch(`/api/v1/calendars/${calendar.id}`, { name: 'Siège (Paris)' });
    expect(renamed.body).toMatchObject({ name: 'Siège (Paris)', holidays: office.holidays });
    const clocksOf = async () => (await desk.stack.call('GET', `/api/v1/tickets/${ticket.id}/sla`, { token: desk.tech1.token })).body;
    expect((await clocksOf()).ttr.due).toBe(ticket.sla.ttrDue);

    const dry = await post(`/api/v1/slas/${sla.id}/recompute`, {});
    expect(dry.status).toBe(200);
    const [item] = dry.body.tickets;
    expect(item).toMatchObject({ ticket: ticket.id, applied: false, ttrDue: { from: ticket.sla.ttrDue }, missedLevels: [] });
    const moved = workingMinutesBetween(BusinessCalendar.parse(office), new Date(item.ttrDue.from), new Date(item.ttrDue.to));
    expect(moved).toBeCloseTo(480, 0);
    expect((await clocksOf()).ttr.due).toBe(ticket.sla.ttrDue);

    const applied = await post(`/api/v1/slas/${sla.id}/recompute`, { dryRun: false });
    expect(applied.body.tickets[0].applied).toBe(true);
    const after = await clocksOf();
    expect(Math.abs(Date.parse(after.ttr.due) - Date.parse(item.ttrDue.to))).toBeLessThan(60_000);
    const history = await desk.stack.call('GET', `/api/v1/tickets/${ticket.id}/history`, { token: desk.tech1.token });
    expect(history.body.items.at(-1)).toMatchObject({ action: 'sla_change', data: { from: sla.id, to: sla.id, reason: 'terms_changed' } });
    expect((await post(`/api/v1/slas/${sla.id}/recompute`, {}, desk.tech1)).status).toBe(403);
  });

  it("meets the time to own with a technician's first followup, before anyone is assigned", async () => {
    const category = await desk.stack.newCategory();
    const calendar = (await post('/api/v1/calendars', office)).body;
    await post('/api/v1/slas', { name: 'Prise en compte', calendar: calendar.id, match: { category }, ttoMinutes: 60, ttrMinutes: 480 });
    const ticket = (
      await desk.stack.call('POST', '/api/v1/tickets', {
        token: desk.alice.token,
        body: {
          title: 'Souris qui ne répond plus',
          description: 'Ni sur USB ni en Bluetooth.',
          type: 'incident',
          urgency: 2,
          impact: 1,
          category,
        },
      })
    ).body;
    await desk.stack.call('POST', `/api/v1/tickets/${ticket.id}/followups`, {
      token: desk.alice.token,
      body: { content: 'Toujours rien.' },
    });
    expect((await desk.stack.call('GET', `/api/v1/tickets/${ticket.id}/sla`, { token: desk.tech1.token })).body.tto.metAt).toBeNull();
    await desk.stack.call('POST', `/api/v1/tickets/${ticket.id}/followups`, {
      token: desk.tech1.token,
      body: { content: 'Essayez une autre prise USB.' },
    });
    const clocks = (await desk.stack.call('GET', `/api/v1/tickets/${ticket.id}/sla`, { token: desk.tech1.token })).body;
    expect(clocks.tto.metAt).not.toBeNull();
    const read = await desk.stack.call('GET', `/api/v1/tickets/${ticket.id}`, { token: desk.tech1.token });
    expect(read.body).toMatchObject({ status: 'new', takenIntoAccountAt: clocks.tto.metAt });
    const history = await desk.stack.call('GET', `/api/v1/tickets/${ticket.id}/history`, { token: desk.tech1.token });
    expect(history.body.items.at(-1)).toMatchObject({ action: 'taken_into_account', data: { by: desk.tech1.id } });
  });
});
