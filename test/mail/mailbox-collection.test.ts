// A desk's mailbox collected from a real mail server (Postfix delivering into Dovecot): new
// messages become tickets, replies followups, automatic mail and loops nothing at all.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRow } from '../../users/user.models';
import { createGlpiImportService } from '../../glpi-import/glpi-import.service';
import { exportLine, FRENCH_HEADERS } from '../support/glpi-export';
import { elfProgram, pngPicture } from '../support/files';
import { addTestMailbox, freshAddress, sendMail, sendRaw, userWithMailbox } from '../support/mail';
import { eventually, startStack, type Stack, type TestUser } from '../support/stack';
import { TEST_MAIL } from '../support/test-settings';

let stack: Stack;
let admin: TestUser;
let tech: TestUser;
let alice: TestUser;
let aliceAddress: string;
let desk: string;
let mailbox: number;

beforeAll(async () => {
  // A small limit, so that a file over it stays small.
  stack = await startStack({ maxAttachmentMb: 1 });
  admin = await stack.userWith('admin');
  tech = await stack.userWith('technician', 'N1');
  const requester = await userWithMailbox(stack, 'requester', undefined, 'Alice Martin');
  [alice, aliceAddress] = [requester, requester.address];
  desk = freshAddress('support');
  mailbox = await addTestMailbox(stack, admin, desk, {
    rules: [
      { when: { words: ['imprimante'] }, then: { urgency: 4, type: 'incident' } },
      { when: { words: ['wifi'] }, then: { group: stack.groups.n2 } },
    ],
  });
}, 120_000);
afterAll(async () => {
  if (mailbox) await stack?.call('PATCH', `/api/v1/mailboxes/${mailbox}`, { token: admin.token, body: { enabled: false } });
  await stack?.close();
});

type Collected = {
  id: number;
  messageId: string | null;
  outcome: string;
  reason: string | null;
  ticket: number | null;
  followup: number | null;
  sourceSize: number | null;
};

const source = (token: string, id: number) =>
  fetch(`${stack.baseUrl}/api/v1/mail-messages/${id}/source`, { headers: { authorization: `Bearer ${token}` } });

/** The report's entry for the message with this Message-ID, once the collector has taken it. */
async function collected(messageId: string): Promise<Collected> {
  return eventually(async () => {
    const report = await stack.call('GET', `/api/v1/mailboxes/${mailbox}/report?limit=500`, { token: admin.token });
    return (report.body.messages as Collected[]).find((message) => message.messageId === messageId);
  }, 30_000);
}

const ticket = async (id: number) => (await stack.call('GET', `/api/v1/tickets/${id}`, { token: tech.token })).body;
const timeline = async (id: number) => (await stack.call('GET', `/api/v1/tickets/${id}/timeline`, { token: tech.token })).body.items;

