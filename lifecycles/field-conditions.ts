import type { Language } from '../core/language';
import type { ConditionField } from './condition-fields';
import type { FieldCondition } from './field-condition.schema';
import { validatorsOf, type TicketContext, type TicketFacts } from './ticket-context';

export type { FieldCondition };

/** Where the ticket's current request for validation stands. */
function validationOf(context: TicketContext): string {
  const validators = validatorsOf(context);
  if (validators.length === 0) return 'none';
  if ((context.refusals ?? []).length > 0) return 'refused';
  const approvals = new Set(context.approvals ?? []);
  const accepted = context.validationRule === 'all' ? validators.every((id) => approvals.has(id)) : approvals.size > 0;
  return accepted ? 'accepted' : 'waiting';
}

function fieldValue(field: ConditionField, context: TicketContext, facts: TicketFacts | undefined): number | string | null {
  if (field === 'level') return context.level;
  if (field === 'validation') return validationOf(context);
  return facts?.[field] ?? null;
}

/** Whether every condition holds for the ticket; a field the ticket does not know makes its condition false. */
export function conditionsHold(conditions: readonly FieldCondition[], context: TicketContext, facts: TicketFacts | undefined): boolean {
  return conditions.every(({ field, op, value }) => {
    const actual = fieldValue(field, context, facts);
    if (actual === null) return false;
    if (op === '==') return actual === value;
    if (op === '!=') return actual !== value;
    if (typeof actual !== 'number' || typeof value !== 'number') return false;
    if (op === '<') return actual < value;
    if (op === '<=') return actual <= value;
    if (op === '>') return actual > value;
    return actual >= value;
  });
}

const SHOWN_OPERATOR: Record<FieldCondition['op'], string> = { '==': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

// The fields and their text values in the reader's language.
const FIELD_WORDS: Record<ConditionField, Record<Language, string>> = {
  priority: { fr: 'priorité', en: 'priority' },
  level: { fr: 'niveau', en: 'level' },
  type: { fr: 'type', en: 'type' },
  validation: { fr: 'validation', en: 'validation' },
};
const VALUE_WORDS: Record<string, Record<Language, string>> = {
  incident: { fr: 'incident', en: 'incident' },
  request: { fr: 'demande', en: 'request' },
  none: { fr: 'aucune', en: 'none' },
  waiting: { fr: 'en attente', en: 'waiting' },
  accepted: { fr: 'acceptée', en: 'accepted' },
  refused: { fr: 'refusée', en: 'refused' },
};

/** `priorité ≤ 2 et type = demande`: the conditions as a diagram shows them, in `lang`. */
export function describeConditions(conditions: readonly FieldCondition[], lang: Language): string {
  const and = lang === 'fr' ? ' et ' : ' and ';
  const shown = (value: number | string) => (typeof value === 'string' ? (VALUE_WORDS[value]?.[lang] ?? value) : String(value));
  return conditions.map(({ field, op, value }) => `${FIELD_WORDS[field][lang]} ${SHOWN_OPERATOR[op]} ${shown(value)}`).join(and);
}
