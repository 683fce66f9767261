import type { EntryEffect } from './entry-effect.schema';
import type { Notified } from './notified';

export type { EntryEffect };

/** The effects the lifecycle machine takes itself (they change the ticket's context in the same transition). */
export const MACHINE_EFFECTS = ['assignGroup', 'requestValidation'] as const;
export type MachineEffect = Extract<EntryEffect, { effect: (typeof MACHINE_EFFECTS)[number] }>;
/** The effects the ticket's workflow takes after the transition, as events of their own. */
export type WorkflowEffect = Exclude<EntryEffect, MachineEffect>;

export const isMachineEffect = (effect: EntryEffect): effect is MachineEffect =>
  (MACHINE_EFFECTS as readonly string[]).includes(effect.effect);

const NOTIFIED_LABELS: Record<Notified, Record<'fr' | 'en', string>> = {
  requester: { fr: 'demandeur', en: 'requester' },
  technicians: { fr: 'techniciens', en: 'technicians' },
  groups: { fr: 'groupes', en: 'groups' },
  validators: { fr: 'valideurs', en: 'validators' },
};

/**
 * An entry effect as a diagram shows it, with the defaults the ticket's workflow applies (a
 * validation any one validator settles, a priority raised by one) and a notification's own message.
 *
 * @example
 *   describeEffect({ effect: 'requestValidation', validators: [12, 13], rule: 'all' }, 'fr') // 'validation demandée (tous : 12, 13)'
 *   describeEffect({ effect: 'notify', to: ['requester', 'technicians'] }, 'en') // 'notifies: requester, technicians'
 */
export function describeEffect(effect: EntryEffect, lang: 'fr' | 'en'): string {
  const fr = lang === 'fr';
  switch (effect.effect) {
    case 'assignGroup':
      return fr ? `→ groupe n° ${effect.group}` : `→ group no. ${effect.group}`;
    case 'requestValidation': {
      const ids = effect.validators.join(', ');
      const all = effect.rule === 'all';
      return fr ? `validation demandée (${all ? 'tous' : 'un seul'} : ${ids})` : `validation requested (${all ? 'all' : 'any'}: ${ids})`;
    }
    case 'raisePriority':
      return `${fr ? 'priorité' : 'priority'} +${effect.by ?? 1}`;
    case 'notify': {
      const to = effect.to.map((who) => NOTIFIED_LABELS[who][lang]).join(', ');
      const message = effect.message ? (fr ? ` « ${effect.message.fr} »` : ` “${effect.message.en}”`) : '';
      return `${fr ? 'notifie :' : 'notifies:'} ${to}${message}`;
    }
  }
}