describe('a mailbox collected by the desk', () => {
  it('never shows where its password comes from as anything but a reference, and refuses a mailbox for an address it has', async () => {
    const read = await stack.call('GET', `/api/v1/mailboxes/${mailbox}`, { token: admin.token });
    expect(read.body.imap).toEqual({
      host: '127.0.0.1',
      port: TEST_MAIL.imapPort,
      secure: false,
      user: desk,
      passwordFrom: { env: 'GUICHET_TEST_IMAP_PASSWORD' },
    });
    expect(JSON.stringify(read.body)).not.toContain(TEST_MAIL.password());
    const again = await stack.call('POST', '/api/v1/mailboxes', {
      token: admin.token,
      body: { name: 'Copie', address: desk, entity: 1, imap: read.body.imap },
    });
    expect(again.status).toBe(400);
    expect(Object.keys(again.body.error.details.fields)).toEqual(['address']);
    expect((await stack.call('GET', `/api/v1/mailboxes/${mailbox}`, { token: tech.token })).status).toBe(403);
  });

  it('tells an administrator whether the server takes a mailbox’s settings, and why not, without taking anything', async () => {
    const works = await stack.call('POST', `/api/v1/mailboxes/${mailbox}/check`, { token: admin.token });
    expect(works.body).toMatchObject({ ok: true, folder: 'INBOX', error: null });
    expect(typeof works.body.messages).toBe('number');
    const wrongPassword = join(mkdtempSync(join(tmpdir(), 'guichet-')), 'imap-password');
    writeFileSync(wrongPassword, 'not-the-password');
    const checkWith = async (passwordFrom: object) => {
      const created = await stack.call('POST', '/api/v1/mailboxes', {
        token: admin.token,
        body: {
          name: 'Essai',
          address: freshAddress('essai'),
          entity: 1,
          enabled: false,
          imap: { host: '127.0.0.1', port: TEST_MAIL.imapPort, user: desk, passwordFrom },
        },
      });
      return (await stack.call('POST', `/api/v1/mailboxes/${created.body.id}/check`, { token: admin.token })).body;
    };
    expect(await checkWith({ file: wrongPassword })).toMatchObject({ ok: false, error: 'the server refused the user or its password' });
    expect(await checkWith({ env: 'GUICHET_NO_SUCH_PASSWORD' })).toMatchObject({
      ok: false,
      error: 'the environment variable GUICHET_NO_SUCH_PASSWORD is not set',
    });
    expect((await stack.call('POST', `/api/v1/mailboxes/${mailbox}/check`, { token: tech.token })).status).toBe(403);
  });

  it('turns a plain message from a known requester into her ticket, with the rule that matched', async () => {
    const messageId = await sendMail({
      from: `Alice Martin <${aliceAddress}>`,
      to: desk,
      subject: 'Imprimante du 2e étage bloquée',
      text: "Bonjour,\nl'imprimante du 2e étage affiche « bourrage papier » depuis ce matin.\nAlice",
    });
    const message = await collected(messageId);
    expect(message.outcome).toBe('ticket');
    const filed = await ticket(message.ticket!);
    expect(filed).toMatchObject({
      title: 'Imprimante du 2e étage bloquée',
      source: 'email',
      requester: alice.id,
      urgency: 4,
      type: 'incident',
    });
    expect(filed.description).toContain('« bourrage papier »');

    // The desk reads the message the ticket came from as the server gave it; its requester does not.
    const mail = await stack.call('GET', `/api/v1/tickets/${filed.id}/mail`, { token: tech.token });
    expect(mail.body.items).toMatchObject([{ id: message.id, outcome: 'ticket', followup: null, sender: aliceAddress }]);
    const original = await source(tech.token, message.id);
    expect(original.headers.get('content-type')).toBe('message/rfc822');
    expect(original.headers.get('content-disposition')).toMatch(/^attachment; filename="?message-\d+\.eml"?$/);
    const text = await original.text();
    expect(text).toContain(`Message-ID: ${messageId}`);
    expect(text.length).toBe(message.sourceSize);
    expect((await stack.call('GET', `/api/v1/tickets/${filed.id}/mail`, { token: alice.token })).status).toBe(403);
    expect((await source(alice.token, message.id)).status).toBe(403);
  });

  it('makes the known people in copy observers and lands the ticket in the queue its rule names', async () => {
    const colleague = await userWithMailbox(stack, 'requester', undefined, 'Bruno Petit');
    const messageId = await sendMail({
      from: `Alice Martin <${aliceAddress}>`,
      to: desk,
      cc: [`Bruno Petit <${colleague.address}>`, freshAddress('inconnu'), aliceAddress],
      subject: 'Le wifi coupe toutes les dix minutes',
      text: 'Bruno a le même souci au 3e.',
    });
    const filed = await ticket((await collected(messageId)).ticket!);
    expect(filed).toMatchObject({ status: 'new', observers: [colleague.id], groups: [stack.groups.n2] });
    const queue = await stack.call('GET', `/api/v1/tickets?group=${stack.groups.n2}&status=new`, { token: tech.token });
    expect(queue.body.items.map((item: { id: number }) => item.id)).toContain(filed.id);
  });

  it('refuses rules that name a group or a category that does not exist, naming the rule', async () => {
    const refused = await stack.call('PATCH', `/api/v1/mailboxes/${mailbox}`, {
      token: admin.token,
      body: {
        rules: [
          { when: { words: ['x'] }, then: { urgency: 2 } },
          { when: { words: ['y'] }, then: { group: 999_999 } },
        ],
      },
    });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error.details.fields)).toEqual(['rules.1.then.group']);
    // A change names what it changes; the rest stays as it was.
    const raised = await stack.call('PATCH', `/api/v1/mailboxes/${mailbox}`, { token: admin.token, body: { maxPerSenderPerHour: 40 } });
    expect(raised.body).toMatchObject({ maxPerSenderPerHour: 40, unknownSenders: 'create' });
    expect(raised.body.rules).toHaveLength(2);
    expect(raised.body.rules[1].then).toEqual({ group: stack.groups.n2 });
  });

  it('makes a requester of an unknown sender and keeps only the readable text of an HTML-only message', async () => {
    const stranger = freshAddress('renee');
    const messageId = await sendMail({
      from: `Renée Dubois <${stranger}>`,
      to: desk,
      subject: 'Écran noir',
      html: '<html><head><style>p{color:red}</style><script>alert("x")</script></head><body><p>Mon écran reste <b>noir</b>.</p><img src="http://tracker.example/pixel.png" alt="pixel"><ul><li>Poste 12</li></ul></body></html>',
    });
    const message = await collected(messageId);
    expect(message.outcome).toBe('ticket');
    const filed = await ticket(message.ticket!);
    const requester = await UserRow.findByPk(filed.requester);
    expect(requester).toMatchObject({ email: stranger, name: 'Renée Dubois', profile: 'requester', auth_source: 'email' });
    expect(filed.description).toContain('Mon écran reste noir.');
    expect(filed.description).toContain('Poste 12');
    for (const unwanted of ['alert', 'color:red', 'tracker.example', 'pixel']) expect(filed.description).not.toContain(unwanted);
  });

  it('decodes an encoded subject in ISO-8859-1 and a body in Windows-1252', async () => {
    const messageId = `<cp1252-${Date.now()}@example.org>`;
    await sendRaw(
      aliceAddress,
      desk,
      [
        `From: Alice Martin <${aliceAddress}>`,
        `To: ${desk}`,
        'Subject: =?ISO-8859-1?Q?Acc=E8s_refus=E9_=E0_la_messagerie?=',
        `Message-ID: ${messageId}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=windows-1252',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Le mot de passe est refus=E9 depuis l=92expiration =96 merci=85',
        '',
      ].join('\r\n'),
    );
    const message = await collected(messageId);
    const filed = await ticket(message.ticket!);
    expect(filed.title).toBe('Accès refusé à la messagerie');
    expect(filed.description).toContain('refusé depuis l’expiration – merci…');
  });

  it('keeps an inline image and two attachments as the ticket’s files, and leaves out a program', async () => {
    const picture = pngPicture(16);
    const messageId = await sendMail({
      from: aliceAddress,
      to: desk,
      subject: 'Message d’erreur au démarrage',
      html: '<p>Voici l’erreur :</p><img src="cid:erreur@poste12">',
      attachments: [
        { filename: 'erreur.png', content: picture, cid: 'erreur@poste12' },
        { filename: 'journal.txt', content: 'Event 41: Kernel-Power' },
        { filename: 'rapport.pdf', content: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n') },
        { filename: 'correctif.exe', content: elfProgram() },
      ],
    });
    const message = await collected(messageId);
    expect(message).toMatchObject({ outcome: 'ticket', reason: 'attachment_refused' });
    const files = (await stack.call('GET', `/api/v1/tickets/${message.ticket}/attachments`, { token: tech.token })).body.items;
    expect(files.map((file: { name: string; type: string; source: string }) => [file.name, file.type, file.source])).toEqual([
      ['erreur.png', 'image/png', 'email'],
      ['journal.txt', 'text/plain', 'email'],
      ['rapport.pdf', 'application/pdf', 'email'],
    ]);
    expect(files[0].size).toBe(picture.length);
  });

  it('adds a reply as a followup, found by the tag in its subject or by its References alone, without the quoted history', async () => {
    const first = await collected(
      await sendMail({ from: aliceAddress, to: desk, subject: 'VPN coupé toutes les 10 minutes', text: 'Depuis la mise à jour.' }),
    );
    const id = first.ticket!;
    const byTag = await collected(
      await sendMail({
        from: aliceAddress,
        to: desk,
        subject: `RE: TR: [GUICHET #${id}] VPN coupé toutes les 10 minutes`,
        text: `Toujours coupé ce matin.\n\nLe 3 déc. 2026 à 10:00, Support <${desk}> a écrit :\n> Pouvez-vous redémarrer ?\n> Cordialement`,
      }),
    );
    expect(byTag).toMatchObject({ outcome: 'followup', ticket: id });
    const byReferences = await collected(
      await sendMail({
        from: aliceAddress,
        to: desk,
        subject: 'Re: VPN',
        references: [first.messageId!],
        text: 'Et maintenant aussi sur le wifi.',
      }),
    );
    expect(byReferences).toMatchObject({ outcome: 'followup', ticket: id });
    const followups = (await timeline(id)).filter((item: { type: string }) => item.type === 'followup');
    expect(followups.map((item: { content: string; author: number }) => [item.content, item.author])).toEqual([
      ['Toujours coupé ce matin.', alice.id],
      ['Et maintenant aussi sur le wifi.', alice.id],
    ]);
  });

  it('threads a reply to a notification GLPI sent before the move to the ticket imported from it', async () => {
    const ref = 20_000_000 + Math.floor(Math.random() * 8_000_000);
    const csv =
      exportLine(FRENCH_HEADERS) +
      exportLine([
        ref,
        'Écran qui clignote',
        'Entité racine',
        'En attente',
        '2026-11-30 10:00',
        '2026-11-30 09:00',
        'Moyenne',
        alice.login,
        tech.login,
        '',
      ]);
    const report = await createGlpiImportService(stack).importTicketExport(Buffer.from(csv), { apply: true, importedBy: admin.id });
    expect(report).toMatchObject({ imported: 1, rejected: [] });
    const { id } = (await stack.call('GET', `/api/v1/tickets?externalRef=glpi:${ref}`, { token: tech.token })).body.items[0];
    const reply = await collected(
      await sendMail({
        from: aliceAddress,
        to: desk,
        subject: `RE: [GLPI #${String(ref).padStart(7, '0')}] Nouveau suivi`,
        text: 'Il clignote encore ce matin.',
      }),
    );
    expect(reply).toMatchObject({ outcome: 'followup', ticket: id });
    expect((await timeline(id)).filter((item: { type: string }) => item.type === 'followup')).toMatchObject([
      { content: 'Il clignote encore ce matin.', author: alice.id },
    ]);
  });

  it('adds a reply from someone not on the ticket as a private followup its requester does not see', async () => {
    const first = await collected(
      await sendMail({ from: aliceAddress, to: desk, subject: 'Badge refusé à l’accueil', text: 'Mon badge ne passe plus.' }),
    );
    const id = first.ticket!;
    const reply = await collected(
      await sendMail({
        from: freshAddress('gardien'),
        to: desk,
        subject: `Re: [guichet #${id}] Badge refusé à l’accueil`,
        text: 'Le lecteur de l’accueil est en panne depuis hier.',
      }),
    );
    expect(reply).toMatchObject({ outcome: 'followup', ticket: id });
    const followups = (items: { type: string }[]) => items.filter((item) => item.type === 'followup');
    expect(followups(await timeline(id))).toMatchObject([{ content: 'Le lecteur de l’accueil est en panne depuis hier.', private: true }]);
    const asAlice = await stack.call('GET', `/api/v1/tickets/${id}/timeline`, { token: alice.token });
    expect(asAlice.status).toBe(200);
    expect(followups(asAlice.body.items)).toEqual([]);
  });

  it('files nothing for an auto-reply, a bounce, a list message or its own mail, and says why in the report', async () => {
    const autoReply = await sendMail({
      from: aliceAddress,
      to: desk,
      subject: 'Absence du bureau',
      text: 'Je suis absente jusqu’au 8.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const list = await sendMail({
      from: aliceAddress,
      to: desk,
      subject: 'Lettre d’information',
      text: 'Nouveautés',
      headers: { Precedence: 'bulk' },
    });
    const own = await sendMail({ from: desk, to: desk, subject: 'Accusé de réception', text: 'Votre demande est enregistrée.' });
    const bounceId = `<bounce-${Date.now()}@mail.guichet.test>`;
    await sendRaw(
      '',
      desk,
      [
        `From: Mail Delivery System <MAILER-DAEMON@${TEST_MAIL.domain}>`,
        `To: ${desk}`,
        'Subject: Undelivered Mail Returned to Sender',
        `Message-ID: ${bounceId}`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'The mail system could not deliver your message.',
        '--b--',
        '',
      ].join('\r\n'),
    );
    expect(await collected(autoReply)).toMatchObject({ outcome: 'skipped', reason: 'auto_submitted', ticket: null });
    expect(await collected(list)).toMatchObject({ outcome: 'skipped', reason: 'bulk', ticket: null });
    expect(await collected(own)).toMatchObject({ outcome: 'skipped', reason: 'own_address', ticket: null });
    expect(await collected(bounceId)).toMatchObject({ outcome: 'skipped', reason: 'delivery_report', ticket: null });
    const report = await stack.call('GET', `/api/v1/mailboxes/${mailbox}/report`, { token: admin.token });
    expect(report.body.reasons).toMatchObject({ auto_submitted: 1, bulk: 1, own_address: 1 });
    // What became no ticket is its mailbox's administrators' to read, and no one else's.
    const bounce = await collected(bounceId);
    const asAdmin = await source(admin.token, bounce.id);
    expect(asAdmin.status).toBe(200);
    expect(await asAdmin.text()).toContain('The mail system could not deliver your message.');
    expect((await source(tech.token, bounce.id)).status).toBe(404);
  });

  it('files what it can read of malformed, mislabelled or oversized mail, and sets aside a message with no sender', async () => {
    const raw = (messageId: string, headers: string[], body: Buffer | string) =>
      Buffer.concat([
        Buffer.from([`From: Alice Martin <${aliceAddress}>`, `To: ${desk}`, `Message-ID: ${messageId}`, ...headers, '', ''].join('\r\n')),
        Buffer.isBuffer(body) ? body : Buffer.from(body),
        Buffer.from('\r\n'),
      ]);
    const stamp = Date.now();
    const unknownCharset = `<charset-${stamp}@example.org>`;
    await sendRaw(
      aliceAddress,
      desk,
      raw(unknownCharset, ['Subject: Charset inconnu', 'Content-Type: text/plain; charset=x-klingon-42'], 'Le poste 12 ne demarre plus.'),
    );
    const invalidUtf8 = `<utf8-${stamp}@example.org>`;
    await sendRaw(
      aliceAddress,
      desk,
      raw(
        invalidUtf8,
        ['Subject: UTF-8 invalide', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit'],
        Buffer.concat([Buffer.from('Avant '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' après la panne.')]),
      ),
    );
    const brokenMime = `<mime-${stamp}@example.org>`;
    await sendRaw(
      aliceAddress,
      desk,
      raw(
        brokenMime,
        ['Subject: MIME cassé', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="jamais-fermee"'],
        [
          '--jamais-fermee',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Le scanner refuse les PDF.',
          '--jamais-fermee',
          'Content-Type: application/pdf; name="cou',
        ].join('\r\n'),
      ),
    );
    const oversized = await sendMail({
      from: aliceAddress,
      to: desk,
      subject: 'Journal complet du serveur',
      text: 'Le journal est joint.',
      attachments: [{ filename: 'serveur.log', content: Buffer.alloc(1_200_000, 'journal ligne\n') }],
    });
    const withoutFrom = (messageId: string) =>
      [`To: ${desk}`, 'Subject: Sans expéditeur', `Message-ID: ${messageId}`, '', 'Qui suis-je ?', ''].join('\r\n');
    const envelopeOnly = `<nofrom-${stamp}@example.org>`;
    await sendRaw(aliceAddress, desk, withoutFrom(envelopeOnly));
    const noSender = `<nobody-${stamp}@example.org>`;
    await sendRaw('', desk, withoutFrom(noSender));

    const readOf = async (messageId: string) => {
      const message = await collected(messageId);
      expect(message.outcome, messageId).toBe('ticket');
      return ticket(message.ticket!);
    };
    expect((await readOf(unknownCharset)).description).toContain('Le poste 12 ne demarre plus.');
    const mangled = (await readOf(invalidUtf8)).description as string;
    expect(mangled).toMatch(/^Avant .* après la panne\.$/);
    expect((await readOf(brokenMime)).description).toContain('Le scanner refuse les PDF.');
    const withLog = await collected(oversized);
    expect(withLog).toMatchObject({ outcome: 'ticket', reason: 'attachment_refused' });
    expect((await stack.call('GET', `/api/v1/tickets/${withLog.ticket}/attachments`, { token: tech.token })).body.items).toEqual([]);
    // Postfix gives a message without From: its envelope sender; one without either has no one to answer.
    expect((await readOf(envelopeOnly)).requester).toBe(alice.id);
    expect(await collected(noSender)).toMatchObject({ outcome: 'quarantined', reason: 'no_sender', ticket: null });
  });

  it('opens a new ticket for a reply to a closed one, saying which it follows', async () => {
    const first = await collected(await sendMail({ from: aliceAddress, to: desk, subject: 'Souris HS', text: 'Elle ne clique plus.' }));
    const id = first.ticket!;
    for (const [action, body, token] of [
      ['assign', {}, tech.token],
      ['resolve', { solution: 'Souris remplacée' }, tech.token],
      ['accept_solution', {}, alice.token],
    ] as const) {
      expect((await stack.call('POST', `/api/v1/tickets/${id}/actions/${action}`, { token, body })).status).toBe(200);
    }
    const reply = await collected(
      await sendMail({
        from: aliceAddress,
        to: desk,
        subject: `Re: [guichet #${id}] Souris HS`,
        text: 'La nouvelle ne marche pas non plus.',
      }),
    );
    expect(reply.outcome).toBe('ticket');
    expect(reply.ticket).not.toBe(id);
    const follow = await ticket(reply.ticket!);
    expect(follow.title).toBe('Souris HS');
    expect(follow.description).toContain(`#${id}`);
  });
});
