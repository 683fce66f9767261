import { z } from 'zod';
import { CONDITION_FIELD_NAMES, CONDITION_FIELDS, NUMBER_OPERATORS, TEXT_OPERATORS, type ConditionField } from './condition-fields';

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
