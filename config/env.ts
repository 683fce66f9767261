import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Reads one environment variable, or the file named by `<NAME>_FILE` (for secrets mounted as
 * files), and parses it with `schema`. A bad value stops the process with a message naming it.
 */
export function envVar<T extends z.ZodType>(name: string, schema: T): z.infer<T> {
  const file = process.env[`${name}_FILE`];
  const raw = file ? readFileSync(file, 'utf8').trim() : process.env[name];
  const parsed = schema.safeParse(raw === '' ? undefined : raw);
  if (!parsed.success) {
    throw new Error(`Environment variable ${name} is invalid: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  return parsed.data;
}
