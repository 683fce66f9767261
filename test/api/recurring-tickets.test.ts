// Recurring tickets through the API, run by Temporal schedules: the next occurrences fall where the
// time zone's clock says, each occurrence files one ticket however often it runs, none while paused.
import { randomUUID } from 'node:crypto';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let admin: TestUser;
let requester: TestUser;
let category: number;
const tag = randomUUID().slice(0, 6);
const PARIS = 'Europe/Paris';

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.userWith('admin');
  requester = await stack.userWith('requester', undefined, { name: 'Service comptable' });
  category = await stack.newCategory();
});
afterAll(async () => stack?.close());

const call = (method: string, path: string, token: string, body?: object) => stack.call(method, path, { token, body });
const inParis = (at: string) => DateTime.fromISO(at).setZone(PARIS);
const ticket = (title: string) => ({
  title,
  description: 'Vérifier le rapport de la nuit.',
  type: 'request',
  urgency: 3,
  impact: 3,
  category,
  requester: requester.id,
});

/** The tickets filed with `title`, by number. */
const ticketsTitled = async (title: string): Promise<number[]> => {
  const list = await call('GET', `/api/v1/tickets?category=${category}&limit=100`, admin.token);
  return (list.body.items as { id: number; title: string }[])
    .filter((item) => item.title === title)
    .map((item) => item.id)
    .sort();
};

/** Runs every occurrence of the recurring ticket's schedule between these times now, as a server back after a stop would. */
async function runOccurrences(id: number, start: DateTime, end: DateTime): Promise<void> {
  await stack.temporal.schedule
    .getHandle(`recurring-ticket-${id}`)
    .backfill({ start: start.toJSDate(), end: end.toJSDate(), overlap: ScheduleOverlapPolicy.ALLOW_ALL });
}

/** The outcomes (ticket numbers, or null) of the schedule's finished runs, once there are `count`. */
async function finishedRuns(id: number, count: number): Promise<(number | null)[]> {
  return eventually(async () => {
    const runs = [];
    for await (const run of stack.temporal.workflow.list({
      query: `TemporalScheduledById = 'recurring-ticket-${id}' AND ExecutionStatus = 'Completed'`,
    }))
      runs.push(run.workflowId);
    if (runs.length < count) return undefined;
    return Promise.all(runs.map((workflowId) => stack.temporal.workflow.getHandle(workflowId).result() as Promise<number | null>));
  }, 30_000);
}

describe('recurring tickets', () => {
  it('file one ticket per weekday at 08:00 in their time zone, never twice for an occurrence, and none while paused', async () => {
    const title = `Contrôle des sauvegardes ${tag}`;
    const created = await call('POST', '/api/v1/recurring-tickets', admin.token, {
      name: `Sauvegardes ${tag}`,
      ticket: ticket(title),
      schedule: { every: 'week', days: ['mon', 'tue', 'wed', 'thu', 'fri'], time: '08:00' },
      timezone: PARIS,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as number;
    expect(created.body.nextOccurrences.length).toBeGreaterThan(0);
    for (const at of created.body.nextOccurrences as string[]) {
      expect(inParis(at).weekday).toBeLessThanOrEqual(5);
      expect(inParis(at).toFormat('HH:mm')).toBe('08:00');
    }

    // Last week, Monday to Sunday: five working days, five tickets.
    const monday = DateTime.now().setZone(PARIS).startOf('week').minus({ weeks: 1 });
    await runOccurrences(id, monday, monday.plus({ weeks: 1 }));
    const firstRuns = await finishedRuns(id, 5);
    const filed = await ticketsTitled(title);
    expect(filed).toHaveLength(5);
    expect([...firstRuns].sort()).toEqual(filed);
    const opened = await Promise.all(filed.map(async (n) => (await call('GET', `/api/v1/tickets/${n}`, admin.token)).body));
    expect(opened.map((one) => one.requester)).toEqual(filed.map(() => requester.id));

    // The same week once more: each occurrence runs again, and files nothing new.
    await runOccurrences(id, monday, monday.plus({ weeks: 1 }));
    const again = await finishedRuns(id, 10);
    expect(new Set(again)).toEqual(new Set(filed));
    expect(await ticketsTitled(title)).toEqual(filed);

    // Paused: no next occurrence, and a week of occurrences files nothing.
    const paused = await call('POST', `/api/v1/recurring-tickets/${id}/pause`, admin.token);
    expect(paused.body).toMatchObject({ paused: true, nextOccurrences: [] });
    const before = monday.minus({ weeks: 1 });
    await runOccurrences(id, before, monday);
    const whilePaused = await finishedRuns(id, 15);
    expect(whilePaused.filter((outcome) => outcome === null)).toHaveLength(5);
    expect(await ticketsTitled(title)).toEqual(filed);
    const resumed = await call('POST', `/api/v1/recurring-tickets/${id}/resume`, admin.token);
    expect(resumed.body.paused).toBe(false);
    expect(resumed.body.nextOccurrences.length).toBeGreaterThan(0);
  });

  it('plan the first day of each month and every N days from a date, and refuse what they could not file, naming it', async () => {
    const monthly = await call('POST', '/api/v1/recurring-tickets', admin.token, {
      name: `Inventaire ${tag}`,
      ticket: ticket(`Inventaire mensuel ${tag}`),
      schedule: { every: 'month', day: 1, time: '09:30' },
      timezone: PARIS,
    });
    expect(monthly.status).toBe(201);
    for (const at of monthly.body.nextOccurrences as string[]) expect(inParis(at).toFormat('dd HH:mm')).toBe('01 09:30');

    const from = DateTime.now().setZone(PARIS).plus({ days: 2 }).toISODate()!;
    const everyThree = await call('POST', '/api/v1/recurring-tickets', admin.token, {
      name: `Badges ${tag}`,
      ticket: ticket(`Purge des badges ${tag}`),
      schedule: { every: 'days', interval: 3, time: '07:00', from },
      timezone: PARIS,
    });
    expect(everyThree.status).toBe(201);
    const next = (everyThree.body.nextOccurrences as string[]).map(inParis);
    expect(next[0]!.toISODate()).toBe(from);
    expect(next[0]!.toFormat('HH:mm')).toBe('07:00');
    for (let i = 1; i < next.length; i += 1) expect(next[i]!.diff(next[i - 1]!, 'hours').hours).toBe(72);

    const refusals = [
      [{ schedule: { every: 'week', days: ['mon'], time: '25:00' } }, 'schedule.time'],
      [{ timezone: 'Europe/Lutece' }, 'timezone'],
      [{ ticket: { ...ticket('x'), category: 999_999 } }, 'ticket.category'],
    ] as const;
    for (const [change, field] of refusals) {
      const refused = await call('PATCH', `/api/v1/recurring-tickets/${monthly.body.id}`, admin.token, change);
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.error.details.fields)).toEqual([field]);
    }
    const technician = await stack.userWith('technician', 'N1');
    expect((await call('GET', '/api/v1/recurring-tickets', technician.token)).status).toBe(403);

    expect((await call('DELETE', `/api/v1/recurring-tickets/${everyThree.body.id}`, admin.token)).status).toBe(200);
    expect((await call('GET', `/api/v1/recurring-tickets/${everyThree.body.id}`, admin.token)).status).toBe(404);
    await expect(stack.temporal.schedule.getHandle(`recurring-ticket-${everyThree.body.id}`).describe()).rejects.toThrow();
  });
});
