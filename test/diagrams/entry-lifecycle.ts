import { LifecycleDefinition } from '../../lifecycles/definition';

/**
 * A small lifecycle with every kind of entry effect: the initial state hands the ticket to a group,
 * the validation state (which also has a timer) asks two validators and notifies them, the urgent
 * state raises the priority and notifies with a message of its own, the final state notifies the
 * requester; `parked` has none.
 */
export const entryLifecycle = LifecycleDefinition.parse({
  key: 'entry',
  label: { fr: 'Avec effets', en: 'With effects' },
  initial: 'new',
  states: {
    new: { status: 'new', label: { fr: 'Nouveau', en: 'New' }, entry: [{ effect: 'assignGroup', group: 7 }] },
    validating: {
      status: 'pending',
      label: { fr: 'En validation', en: 'Being validated' },
      timers: [{ after: 'P2D', action: 'expire' }],
      entry: [
        { effect: 'requestValidation', validators: [12, 13], rule: 'all' },
        { effect: 'notify', to: ['validators'] },
      ],
    },
    urgent: {
      status: 'assigned',
      label: { fr: 'Urgent', en: 'Urgent' },
      entry: [
        { effect: 'raisePriority', by: 2 },
        {
          effect: 'notify',
          to: ['requester', 'technicians'],
          message: { fr: 'Votre ticket <n° 12> passe en urgence & nous y travaillons', en: 'We send notes on your ticket' },
        },
      ],
    },
    parked: { status: 'pending', label: { fr: 'En attente', en: 'Parked' } },
    closed: { status: 'closed', label: { fr: 'Clos', en: 'Closed' }, final: true, entry: [{ effect: 'notify', to: ['requester'] }] },
  },
  actions: [
    { name: 'ask', from: ['new'], to: 'validating', roles: ['technician'] },
    { name: 'approve', from: ['validating'], to: 'urgent', roles: ['validator'], payload: ['decision'] },
    { name: 'refuse', from: ['validating'], to: 'closed', roles: ['validator'], payload: ['decision'] },
    { name: 'expire', from: ['validating'], to: 'new', roles: ['system'] },
    { name: 'park', from: ['urgent'], to: 'parked', roles: ['technician'] },
    { name: 'close', from: ['urgent', 'parked'], to: 'closed', roles: ['technician'] },
  ],
});
