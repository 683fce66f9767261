import type { LineValues } from './injection-targets';

/** What became of a line. */
export type LineOutcome = 'created' | 'updated' | 'unchanged' | 'skipped' | 'rejected';

/** A line of a run's report: its outcome, the item it made or found, why it was refused or left, what it changed. */
export interface LineReport {
  line: number;
  outcome: LineOutcome;
  item?: number;
  reason?: string;
  /** The fields an update changed. */
  changed?: string[];
}

/** An item the line's identifying values found, with its fields as a line would give them. */
export interface FoundItem {
  id: number;
  values: Readonly<Record<string, string | number | null>>;
}

/** What a mapping lets a run do. */
export interface InjectionRules {
  /** Singular and plural, for the report ("computer", "computers"). */
  noun: readonly [string, string];
  identify: readonly string[];
  required: readonly string[];
  /** Fields read only for a new item (a user's profile: an import does not change someone's rights). */
  createOnly: readonly string[];
  allowCreate: boolean;
  allowUpdate: boolean;
}

/** What to write for a line, or what to report of it at once. */
export type LinePlan = { write: 'create' } | { write: 'update'; id: number; changed: string[] } | { report: Omit<LineReport, 'line'> };

/** The identifying values a line lacks: with any missing, it cannot be told apart from another item. */
export const missingIdentity = (values: LineValues, rules: Pick<InjectionRules, 'identify'>): string[] =>
  rules.identify.filter((field) => values[field] === undefined);

/**
 * What to do with a line whose values found `matches`: update the one it found (the fields whose
 * value differs), create a new item, or leave it, with the reason, when the mapping does not allow
 * that, a new item would lack a required field, or several items match.
 *
 * @example planLine({ name: 'PC-1', memoryMb: 8192 }, [{ id: 4, values: { name: 'PC-1', memoryMb: 4096 } }], rules) // { write: 'update', id: 4, changed: ['memoryMb'] }
 */
export function planLine(values: LineValues, matches: readonly FoundItem[], rules: InjectionRules): LinePlan {
  const [one, plural] = rules.noun;
  if (matches.length > 1) {
    return {
      report: { outcome: 'rejected', reason: `matches ${matches.length} ${plural} (${matches.map((item) => item.id).join(', ')})` },
    };
  }
  const [found] = matches;
  if (found) {
    const changed = Object.keys(values).filter((field) => !rules.createOnly.includes(field) && values[field] !== found.values[field]);
    if (changed.length === 0) return { report: { outcome: 'unchanged', item: found.id } };
    if (!rules.allowUpdate)
      return { report: { outcome: 'skipped', item: found.id, reason: `${one} ${found.id} exists and updates are not allowed` } };
    return { write: 'update', id: found.id, changed };
  }
  if (!rules.allowCreate) return { report: { outcome: 'skipped', reason: `no such ${one} and creation is not allowed` } };
  const lacking = rules.required.filter((field) => values[field] === undefined);
  if (lacking.length > 0) return { report: { outcome: 'rejected', reason: `${lacking.join(', ')}: needed to create a ${one}` } };
  return { write: 'create' };
}

/** A run's counts by outcome. */
export function countOutcomes(lines: readonly LineReport[]): Record<LineOutcome, number> {
  const counts: Record<LineOutcome, number> = { created: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0 };
  for (const line of lines) counts[line.outcome] += 1;
  return counts;
}
