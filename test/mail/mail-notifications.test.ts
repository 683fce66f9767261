// Notifications by e-mail, read back over IMAP from the requester's own mailbox on the real mail
// server: the acknowledgement threads with her message, her reply to it threads back, and what
// is private stays with the desk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestMailbox, freshAddress, inboxOf, sendMail, userWithMailbox, type ReceivedMail } from '../support/mail';
import { eventually, startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let admin: TestUser;
let tech: TestUser;
let alice: TestUser;
let aliceAddress: string;
let techAddress: string;
let desk: string;
const ALWAYS = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]]));

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.userWith('admin');
  const technician = await userWithMailbox(stack, 'technician', 'N1');
  const requester = await userWithMailbox(stack, 'requester', undefined, 'Alice Martin');
  [tech, techAddress, alice, aliceAddress] = [technician, technician.address, requester, requester.address];
  desk = freshAddress('support');
  await addTestMailbox(stack, admin, desk);
}, 120_000);
afterAll(async () => stack?.close());

/** The notices about ticket `id` in the inbox of `address` (their kind, after the dash) once there are `count`. */
async function noticesAbout(address: string, id: number, count: number): Promise<{ kinds: string[]; inbox: ReceivedMail[] }> {
  return eventually(async () => {
    const inbox = await inboxOf(address);
    const about = inbox.filter((mail) => mail.subject.startsWith(`[guichet #${id}]`));
    // The mail server delivers in parallel: their order in the mailbox is not the order they were sent.
    return about.length >= count ? { kinds: about.map((mail) => mail.subject.split(' — ')[1]!).sort(), inbox: about } : undefined;
  }, 30_000);
}

async function fileByMail(subject: string, text: string): Promise<{ id: number; messageId: string }> {
  const messageId = await sendMail({ from: `Alice Martin <${aliceAddress}>`, to: desk, subject, text });
  const id = await eventually(async () => {
    const report = await stack.call('GET', '/api/v1/mailboxes', { token: admin.token });
    const mailbox = report.body.items.find((item: { address: string }) => item.address === desk);
    const collected = await stack.call('GET', `/api/v1/mailboxes/${mailbox.id}/report`, { token: admin.token });
    return collected.body.messages.find((message: { messageId: string }) => message.messageId === messageId)?.ticket as number | undefined;
  }, 30_000);
  return { id, messageId };
}

