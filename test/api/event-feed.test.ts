import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFollowup } from '../../tickets/followup.repository';
import { eventually, startDesk, type Desk, type TestUser } from '../support/stack';

let desk: Desk;

beforeAll(async () => {
  desk = await startDesk({ relay: false });
});
afterAll(async () => desk?.stack.close());

interface FeedItem {
  ticketId: number;
  seq: number | null;
  type: string;
  at: string;
  actor: number | null;
  data: Record<string, unknown>;
}
interface FeedPage {
  items: FeedItem[];
  nextCursor: string;
}

const feed = async (user: TestUser, query: string): Promise<FeedPage> => {
  const answer = await desk.stack.call<FeedPage>('GET', `/api/v1/events?${query}`, { token: user.token });
  expect(answer.status).toBe(200);
  return answer.body;
};

/** Every item after `after`, read page by page as an integration would, with the cursor it ends on. */
async function readAll(user: TestUser, after: string, limit: number): Promise<{ items: FeedItem[]; cursor: string }> {
  const items: FeedItem[] = [];
  let cursor = after;
  for (;;) {
    const page = await feed(user, `after=${cursor}&limit=${limit}`);
    items.push(...page.items);
    if (page.items.length === 0) return { items, cursor };
    cursor = page.nextCursor;
  }
}

async function fileTicket(user: TestUser, title: string): Promise<number> {
  const created = await desk.stack.call('POST', '/api/v1/tickets', {
    token: user.token,
    body: { title, description: 'Depuis ce matin.', type: 'incident', urgency: 3, impact: 2 },
  });
  expect(created.status).toBe(201);
  return created.body.id as number;
}

const post = (user: TestUser, path: string, body: object) => desk.stack.call('POST', path, { token: user.token, body });

// A requester of their own: their feed holds their tickets only, whatever other tests write.
const newRequester = () => desk.stack.userWith('requester');

