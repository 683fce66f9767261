// Which ticket events are worth a message, and to whom: pure rules, no mail server.
import { describe, expect, it } from 'vitest';
import { noticeOfEvent, recipientsOf, type NoticeActors } from '../../mail/notices';

const actors: NoticeActors = { requesters: [1], observers: [2], technicians: [3], groupMembers: [3, 4, 5], validators: [6] };
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
});
