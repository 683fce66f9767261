import { z } from 'zod';
import { EntryEffect } from './entry-effect.schema';
import { FieldCondition } from './field-condition.schema';
import { StateTimer } from './state-timer.schema';

/** The canonical statuses every lifecycle state maps to; KPIs, filters and the API speak these. */
export const CANONICAL_STATUSES = ['new', 'assigned', 'planned', 'pending', 'resolved', 'closed'] as const;
export const CanonicalStatus = z.enum(CANONICAL_STATUSES);
export type CanonicalStatus = z.infer<typeof CanonicalStatus>;

/** Guards a definition may name: a closed vocabulary, never code. */
export const GUARD_NAMES = [
  'hasAssignment',
  'validationAccepted',
  'validationComplete',
  'stillAssignedAfterUnassign',
  'wasEscalated',
] as const;
export type GuardName = (typeof GUARD_NAMES)[number];
/**
 * What each guard reads: fields of the action's payload it needs (the action must declare them)
 * and the ticket fields it looks at. Guards read nothing else, so a definition cannot test an
 * unknown field. `stillAssignedAfterUnassign` also reads the optional `assignee` and `group`
 * (whom to unassign), which an action need not declare: without them it unassigns everyone.
 */
export const GUARD_READS: Record<GuardName, { payload: readonly string[]; ticket: readonly string[] }> = {
  hasAssignment: { payload: [], ticket: ['technicians', 'groups'] },
  validationAccepted: { payload: ['decision'], ticket: [] },
  validationComplete: { payload: ['decision'], ticket: ['validators', 'validationRule', 'approvals'] },
  stillAssignedAfterUnassign: { payload: [], ticket: ['technicians', 'groups'] },
  wasEscalated: { payload: [], ticket: ['escalatedFrom'] },
};
/** Entry effects a definition may name: a closed catalogue. */
export const EFFECT_NAMES = ['setAssignment', 'clearAssignment', 'raiseLevel', 'lowerLevel', 'setValidator', 'recordDecision'] as const;
/**
 * Who may take an action: a profile (`technician`, `supervisor`), a relation to the ticket
 * (`requester`, `validator`), or `system` for the ticket's own clocks. Admins may take any action.
 */
export const ROLE_NAMES = ['technician', 'supervisor', 'requester', 'validator', 'system'] as const;

/** A lifecycle's key (`incident`, `change-cab`) and a state's name (`awaiting_parts`). */
export const LifecycleKey = z.string().regex(/^[a-z][a-z0-9_-]*$/);
export const STATE_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;

const Label = z.strictObject({ fr: z.string().min(1), en: z.string().min(1) });

export const LifecycleState = z.strictObject({
  status: CanonicalStatus,
  label: Label,
  final: z.boolean().optional(),
  /** Clocks of the state: the workflow takes their action as `system` when they run out. */
  timers: z.array(StateTimer).max(10).optional(),
  /** What entering the state does (from another state, or from another version by migration, not by staying). */
  entry: z.array(EntryEffect).max(10).optional(),
});

export const LifecycleAction = z.strictObject({
  name: z.string().regex(/^[a-z][a-z_]*$/, 'action names are snake_case'),
  /** What the web UI's button says (entries of one name share it); without one, the UI's own name for the shipped actions, or the name. */
  label: Label.optional(),
  from: z.array(z.string()).min(1),
  to: z.string(),
  guard: z.enum(GUARD_NAMES).optional(),
  /** Tests of the ticket's fields that must all hold for the action to go this way. */
  when: z.array(FieldCondition).min(1).max(10).optional(),
  roles: z.array(z.enum(ROLE_NAMES)).min(1),
  payload: z.array(z.string()).optional(),
  effects: z.array(z.enum(EFFECT_NAMES)).optional(),
});

export const LifecycleDefinition = z
  .strictObject({
    key: LifecycleKey,
    label: Label,
    initial: z.string(),
    states: z.record(z.string().regex(STATE_NAME_PATTERN), LifecycleState),
    actions: z.array(LifecycleAction).min(1),
  })
  .superRefine((def, ctx) => {
    const known = new Set(Object.keys(def.states));
    if (!known.has(def.initial)) {
      ctx.addIssue({ code: 'custom', path: ['initial'], message: `initial state "${def.initial}" is not among the states` });
    }
    def.actions.forEach((action, i) => {
      for (const from of action.from) {
        if (!known.has(from)) {
          ctx.addIssue({ code: 'custom', path: ['actions', i, 'from'], message: `action "${action.name}" leaves unknown state "${from}"` });
        }
      }
      if (!known.has(action.to)) {
        ctx.addIssue({
          code: 'custom',
          path: ['actions', i, 'to'],
          message: `action "${action.name}" goes to unknown state "${action.to}"`,
        });
      }
    });
  });

export type LifecycleDefinition = z.infer<typeof LifecycleDefinition>;
export type LifecycleAction = z.infer<typeof LifecycleAction>;
export type RoleName = (typeof ROLE_NAMES)[number];
