import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startDesk, type Desk } from '../support/stack';

let desk: Desk;

beforeAll(async () => {
  desk = await startDesk();
});
afterAll(async () => desk?.stack.close());

async function file(category: number, urgency: number, impact: number): Promise<number> {
  const created = await desk.stack.call('POST', '/api/v1/tickets', {
    token: desk.alice.token,
    body: {
      title: 'Erreur de calcul du prix de vente',
      description: 'Remise appliquée deux fois.',
      type: 'incident',
      urgency,
      impact,
      category,
    },
  });
  return created.body.id;
}
const act = (id: number, action: string, body: object = {}) =>
  desk.stack.call('POST', `/api/v1/tickets/${id}/actions/${action}`, { token: desk.tech1.token, body });
const get = (path: string) => desk.stack.call('GET', path, { token: desk.manager.token });

describe('KPI time series and breakdowns', () => {
  it('counts tickets per day and per dimension from the streamed events, also as CSV', async () => {
    const category = await desk.stack.newCategory();
    const [low, high, other] = [await file(category, 1, 1), await file(category, 5, 5), await file(category, 5, 5)];
    await act(low, 'assign');
    await act(low, 'resolve', { solution: 'Remise corrigée' });
    await act(high, 'assign');
    await act(high, 'escalate', { reason: 'Moteur de prix' });
    await act(high, 'resolve', { solution: 'Correctif du moteur de prix' });
    expect(other).toBeGreaterThan(0);

    const today = `${new Date().toISOString().slice(0, 10)}T00:00:00Z`;
    const resolved = await eventually(async () => {
      const response = await get(`/api/v1/kpis/timeseries?metric=resolved&interval=day&category=${category}`);
      return response.body.points?.at(-1)?.value === 2 ? response.body : undefined;
    });
    // Every day of the period is there, from 30 days ago to today; only today counts.
    expect(resolved.points).toHaveLength(31);
    expect(resolved.points.at(-1)).toEqual({ at: today, value: 2 });
    expect(resolved.points.slice(0, -1).every((p: { value: number }) => p.value === 0)).toBe(true);
    const created = await get(`/api/v1/kpis/timeseries?metric=created&interval=month&category=${category}`);
    expect(created.body.points.at(-1)).toEqual({ at: `${today.slice(0, 8)}01T00:00:00Z`, value: 3 });
    const escalated = await get(`/api/v1/kpis/timeseries?metric=escalated&category=${category}`);
    expect(escalated.body.points.map((p: { value: number }) => p.value).filter((v: number) => v > 0)).toEqual([1]);
    const backlog = await get(`/api/v1/kpis/timeseries?metric=backlog&category=${category}`);
    expect(backlog.body.points.at(-1).value).toBe(1);
    const mttr = await get(`/api/v1/kpis/timeseries?metric=mttrSeconds&category=${category}`);
    expect(mttr.body.points.at(-1).value).toBeGreaterThanOrEqual(0);
    expect(mttr.body.points[0].value).toBeNull();

    const byPriority = await get(`/api/v1/kpis/breakdown?metric=created&by=priority&category=${category}`);
    expect(byPriority.body.items).toEqual([
      { key: '5', value: 2 },
      { key: '1', value: 1 },
    ]);
    const csv = await fetch(`${desk.stack.baseUrl}/api/v1/kpis/breakdown.csv?metric=created&by=priority&category=${category}`, {
      headers: { authorization: `Bearer ${desk.manager.token}` },
    });
    expect(await csv.text()).toBe('priority,created\n5,2\n1,1\n');
  });

  it('refuses requesters and names a bad metric or interval', async () => {
    expect((await desk.stack.call('GET', '/api/v1/kpis/timeseries?metric=created', { token: desk.alice.token })).status).toBe(403);
    const bad = await get('/api/v1/kpis/timeseries?metric=happiness&interval=decade');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['interval', 'metric']);
  });
});
