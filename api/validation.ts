import { ValidationError } from '../core/errors';

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
