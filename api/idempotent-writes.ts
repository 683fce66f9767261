import type { Request } from 'express';
import { z } from 'zod';
import { sha256Hex } from '../core/sha256';
import type { CurrentUser } from '../users/user';
import type { Route } from './route';
import { parseOrFail } from '../core/parse-or-fail';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

// Visible ASCII, as a UUID or any client-made token is.
const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, { message: '1 to 255 visible ASCII characters, such as a UUID' })
  .optional();

/** How long a key's outcome is kept by default. */
export const IDEMPOTENCY_KEEP_MS = 24 * 3_600_000;
/**
 * How long a process holds a key it runs without renewing it; it renews it three times as often,
 * so a retry takes over within this much after the process died.
 */
export const IDEMPOTENCY_LEASE_MS = 15_000;

/** The request's Idempotency-Key, on a write by a known caller; 400 naming the header when malformed. */
export function idempotencyKeyOf(req: Request, route: Route, user: CurrentUser | null): string | undefined {
  if (route.method === 'get' || !user) return undefined;
  return parseOrFail(IdempotencyKey, req.get(IDEMPOTENCY_HEADER), IDEMPOTENCY_HEADER);
}

/** What makes a retry the same request: method, path with its query, precondition and body. */
export function requestHashOf(req: Request): string {
  return sha256Hex(JSON.stringify([req.method, req.originalUrl, req.get('if-match') ?? null, req.body ?? null]));
}
