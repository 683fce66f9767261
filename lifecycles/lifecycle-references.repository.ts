import { SupportGroupRow } from '../organisation/organisation.models';
import { UserRow } from '../users/user.models';
import { jsonPath } from './json-path';
import { isRecord, type LifecycleFinding } from './verify-lifecycle';

interface Reference {
  kind: 'group' | 'user';
  id: number;
  path: (string | number)[];
}

// The groups and users the states' entry effects name, wherever the definition is well enough formed to say.
function referencesOf(definition: unknown): Reference[] {
  if (!isRecord(definition) || !isRecord(definition['states'])) return [];
  return Object.entries(definition['states']).flatMap(([name, state]) => {
    const entry = isRecord(state) && Array.isArray(state['entry']) ? (state['entry'] as unknown[]) : [];
    return entry.flatMap((effect, k): Reference[] => {
      if (!isRecord(effect)) return [];
      const at = ['states', name, 'entry', k];
      const group = effect['group'];
      const validators = Array.isArray(effect['validators']) ? (effect['validators'] as unknown[]) : [];
      return [
        ...(effect['effect'] === 'assignGroup' && typeof group === 'number'
          ? [{ kind: 'group' as const, id: group, path: [...at, 'group'] }]
          : []),
        ...(effect['effect'] === 'requestValidation'
          ? validators.flatMap((id, v) => (typeof id === 'number' ? [{ kind: 'user' as const, id, path: [...at, 'validators', v] }] : []))
          : []),
      ];
    });
  });
}

/** Findings for the support groups and users the definition's entry effects name that do not exist here. */
export async function referenceFindings(definition: unknown): Promise<LifecycleFinding[]> {
  const references = referencesOf(definition);
  if (references.length === 0) return [];
  const idsOf = (kind: Reference['kind']) => [...new Set(references.filter((r) => r.kind === kind).map((r) => r.id))];
  const [groups, users] = await Promise.all([
    SupportGroupRow.findAll({ where: { id: idsOf('group') }, attributes: ['id'] }),
    UserRow.findAll({ where: { id: idsOf('user') }, attributes: ['id'] }),
  ]);
  const known = { group: new Set(groups.map((g) => g.id)), user: new Set(users.map((u) => u.id)) };
  return references
    .filter((r) => !known[r.kind].has(r.id))
    .map((r) => ({
      rule: 'unknown-reference' as const,
      path: jsonPath(r.path),
      message: r.kind === 'group' ? `no support group has the id ${r.id}` : `no user has the id ${r.id}`,
    }));
}
