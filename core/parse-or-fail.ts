import type { z } from 'zod';
import { ValidationError } from './errors';

/** Parses `value` with `schema`, or throws a ValidationError naming each bad field. */
export function parseOrFail<T>(schema: z.ZodType<T>, value: unknown, prefix?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || (prefix ?? 'body');
    fields[path] ??= issue.message;
  }
  throw new ValidationError(fields);
}
