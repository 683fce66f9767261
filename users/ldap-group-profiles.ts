import type { GroupProfileMapping } from './ldap-settings';
import { PROFILE_RANK, type Profile } from './profiles';

/** A profile held in an entity, and in the entities below it when `recursive`. */
export interface HeldProfile {
  entity: number;
  profile: Profile;
  recursive: boolean;
}

const byRankThenEntity = (a: HeldProfile, b: HeldProfile): number =>
  PROFILE_RANK.indexOf(a.profile) - PROFILE_RANK.indexOf(b.profile) || a.entity - b.entity;

/**
 * The profiles that membership of `groups` gives, broadest first, one per entity and profile
 * (recursive when any of its mappings is).
 *
 * @example
 * profilesOfGroups([{ group: 'cn=tech,dc=x', profile: 'technician', entity: 1, recursive: true }], ['cn=tech,dc=x'])
 * // → [{ entity: 1, profile: 'technician', recursive: true }]
 */
export function profilesOfGroups(mappings: readonly GroupProfileMapping[], groups: readonly string[]): HeldProfile[] {
  const held = new Map<string, HeldProfile>();
  for (const mapping of mappings) {
    if (!groups.includes(mapping.group)) continue;
    const key = `${mapping.entity}:${mapping.profile}`;
    const recursive = mapping.recursive || (held.get(key)?.recursive ?? false);
    held.set(key, { entity: mapping.entity, profile: mapping.profile, recursive });
  }
  return [...held.values()].sort(byRankThenEntity);
}

/** One line per held profile, e.g. `technician@1+` (`+`: and below), to compare and to audit. */
export const describeProfiles = (held: readonly HeldProfile[]): string[] =>
  [...held].sort(byRankThenEntity).map((p) => `${p.profile}@${p.entity}${p.recursive ? '+' : ''}`);
