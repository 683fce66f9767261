import { describe, expect, it } from 'vitest';
import { FieldCondition } from '../../lifecycles/field-condition.schema';
import { conditionsHold, describeConditions } from '../../lifecycles/field-conditions';
import type { TicketContext } from '../../lifecycles/ticket-context';

const context = (extra: Partial<TicketContext> = {}): TicketContext => ({
  requester: 10,
  assignee: 20,
  group: null,
  level: 2,
  validator: null,
  ...extra,
});
const facts = { priority: 5, type: 'incident' as const };
const holds = (conditions: unknown[], ctx = context()) =>
  conditionsHold(
    conditions.map((c) => FieldCondition.parse(c)),
    ctx,
    facts,
  );

describe('conditions on ticket fields', () => {
  it('compares priority and level as numbers, type as text, all of them together', () => {
    expect(holds([{ field: 'priority', op: '>=', value: 5 }])).toBe(true);
    expect(holds([{ field: 'priority', op: '<', value: 5 }])).toBe(false);
    expect(holds([{ field: 'level', op: '==', value: 2 }])).toBe(true);
    expect(holds([{ field: 'type', op: '!=', value: 'request' }])).toBe(true);
    expect(
      holds([
        { field: 'type', op: '==', value: 'incident' },
        { field: 'priority', op: '<=', value: 2 },
      ]),
    ).toBe(false);
  });

  it('reads where the request for validation stands: none, waiting, accepted (any or all), refused', () => {
    const is = (value: string, ctx: TicketContext) => holds([{ field: 'validation', op: '==', value }], ctx);
    expect(is('none', context())).toBe(true);
    expect(is('waiting', context({ validators: [30, 31], validationRule: 'all', approvals: [30] }))).toBe(true);
    expect(is('accepted', context({ validators: [30, 31], validationRule: 'all', approvals: [30, 31] }))).toBe(true);
    expect(is('accepted', context({ validators: [30, 31], validationRule: 'any', approvals: [31] }))).toBe(true);
    expect(is('refused', context({ validators: [30], approvals: [], refusals: [30] }))).toBe(true);
  });

  it('refuses values out of a field’s range or vocabulary, and ordering of text, naming the part to fix', () => {
    const issues = (condition: unknown) => FieldCondition.safeParse(condition).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({ field: 'priority', op: '<=', value: 9 })).toEqual([['value', 'priority is a whole number from 1 to 6']]);
    expect(issues({ field: 'type', op: '<', value: 'problem' })).toEqual([
      ['op', 'type is compared with == or != only'],
      ['value', 'type is one of "incident", "request"'],
    ]);
    expect(issues({ field: 'category', op: '==', value: 3 })?.[0]?.[0]).toBe('field');
  });

  it('reads as a diagram shows it', () => {
    const conditions = [
      { field: 'priority', op: '<=', value: 2 },
      { field: 'type', op: '==', value: 'request' },
    ].map((c) => FieldCondition.parse(c));
    expect(describeConditions(conditions, 'fr')).toBe('priorité ≤ 2 et type = demande');
    expect(describeConditions(conditions, 'en')).toBe('priority ≤ 2 and type = request');
  });
});
