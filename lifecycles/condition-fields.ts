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
