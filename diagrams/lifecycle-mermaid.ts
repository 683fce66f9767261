import type { LifecycleAction, LifecycleDefinition } from '../lifecycles/definition';
import { describeEffect } from '../lifecycles/entry-effects';
import { describeTimer } from '../lifecycles/state-timers';
import { conditionOf, entriesLeaving } from './action-labels';
import type { Language } from '../core/language';

const label = (text: string): string => text.replace(/[:;#\n]/g, ' ');

// A note's lines run to "end note", which a notification's message could say ("we send notes"): a
// zero-width space keeps those words apart.
const noteLine = (text: string): string => text.replace(/\s+/g, ' ').replace(/end note/gi, (words) => words.replace(' ', ' \u200b'));

const transition = (action: LifecycleAction, language: Language): string => {
  const condition = conditionOf(action, language);
  return condition ? `${action.name} [${condition}]` : action.name;
};

/**
 * A lifecycle drawn as a Mermaid state diagram: states with their labels, one arrow per action
 * (with its guard and conditions when it has them) and one per state timer (its delay and the
 * action it takes), a note beside each state listing its entry effects, from the initial state to
 * the final ones.
 *
 * @example
 *   toMermaid(change, 'fr') // "stateDiagram-v2\n  [*] --> new\n  …\n  approval_board --> assessment: ⏱ 10 jours → reassess\n"
 */
export function toMermaid(definition: LifecycleDefinition, language: Language = 'fr'): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${definition.initial}`];
  for (const [name, state] of Object.entries(definition.states)) {
    lines.push(`  ${name}: ${label(state.label[language])}`);
    if (state.final) lines.push(`  ${name} --> [*]`);
  }
  for (const action of definition.actions) {
    for (const from of action.from) lines.push(`  ${from} --> ${action.to}: ${label(transition(action, language))}`);
  }
  for (const [name, state] of Object.entries(definition.states)) {
    if (state.entry?.length) {
      lines.push(
        `  note right of ${name}`,
        ...state.entry.map((effect) => `    ${noteLine(describeEffect(effect, language))}`),
        '  end note',
      );
    }
    for (const timer of state.timers ?? []) {
      for (const entry of entriesLeaving(definition, name, timer.action)) {
        lines.push(`  ${name} --> ${entry.to}: ${label(`⏱ ${describeTimer(timer, language)} → ${transition(entry, language)}`)}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
