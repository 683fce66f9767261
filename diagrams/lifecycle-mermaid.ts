import type { LifecycleDefinition } from '../lifecycles/definition';

const label = (text: string): string => text.replace(/[:;#\n]/g, ' ');

/**
 * A lifecycle drawn as a Mermaid state diagram: states with their labels, one arrow per action
 * (with its guard when it has one), from the initial state to the final ones.
 *
 * @example
 *   toMermaid(incident, 'en') // "stateDiagram-v2\n  [*] --> new\n  ..."
 */
export function toMermaid(definition: LifecycleDefinition, language: 'fr' | 'en' = 'fr'): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${definition.initial}`];
  for (const [name, state] of Object.entries(definition.states)) {
    lines.push(`  ${name}: ${label(state.label[language])}`);
    if (state.final) lines.push(`  ${name} --> [*]`);
  }
  for (const action of definition.actions) {
    for (const from of action.from) {
      lines.push(`  ${from} --> ${action.to}: ${action.name}${action.guard ? ` [${action.guard}]` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