describe('GET /api/v1/events', () => {
  it('gives a requester every event, followup and task of their tickets in order, once across pages, and never a private followup', async () => {
    const requester = await newRequester();
    const start = (await feed(requester, 'after=latest')).nextCursor;
    const id = await fileTicket(requester, 'Imprimante du 3e hors ligne');
    expect((await post(desk.tech1, `/api/v1/tickets/${id}/actions/assign`, {})).status).toBeLessThan(300);
    await post(desk.tech1, `/api/v1/tickets/${id}/followups`, { content: 'Je regarde le câble réseau.' });
    await post(desk.tech1, `/api/v1/tickets/${id}/followups`, { content: 'Port du switch mort', private: true });
    await post(desk.tech1, `/api/v1/tickets/${id}/tasks`, { content: 'Changer de port', durationMinutes: 10 });
    await post(requester, `/api/v1/tickets/${id}/followups`, { content: 'Merci !' });
    const history = await eventually(async () => {
      const answer = await desk.stack.call('GET', `/api/v1/tickets/${id}/history`, { token: requester.token });
      return answer.body.items.length >= 2 ? answer.body.items : undefined;
    });

    const whole = await readAll(requester, start, 500);
    expect(whole.items.map((item) => [item.ticketId, item.type, item.actor])).toEqual([
      [id, 'ticket.created', requester.id],
      [id, 'ticket.transitioned', desk.tech1.id],
      [id, 'ticket.followup_added', desk.tech1.id],
      [id, 'ticket.task_added', desk.tech1.id],
      [id, 'ticket.followup_added', requester.id],
    ]);
    expect(whole.items.slice(0, 2).map((item) => [item.seq, item.data.action, item.data.to])).toEqual(
      history.slice(0, 2).map((event: { seq: number; action: string; to: string }) => [event.seq, event.action, event.to]),
    );
    expect(whole.items.map((item) => item.data.content).filter(Boolean)).toEqual([
      'Je regarde le câble réseau.',
      'Changer de port',
      'Merci !',
    ]);

    // Two at a time, each item comes once; from any cursor given, the rest follows.
    const paged = await readAll(requester, start, 2);
    expect(paged.items).toEqual(whole.items);
    const firstTwo = await feed(requester, `after=${start}&limit=2`);
    expect((await readAll(requester, firstTwo.nextCursor, 500)).items).toEqual(whole.items.slice(2));

    // The desk sees the private followup too.
    const desks = await readAll(desk.tech1, start, 500);
    expect(desks.items.filter((item) => item.ticketId === id).map((item) => item.data.content ?? item.type)).toEqual([
      'ticket.created',
      'ticket.transitioned',
      'Je regarde le câble réseau.',
      'Port du switch mort',
      'Changer de port',
      'Merci !',
    ]);
  });

  it('places a change committed late after those committed before it, so a reader resuming from its cursor still gets it', async () => {
    const requester = await newRequester();
    const [early, late] = [await fileTicket(requester, 'Écran qui clignote'), await fileTicket(requester, 'Souris sans fil')];
    const start = (await feed(requester, 'after=latest')).nextCursor;
    // Written first, committed last: its row's id comes before the other's.
    const slow = await desk.stack.sequelize.transaction();
    await createFollowup({ ticketId: early, authorId: requester.id, content: 'Écrit en premier', private: false }, slow);
    await createFollowup({ ticketId: late, authorId: requester.id, content: 'Validé en premier', private: false });
    const seen = await feed(requester, `after=${start}`);
    expect(seen.items.map((item) => item.data.content)).toEqual(['Validé en premier']);
    await slow.commit();
    const resumed = await feed(requester, `after=${seen.nextCursor}`);
    expect(resumed.items.map((item) => item.data.content)).toEqual(['Écrit en premier']);
  });

  it('gives each of 200 followups written concurrently exactly once, in order per ticket, to a reader paging by 7 meanwhile', async () => {
    const requester = await newRequester();
    const tickets = await Promise.all(Array.from({ length: 10 }, (_, index) => fileTicket(requester, `Poste ${index} lent`)));
    const start = (await feed(requester, 'after=latest')).nextCursor;
    // Ten writers at once, each adding twenty followups to its ticket one after the other.
    const writing = Promise.all(
      tickets.map(async (ticket) => {
        for (let n = 1; n <= 20; n += 1) {
          const added = await post(requester, `/api/v1/tickets/${ticket}/followups`, { content: `${ticket}:${n}` });
          expect(added.status).toBe(201);
        }
      }),
    );
    const seen: FeedItem[] = [];
    let cursor = start;
    const deadline = Date.now() + 60_000;
    while (seen.filter((item) => item.type === 'ticket.followup_added').length < 200 && Date.now() < deadline) {
      const page = await feed(requester, `after=${cursor}&limit=7`);
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    await writing;
    const followups = seen.filter((item) => item.type === 'ticket.followup_added').map((item) => String(item.data.content));
    expect(followups).toHaveLength(200);
    expect(new Set(followups).size).toBe(200);
    for (const ticket of tickets) {
      const mine = followups.filter((content) => content.startsWith(`${ticket}:`));
      expect(mine).toEqual(Array.from({ length: 20 }, (_, index) => `${ticket}:${index + 1}`));
    }
    // Nothing more comes after: every one was given once.
    expect((await feed(requester, `after=${cursor}`)).items.filter((item) => item.type === 'ticket.followup_added')).toEqual([]);
  });

  it('answers the current end for after=latest, and holds a waiting request until the next event comes', async () => {
    const requester = await newRequester();
    const id = await fileTicket(requester, 'Clavier qui double les lettres');
    const end = (await feed(requester, 'after=latest')).nextCursor;
    expect((await feed(requester, `after=${end}`)).items).toEqual([]);
    const held = feed(requester, `after=${end}&wait=20`);
    const sent = Date.now();
    await post(requester, `/api/v1/tickets/${id}/followups`, { content: 'Le clavier de rechange marche.' });
    const page = await held;
    expect(page.items.map((item) => [item.ticketId, item.type, item.data.content])).toEqual([
      [id, 'ticket.followup_added', 'Le clavier de rechange marche.'],
    ]);
    expect(Date.now() - sent).toBeLessThan(15_000);
    // With nothing new, a short wait ends with an empty page and the same cursor.
    expect(await feed(requester, `after=${page.nextCursor}&wait=1`)).toEqual({ items: [], nextCursor: page.nextCursor });
  });

  it('names the field of a malformed cursor, limit or wait', async () => {
    for (const [query, field] of [
      ['after=yesterday', 'after'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['wait=31', 'wait'],
    ]) {
      const answer = await desk.stack.call('GET', `/api/v1/events?${query}`, { token: desk.alice.token });
      expect(answer.status).toBe(400);
      expect(Object.keys(answer.body.error.details.fields)).toEqual([field]);
    }
  });
});
