import type { z } from 'zod';
import { ValidationError } from '../core/errors';

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

/**
 * The version an If-Match header names (`"12"` or `W/"12"`, as our ETags are), or undefined when
 * absent or `*` (any version).
 */
export function versionOfIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!match) throw new ValidationError({ 'If-Match': 'send the ETag of the ticket as you read it, e.g. "12"' });
  return Number(match[1]);
}
