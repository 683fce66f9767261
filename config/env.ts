import { readFileSync } from 'node:fs';
import { z } from 'zod';

// The variables read so far that were invalid, one line each.
const problems: string[] = [];

/**
 * Reads one environment variable, or the file named by `<NAME>_FILE` (for secrets mounted as
 * files), and parses it with `schema`. A bad value is noted (and read as undefined): once every
 * variable is read, {@link stopOnConfigProblems} names them all at once.
 */
export function envVar<T extends z.ZodType>(name: string, schema: T): z.infer<T> {
  const file = process.env[`${name}_FILE`];
  let raw: string | undefined;
  try {
    raw = file ? readFileSync(file, 'utf8').trim() : process.env[name];
  } catch {
    problems.push(`${name}_FILE: cannot read ${file}`);
    return undefined as z.infer<T>;
  }
  const parsed = schema.safeParse(raw === '' ? undefined : raw);
  if (!parsed.success) {
    problems.push(`${name}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
    return undefined as z.infer<T>;
  }
  return parsed.data;
}

/** Stops the process with one line per invalid variable, when there is any: nothing starts half-configured. */
export function stopOnConfigProblems(): void {
  if (problems.length === 0) return;
  process.stderr.write(`guichet cannot start, its configuration is invalid:\n${problems.map((problem) => `  - ${problem}\n`).join('')}`);
  process.exit(2);
}
