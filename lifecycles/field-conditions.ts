import { z } from 'zod';
import type { Language } from '../core/language';
import { validatorsOf, type TicketContext, type TicketFacts } from './ticket-context';

/**
 * The ticket fields an action's `when` may test: a closed vocabulary, each with the values it
 * takes. `validation` is where the current request for validation stands.
 */
export const CONDITION_FIELDS = {
  priority: { kind: 'number', min: 1, max: 6 },
  level: { kind: 'number', min: 1, max: 9 },
  type: { kind: 'text', values: ['incident', 'request'] },
  validation: { kind: 'text', values: ['none', 'waiting', 'accepted', 'refused'] },
} as const;
export type ConditionField = keyof typeof CONDITION_FIELDS;
export const CONDITION_FIELD_NAMES = Object.keys(CONDITION_FIELDS) as ConditionField[];

export const NUMBER_OPERATORS = ['==', '!=', '<', '<=', '>', '>='] as const;
export const TEXT_OPERATORS = ['==', '!='] as const;

/** Each field with the operators it is compared with: published in the JSON Schema (`x-fields`), which editors read. */
const FIELDS_WITH_OPERATORS = Object.fromEntries(
  CONDITION_FIELD_NAMES.map((name) => {
    const field = CONDITION_FIELDS[name];
    return [name, { ...field, operators: field.kind === 'number' ? NUMBER_OPERATORS : TEXT_OPERATORS }];
  }),
);

/** One test of a ticket field, such as `{ "field": "priority", "op": "<=", "value": 2 }`. */
export const FieldCondition = z
  .strictObject({
    field: z.enum(CONDITION_FIELD_NAMES as [ConditionField, ...ConditionField[]]),
    op: z.enum(NUMBER_OPERATORS),
    value: z.union([z.number().int(), z.string()]),
  })
  .superRefine((condition, ctx) => {
    const field = CONDITION_FIELDS[condition.field];
    if (field.kind === 'number') {
      if (typeof condition.value !== 'number' || condition.value < field.min || condition.value > field.max) {
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          message: `${condition.field} is a whole number from ${field.min} to ${field.max}`,
        });
      }
      return;
    }
    if (!(TEXT_OPERATORS as readonly string[]).includes(condition.op)) {
      ctx.addIssue({ code: 'custom', path: ['op'], message: `${condition.field} is compared with == or != only` });
    }
    if (!(field.values as readonly unknown[]).includes(condition.value)) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `${condition.field} is one of ${field.values.map((v) => `"${v}"`).join(', ')}`,
      });
    }
  })
  .meta({ 'x-fields': FIELDS_WITH_OPERATORS });
export type FieldCondition = z.infer<typeof FieldCondition>;

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
