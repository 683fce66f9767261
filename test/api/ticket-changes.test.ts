import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ relay: false });
});
afterAll(async () => stack?.close());

interface Listener {
  events: { event: string; data: { ticket?: number; kinds?: string[] } }[];
  ready: Promise<void>;
  stop: () => void;
}

// Reads the change stream as a client would, collecting its events.
function listen(user: TestUser, query = ''): Listener {
  const stopped = new AbortController();
  const events: Listener['events'] = [];
  const ready = (async () => {
    const response = await fetch(`${stack.baseUrl}/api/v1/tickets/changes${query}`, {
      headers: { authorization: `Bearer ${user.token}` },
      signal: stopped.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let opened: () => void = () => undefined;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += decoder.decode(value, { stream: true });
        for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
          const frame = text.slice(0, end);
          text = text.slice(end + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (event) events.push({ event, data: data ? JSON.parse(data) : {} });
          if (event === 'ready') opened();
        }
      }
    })();
    await isOpen;
  })();
  return { events, ready, stop: () => stopped.abort() };
}

const newTicket = async (user: TestUser): Promise<number> =>
  (
    await stack.call('POST', '/api/v1/tickets', {
      token: user.token,
      body: { title: 'Badge refusé à l’entrée', description: 'Depuis lundi.', type: 'incident', urgency: 3, impact: 2 },
    })
  ).body.id as number;

// Heard by the listener: an event about `ticket` of this kind.
const heard = (listener: Listener, ticket: number, kind: string) =>
  eventually(async () => (listener.events.some((e) => e.data.ticket === ticket && e.data.kinds?.includes(kind)) ? true : undefined));

describe('the ticket change stream', () => {
  it("tells each user, within 2 s, of the changes to the tickets they may see, and of no one else's", async () => {
    const alice = await stack.userWith('requester');
    const bob = await stack.userWith('requester');
    const technician = await stack.userWith('technician', 'N1');
    const [ofAlice, ofBob, ofDesk] = [listen(alice), listen(bob), listen(technician)];
    await Promise.all([ofAlice.ready, ofBob.ready, ofDesk.ready]);

    const ticket = await newTicket(alice);
    await stack.call('POST', `/api/v1/tickets/${ticket}/followups`, { token: technician.token, body: { content: 'Je regarde.' } });
    // From the followup's answer to the requester hearing of it: well within the 2 s pages allow themselves.
    const started = Date.now();
    while (!ofAlice.events.some((e) => e.data.ticket === ticket && e.data.kinds?.includes('followup')) && Date.now() - started < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(Date.now() - started).toBeLessThan(2000);
    await stack.call('POST', `/api/v1/tickets/${ticket}/actions/assign`, { token: technician.token, body: {} });
    await Promise.all([heard(ofAlice, ticket, 'event'), heard(ofDesk, ticket, 'event')]);
    // Changes are told in order: once Bob hears of his own later ticket, he would have heard of Alice's.
    await heard(ofBob, await newTicket(bob), 'event');

    const told = (listener: Listener) => listener.events.filter((e) => e.event === 'ticket' && e.data.ticket === ticket);
    expect(told(ofAlice).flatMap((e) => e.data.kinds)).toEqual(expect.arrayContaining(['event', 'followup']));
    expect(told(ofDesk).length).toBeGreaterThan(0);
    expect(told(ofBob)).toEqual([]);
    for (const listener of [ofAlice, ofBob, ofDesk]) listener.stop();
  });

  it('follows one ticket when asked', async () => {
    const alice = await stack.userWith('requester');
    const [first, second] = [await newTicket(alice), await newTicket(alice)];
    const ofFirst = listen(alice, `?ticket=${first}`);
    await ofFirst.ready;
    await stack.call('POST', `/api/v1/tickets/${second}/followups`, { token: alice.token, body: { content: 'Toujours bloqué.' } });
    await stack.call('POST', `/api/v1/tickets/${first}/followups`, { token: alice.token, body: { content: 'Toujours bloqué.' } });
    // Changes are told in order: once the later one is heard, the earlier one would have been.
    await heard(ofFirst, first, 'followup');
    expect(new Set(ofFirst.events.filter((e) => e.event === 'ticket').map((e) => e.data.ticket))).toEqual(new Set([first]));
    ofFirst.stop();
  });
});
