import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRow } from '../../users/user.models';
import { DAY_MS } from '../../core/durations';
import { createSatisfactionService } from '../../tickets/satisfaction.service';
import { eventually, startDesk, type Desk, type TestUser } from '../support/stack';
import { currentUserOf } from '../../users/current-user.repository';

let desk: Desk;

beforeAll(async () => {
  desk = await startDesk();
});
afterAll(async () => desk?.stack.close());

const act = (user: TestUser, id: number, action: string, body: object = {}) =>
  desk.stack.call('POST', `/api/v1/tickets/${id}/actions/${action}`, { token: user.token, body });
const answer = (user: TestUser, id: number, body: object) =>
  desk.stack.call('POST', `/api/v1/tickets/${id}/satisfaction`, { token: user.token, body });

async function resolvedTicket(category: number): Promise<number> {
  const created = await desk.stack.call('POST', '/api/v1/tickets', {
    token: desk.alice.token,
    body: {
      title: 'Restaurer un e-mail supprimé',
      description: 'Un e-mail client supprimé hier.',
      type: 'request',
      urgency: 2,
      impact: 1,
      category,
    },
  });
  await act(desk.tech1, created.body.id, 'assign');
  await act(desk.tech1, created.body.id, 'resolve', { solution: 'E-mail restauré depuis la corbeille du serveur' });
  return created.body.id;
}

describe('POST /api/v1/tickets/:id/satisfaction', () => {
  it('lets the requester rate a closed ticket once, and streams the rating to the KPIs', async () => {
    const category = await desk.stack.newCategory();
    const id = await resolvedTicket(category);
    const early = await answer(desk.alice, id, { rating: 5 });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('ticket_not_closed');
    await act(desk.alice, id, 'accept_solution');

    expect((await answer(desk.tech1, id, { rating: 5 })).status).toBe(403);
    const invalid = await answer(desk.alice, id, { rating: 6 });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.error.details.fields)).toEqual(['rating']);
    expect((await desk.stack.call('GET', `/api/v1/tickets/${id}/satisfaction`, { token: desk.alice.token })).status).toBe(404);

    const answered = await answer(desk.alice, id, { rating: 4, comment: 'Rapide et efficace' });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ ticket: id, rating: 4, comment: 'Rapide et efficace' });
    const again = await answer(desk.alice, id, { rating: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('survey_answered');
    const read = await desk.stack.call('GET', `/api/v1/tickets/${id}/satisfaction`, { token: desk.tech1.token });
    expect(read.body).toEqual(answered.body);

    const history = await desk.stack.call('GET', `/api/v1/tickets/${id}/history`, { token: desk.tech1.token });
    expect(history.body.items.at(-1)).toMatchObject({ action: 'satisfaction', actor: desk.alice.id, data: { rating: 4 } });

    const second = await resolvedTicket(category);
    await act(desk.alice, second, 'accept_solution');
    await answer(desk.alice, second, { rating: 1 });
    const summary = await eventually(async () => {
      const response = await desk.stack.call('GET', `/api/v1/kpis/summary?category=${category}`, { token: desk.manager.token });
      // The two closings and the two ratings reach the warehouse as separate events: wait for all four.
      return response.body.closed === 2 && response.body.satisfaction === 2.5 ? response.body : undefined;
    });
    expect(summary).toMatchObject({ closed: 2, satisfaction: 2.5 });
  });

  it('closes the survey after the configured period', async () => {
    const id = await resolvedTicket(await desk.stack.newCategory());
    await act(desk.alice, id, 'accept_solution');
    // The same service a day and a second after the ticket closed, for a survey open one day.
    const dayAndSecondLater = () => new Date(Date.now() + DAY_MS + 1_000);
    const lateSurvey = createSatisfactionService({ sequelize: desk.stack.sequelize, answerWithinDays: 1, clock: dayAndSecondLater });
    const alice = await currentUserOf(await UserRow.findByPk(desk.alice.id, { rejectOnEmpty: true }));
    await expect(lateSurvey.answer(alice, id, { rating: 5 })).rejects.toMatchObject({ code: 'survey_expired' });
    // On time, the same answer is taken.
    const onTime = createSatisfactionService({ sequelize: desk.stack.sequelize, answerWithinDays: 1 });
    await expect(onTime.answer(alice, id, { rating: 5 })).resolves.toMatchObject({ rating: 5 });
  });
});
