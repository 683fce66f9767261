// Which ticket events are worth a message, and to whom: pure rules, no mail server.
import { describe, expect, it } from 'vitest';
import { noticeOfEvent, recipientsOf, renderNotice, type NoticeActors } from '../../mail/notices';
import { mentionsIn } from '../../tickets/mentions';

const actors: NoticeActors = {
  requesters: [1],
  observers: [2],
  technicians: [3],
  groupMembers: [3, 4, 5],
  validators: [6],
  mentioned: [7, 8],
};
const event = (action: string, fromStatus: string | null, toStatus: string, data: Record<string, unknown> = {}) => ({
  action,
  fromStatus,
  toStatus,
  data,
});

describe('notices', () => {
  it('come from an SLA level only when the level says to notify', () => {
    expect(noticeOfEvent(event('sla_level', 'assigned', 'assigned', { actions: [{ type: 'notify' }, { type: 'escalate' }] }))).toBe(
      'escalation',
    );
    expect(noticeOfEvent(event('sla_level', 'assigned', 'assigned', { actions: [{ type: 'raise_priority' }] }))).toBeNull();
    expect(noticeOfEvent(event('sla_breach', 'assigned', 'assigned', { clock: 'ttr' }))).toBeNull();
  });

  it('reach the technicians and the group of the ticket on an escalation, and the group when no one in it holds the ticket', () => {
    expect(recipientsOf('escalation', actors, null, false)).toEqual([3, 4, 5]);
    expect(recipientsOf('assigned', actors, 9, false)).toEqual([3]);
    expect(recipientsOf('assigned', { ...actors, technicians: [] }, 9, false)).toEqual([3, 4, 5]);
  });

  it('never carry a private followup to a requester or an observer, nor anything to the person who caused it', () => {
    expect(recipientsOf('followup', actors, 3, true)).toEqual([]);
    expect(recipientsOf('followup', actors, 3, false)).toEqual([1, 2]);
    expect(recipientsOf('created', actors, 1, false)).toEqual([1]);
  });

  it('tell the colleagues a followup mentions, but never its author', () => {
    expect(recipientsOf('mention', actors, 8, true)).toEqual([7]);
  });

  it('mail a Markdown followup as HTML with its list and link, its raw HTML as text, and keep the Markdown as typed in the text part', () => {
    const written = '- imprimante\n- [procédure](https://exemple.fr/doc)\n\n<script>alert(1)</script> [x](javascript:alert(2))';
    const notice = renderNotice('followup', 'fr', {
      ticketId: 12,
      title: 'Écran <noir>',
      text: written,
      ticketUrl: 'https://desk.test/#/tickets/12',
    });
    expect(notice.text).toContain(written);
    expect(notice.html).toContain('<li><a href="https://exemple.fr/doc" rel="noopener noreferrer nofollow">procédure</a></li>');
    expect(notice.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(notice.html).not.toMatch(/<script|href="javascript/i);
    expect(notice.html).toContain('<a href="https://desk.test/#/tickets/12">Écran &lt;noir&gt;</a>');
  });
});

describe('mentions', () => {
  it('are the logins written as @login in the words of a followup, never in an address or in code', () => {
    const text = 'Merci @tech2, vois avec @marie.dupont. Écris à bob@corp.fr (@tech3) @Émilie\n\n```\n@caché\n```\n`@code` @tech2';
    expect(mentionsIn(text)).toEqual(['tech2', 'marie.dupont', 'tech3', 'Émilie']);
  });
});
