import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../mail/incoming-message';
import { junkReasonOf } from '../../mail/mail-junk';
import { placementOf } from '../../mail/mail-rules';
import { replyTextOf, glpiReferenceIn, ticketReferenceIn, titleOf } from '../../mail/mail-thread';
import { MailboxSettings } from '../../mail/mailbox.schemas';

const message = (parts: Partial<IncomingMessage> = {}): IncomingMessage => ({
  messageId: '<m1@example.org>',
  thread: [],
  from: { address: 'paul@client.example', name: 'Paul' },
  to: ['support@guichet.test'],
  cc: [],
  subject: 'Écran noir',
  text: 'Mon écran reste noir.',
  headers: {},
  contentType: 'text/plain',
  returnPath: 'paul@client.example',
  files: [],
  ...parts,
});

describe('the ticket a subject names', () => {
  it('is found in any case, anywhere, behind any answer or forward prefix', () => {
    expect(ticketReferenceIn('RE: TR: Fwd: [Guichet #123] Écran noir')).toBe(123);
    expect(ticketReferenceIn('Écran noir [GUICHET #7]')).toBe(7);
    expect(ticketReferenceIn('Écran noir #123')).toBeNull();
  });

  it("is also GLPI's tag in a reply to a notification GLPI sent, for a ticket imported from it", () => {
    expect(glpiReferenceIn('RE: [GLPI #0001234] Nouveau suivi')).toBe('glpi:1234');
    expect(glpiReferenceIn('Tr : [glpi #42] Clos')).toBe('glpi:42');
    expect(glpiReferenceIn('[guichet #12] Écran noir')).toBeNull();
  });

  it('is left out of the title of a new ticket, with the prefixes', () => {
    expect(titleOf('RE: TR: [guichet #12] Écran noir')).toBe('Écran noir');
    expect(titleOf('   ')).toBe('(sans objet)');
  });

  it('answers with the text above the quoted history', () => {
    expect(replyTextOf('Toujours en panne.\n\nLe lun. 3 déc. 2026, Support a écrit :\n> Redémarrez\n')).toBe('Toujours en panne.');
  });
});

describe('mail that is not for the desk', () => {
  it('is told by the headers automatic mail carries', () => {
    expect(junkReasonOf(message({ headers: { 'auto-submitted': 'auto-replied' } }), [])).toBe('auto_submitted');
    expect(junkReasonOf(message({ headers: { 'auto-submitted': 'no' } }), [])).toBeNull();
    expect(junkReasonOf(message({ headers: { precedence: 'list' } }), [])).toBe('bulk');
    expect(junkReasonOf(message({ headers: { 'x-autoreply': 'yes' } }), [])).toBe('auto_reply');
    expect(junkReasonOf(message({ contentType: 'multipart/report' }), [])).toBe('delivery_report');
    expect(junkReasonOf(message({ returnPath: '' }), [])).toBe('bounce');
    expect(junkReasonOf(message(), ['paul@client.example'])).toBe('own_address');
    expect(junkReasonOf(message(), ['support@guichet.test'])).toBeNull();
  });
});

describe('where a new ticket goes', () => {
  const settings = MailboxSettings.parse({
    imap: { host: 'imap.example', port: 143, user: 'support', passwordFrom: { env: 'IMAP_PASSWORD' } },
    defaults: { category: 5, group: 7, type: 'request', urgency: 2 },
    rules: [
      { when: { from: '@client.example', words: ['urgent'] }, then: { urgency: 5 } },
      { when: { from: '@client.example' }, then: { entity: 3 } },
      { when: { to: 'rh@guichet.test' }, then: { category: 9, group: 8, type: 'incident' } },
    ],
  });

  it('follows the first rule that matches, and the mailbox defaults otherwise', () => {
    expect(placementOf(1, settings, message({ subject: 'URGENT : écran noir' }))).toEqual({
      entity: 1,
      category: 5,
      group: 7,
      type: 'request',
      urgency: 5,
    });
    expect(placementOf(1, settings, message())).toEqual({ entity: 3, category: 5, group: 7, type: 'request', urgency: 2 });
    const other = message({ from: { address: 'anne@guichet.test', name: '' }, cc: [{ address: 'rh@guichet.test', name: '' }] });
    expect(placementOf(1, settings, other)).toEqual({ entity: 1, category: 9, group: 8, type: 'incident', urgency: 2 });
    expect(placementOf(1, settings, message({ from: { address: 'anne@guichet.test', name: '' } }))).toEqual({
      entity: 1,
      category: 5,
      group: 7,
      type: 'request',
      urgency: 2,
    });
  });
});
