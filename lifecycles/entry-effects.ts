import { z } from 'zod';

const id = z.number().int().positive();

/** Who a notification goes to, as the ticket knows them. */
export const NOTIFIED = ['requester', 'technicians', 'groups', 'validators'] as const;
export type Notified = (typeof NOTIFIED)[number];

/**
 * What entering a state does, from a fixed catalogue: hand the ticket to a group, ask named
 * users to validate it, raise its priority, notify the people it names. No code.
 */
export const EntryEffect = z.discriminatedUnion('effect', [
  z.strictObject({ effect: z.literal('assignGroup'), group: id }),
  z.strictObject({
    effect: z.literal('requestValidation'),
    validators: z.array(id).min(1).max(20),
    rule: z.enum(['any', 'all']).optional(),
  }),
  z.strictObject({ effect: z.literal('raisePriority'), by: z.number().int().min(1).max(5).optional() }),
  z.strictObject({
    effect: z.literal('notify'),
    to: z.array(z.enum(NOTIFIED)).min(1),
    message: z.strictObject({ fr: z.string().min(1).max(500), en: z.string().min(1).max(500) }).optional(),
  }),
]);
export type EntryEffect = z.infer<typeof EntryEffect>;

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
