import { LifecycleDefinition } from '../../lifecycles/definition';

/**
 * A small lifecycle whose waiting state has two timers: one after four hours taking `resume`, whose
 * entries (one with a guard and a condition) go through a gateway, and one on the TTR's breach taking `close`, which leads to
 * one state; `close` from `new` has conditions on the ticket's fields.
 */
export const timedLifecycle = LifecycleDefinition.parse({
  key: 'timed',
  label: { fr: 'Avec horloges', en: 'With clocks' },
  initial: 'new',
  states: {
    new: { status: 'new', label: { fr: 'Nouveau', en: 'New' } },
    waiting: {
      status: 'pending',
      label: { fr: 'En attente', en: 'Waiting' },
      timers: [
        { after: 'PT4H', action: 'resume' },
        { slaBreach: 'ttr', action: 'close' },
      ],
    },
    assigned: { status: 'assigned', label: { fr: 'Attribué', en: 'Assigned' } },
    closed: { status: 'closed', label: { fr: 'Clos', en: 'Closed' }, final: true },
  },
  actions: [
    { name: 'wait', from: ['new', 'assigned'], to: 'waiting', roles: ['technician'] },
    {
      name: 'resume',
      from: ['waiting'],
      to: 'assigned',
      guard: 'hasAssignment',
      when: [{ field: 'level', op: '>=', value: 2 }],
      roles: ['technician', 'system'],
    },
    { name: 'resume', from: ['waiting'], to: 'new', roles: ['technician', 'system'] },
    { name: 'close', from: ['waiting', 'assigned'], to: 'closed', roles: ['technician', 'system'] },
    {
      name: 'close',
      from: ['new'],
      to: 'closed',
      roles: ['technician'],
      when: [
        { field: 'priority', op: '>=', value: 5 },
        { field: 'type', op: '==', value: 'request' },
      ],
    },
  ],
});