describe('notifications by e-mail', () => {
  it('acknowledges a request with its reference, threaded with her message, and threads her reply back', async () => {
    const { id, messageId } = await fileByMail('Clavier qui répète les touches', 'La touche E se répète toute seule.');
    const ack = (await noticesAbout(aliceAddress, id, 1)).inbox[0]!;
    expect(ack.subject).toBe(`[guichet #${id}] Clavier qui répète les touches — Demande enregistrée`);
    expect(ack.autoSubmitted).toBe('auto-generated');
    expect(ack.inReplyTo).toBe(messageId);
    expect(ack.references).toContain(messageId);
    expect(ack.text).toContain(`/#/tickets/${id}`);

    // Her mail program answers the acknowledgement: the subject lost its tag, the headers keep the thread.
    await sendMail({
      from: aliceAddress,
      to: desk,
      subject: 'Re: votre accusé',
      text: 'Photo du clavier à venir.',
      inReplyTo: ack.messageId,
      references: [ack.messageId],
    });
    const timeline = await eventually(async () => {
      const items = (await stack.call('GET', `/api/v1/tickets/${id}/timeline`, { token: tech.token })).body.items;
      return items.some((item: { type: string }) => item.type === 'followup') ? items : undefined;
    }, 30_000);
    expect(timeline.find((item: { type: string }) => item.type === 'followup')).toMatchObject({
      author: alice.id,
      content: 'Photo du clavier à venir.',
    });
  });

  it('mails a public followup to the requester and the assigned technician, and a private one to no requester', async () => {
    const { id } = await fileByMail('Outlook plante au démarrage', 'Depuis ce matin.');
    const assigned = await stack.call('POST', `/api/v1/tickets/${id}/actions/assign`, { token: admin.token, body: { assignee: tech.id } });
    expect(assigned.status).toBe(200);
    const say = (content: string, isPrivate: boolean) =>
      stack.call('POST', `/api/v1/tickets/${id}/followups`, { token: admin.token, body: { content, private: isPrivate } });
    expect((await say('Note interne : profil corrompu, à recréer.', true)).status).toBe(201);
    expect((await say('Nous recréons votre profil cet après-midi.', false)).status).toBe(201);

    const forAlice = await noticesAbout(aliceAddress, id, 2);
    expect(forAlice.kinds).toEqual(['Demande enregistrée', 'Nouveau suivi']);
    expect(forAlice.inbox.some((mail) => mail.text.includes('Nous recréons votre profil'))).toBe(true);
    const forTech = await noticesAbout(techAddress, id, 3);
    expect(forTech.kinds).toEqual(['Nouveau suivi', 'Nouveau suivi', 'Ticket attribué']);
    expect(forTech.inbox.some((mail) => mail.text.includes('profil corrompu'))).toBe(true);
    // The private followup was planned before the public one, which has arrived: it was never mailed to her.
    expect((await inboxOf(aliceAddress)).some((mail) => mail.text.includes('profil corrompu'))).toBe(false);
  });

  it('mails a Markdown followup as HTML beside its text, and tells the colleague it mentions, not a requester it names', async () => {
    const colleague = await userWithMailbox(stack, 'technician', 'N2');
    const { id } = await fileByMail('Imprimante du 2e hors ligne', 'Elle ne répond plus.');
    const written = `Pour @${colleague.login} et @${alice.login} :\n\n- redémarrer le spouleur\n- suivre [la procédure](https://wiki.exemple.fr/imprimantes)\n\n<b>rien</b>`;
    expect((await stack.call('POST', `/api/v1/tickets/${id}/followups`, { token: tech.token, body: { content: written } })).status).toBe(
      201,
    );

    const mention = (await noticesAbout(colleague.address, id, 1)).inbox[0]!;
    expect(mention.subject).toBe(`[guichet #${id}] Imprimante du 2e hors ligne — On vous mentionne`);
    expect(mention.text).toContain(written);
    expect(mention.html).toContain(
      '<li>suivre <a href="https://wiki.exemple.fr/imprimantes" rel="noopener noreferrer nofollow">la procédure</a></li>',
    );
    expect(mention.html).toContain('&lt;b&gt;rien&lt;/b&gt;');
    // The requester hears of the followup as a followup, once.
    const forAlice = await noticesAbout(aliceAddress, id, 2);
    expect(forAlice.kinds).toEqual(['Demande enregistrée', 'Nouveau suivi']);
  });

  it('writes in the language each person chose, and not at all about what they turned off', async () => {
    const chosen = await stack.call('PATCH', '/api/v1/mail-preferences', {
      token: alice.token,
      body: { language: 'en', muted: ['followup'] },
    });
    expect(chosen.body).toEqual({ language: 'en', muted: ['followup'] });
    const invalid = await stack.call('PATCH', '/api/v1/mail-preferences', { token: alice.token, body: { muted: ['everything'] } });
    expect(invalid.status).toBe(400);
    const { id } = await fileByMail('Badge refusé', 'Porte du 3e étage.');
    await stack.call('POST', `/api/v1/tickets/${id}/followups`, { token: admin.token, body: { content: 'Badge réactivé.' } });
    await stack.call('POST', `/api/v1/tickets/${id}/actions/assign`, { token: tech.token, body: {} });
    await stack.call('POST', `/api/v1/tickets/${id}/actions/resolve`, {
      token: tech.token,
      body: { solution: 'Badge réactivé au PC sécurité.' },
    });
    const forAlice = await noticesAbout(aliceAddress, id, 2);
    expect(forAlice.kinds).toEqual(['Request received', 'Solution proposed']);
    expect(forAlice.inbox.find((mail) => mail.subject.endsWith('Solution proposed'))!.text).toContain('Badge réactivé au PC sécurité.');
  });

  it('tells the technicians of the group holding a ticket when an SLA level that says to notify is reached', async () => {
    const category = await stack.newCategory();
    const calendar = await stack.call('POST', '/api/v1/calendars', {
      token: admin.token,
      body: { name: `Toujours ouvert ${category}`, timezone: 'Europe/Paris', hours: ALWAYS, holidays: [] },
    });
    // Two hours before a one-hour deadline: the level is reached as soon as the ticket is filed.
    const sla = await stack.call('POST', '/api/v1/slas', {
      token: admin.token,
      body: {
        name: `Messagerie ${category}`,
        calendar: calendar.body.id,
        match: { category },
        ttoMinutes: 30,
        ttrMinutes: 60,
        levels: [{ clock: 'ttr', offsetMinutes: -120, actions: [{ type: 'notify' }] }],
      },
    });
    expect(sla.status).toBe(201);
    const routed = freshAddress('messagerie');
    await addTestMailbox(stack, admin, routed, { defaults: { category, group: stack.groups.n1 } });
    await sendMail({ from: aliceAddress, to: routed, subject: 'Boîte aux lettres pleine', text: 'Plus rien ne rentre.' });
    const id = await eventually(async () => {
      // Filed in the test's own category: no other test's ticket is there.
      const found = await stack.call('GET', `/api/v1/tickets?category=${category}`, { token: admin.token });
      return found.body.items[0]?.id as number | undefined;
    }, 30_000);
    const forTech = await noticesAbout(techAddress, id, 1);
    expect(forTech.kinds).toEqual(['Escalade SLA']);
    expect(forTech.inbox[0]!.text).toContain('niveau d’escalade');
  });
});
