import type { LifecycleAction, LifecycleDefinition } from '../lifecycles/definition';
import { describeConditions } from '../lifecycles/field-conditions';
import type { Language } from '../core/language';
import { GUARD_CONDITIONS } from '../lifecycles/action-names';

const guarded = (action: LifecycleAction) => action.guard !== undefined || action.when !== undefined;

/**
 * The entries of the action named `action` that leave `state`, guarded ones first as the compiled
 * machine tries them: where the action, or a timer taking it, leads from there.
 */
export function entriesLeaving(definition: LifecycleDefinition, state: string, action: string): LifecycleAction[] {
  const entries = definition.actions.filter((a) => a.name === action && a.from.includes(state));
  return [...entries.filter(guarded), ...entries.filter((a) => !guarded(a))];
}

/**
 * What must hold for an action's entry to be taken, as the diagrams write it between brackets:
 * what its named guard checks and its field conditions, in `language`; none on an unguarded entry.
 *
 * @example
 *   conditionOf({ name: 'deescalate', guard: 'wasEscalated', … }, 'fr') // 'escaladé auparavant'
 */
export function conditionOf(action: LifecycleAction, language: Language): string | undefined {
  const parts = [action.guard && GUARD_CONDITIONS[action.guard][language], action.when && describeConditions(action.when, language)].filter(
    (part) => part !== undefined,
  );
  return parts.length > 0 ? parts.join(language === 'fr' ? ' et ' : ' and ') : undefined;
}
