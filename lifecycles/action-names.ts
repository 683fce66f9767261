import type { Language } from '../core/language';
import type { GuardName, LifecycleDefinition } from './definition';

/**
 * The shipped lifecycles' actions as people call them, in each language: the names the buttons and
 * the diagrams show where a definition gives no label of its own. Read by the web UI too.
 */
export const ACTION_NAMES: Record<Language, Record<string, string>> = {
  fr: {
    assign: 'Prendre en charge',
    unassign: 'Retirer l’attribution',
    plan: 'Planifier',
    pend: 'Mettre en attente',
    resume: 'Reprendre',
    escalate: 'Escalader au niveau suivant',
    deescalate: 'Rendre au niveau précédent',
    resolve: 'Résoudre',
    accept_solution: 'Accepter la solution',
    refuse_solution: 'Refuser la solution',
    close: 'Clore',
    request_validation: 'Demander une validation',
    validate: 'Valider',
    assess: 'Évaluer',
    reassess: 'Réévaluer',
    approve_standard: 'Approuver (changement standard)',
    implement: 'Mettre en œuvre',
    rework: 'Reprendre la préparation',
    start_review: 'Passer en revue',
    withdraw: 'Retirer la demande',
  },
  en: {
    assign: 'Take it',
    unassign: 'Remove the assignment',
    plan: 'Plan',
    pend: 'Put on hold',
    resume: 'Resume',
    escalate: 'Escalate to the next level',
    deescalate: 'Send back to the previous level',
    resolve: 'Resolve',
    accept_solution: 'Accept the solution',
    refuse_solution: 'Refuse the solution',
    close: 'Close',
    request_validation: 'Ask for approval',
    validate: 'Approve or refuse',
    assess: 'Assess',
    reassess: 'Assess again',
    approve_standard: 'Approve (standard change)',
    implement: 'Implement',
    rework: 'Rework',
    start_review: 'Start the review',
    withdraw: 'Withdraw',
  },
};

/** What each guard checks, as a short condition in each language. */
export const GUARD_CONDITIONS: Record<GuardName, Record<Language, string>> = {
  hasAssignment: { fr: 'quelqu’un est attribué', en: 'someone is assigned' },
  validationAccepted: { fr: 'validation acceptée', en: 'approval accepted' },
  validationComplete: { fr: 'toutes les validations rendues', en: 'every approval given' },
  stillAssignedAfterUnassign: { fr: 'encore quelqu’un d’attribué', en: 'someone still assigned' },
  wasEscalated: { fr: 'escaladé auparavant', en: 'escalated before' },
};

/** How `action` is called in `language`: the definition's own label, else the shipped name, else its key. */
export function actionName(definition: LifecycleDefinition, action: string, language: Language): string {
  const labelled = definition.actions.find((entry) => entry.name === action && entry.label)?.label;
  return labelled?.[language] ?? ACTION_NAMES[language][action] ?? action;
}
