import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { DomainError } from '../core/errors';
import { sha256Hex } from '../core/sha256';
import { API_TOKEN_PREFIX } from '../users/api-token.repository';

/** Requests allowed per minute, from one address and with one API token. */
export interface RateLimits {
  perIpPerMinute: number;
  perTokenPerMinute: number;
}

const WINDOW_MS = 60_000;

const apiTokenOf = (req: Request): string | null => {
  const token = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '')?.[1];
  return token?.startsWith(API_TOKEN_PREFIX) ? token : null;
};

// Over the limit: the error body every other error has, and Retry-After (set by the limiter) says when to come back.
const tooMany = (who: string): RequestHandler => {
  return (_req, _res, next) => next(new DomainError('rate_limited', `Too many requests ${who}; retry after the delay in Retry-After`));
};

/** Limits per client address (every API request) and per API token (requests made with one). */
export function rateLimiters(limits: RateLimits): RequestHandler[] {
  return [
    rateLimit({
      windowMs: WINDOW_MS,
      limit: limits.perIpPerMinute,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
      handler: tooMany('from this address'),
    }),
    rateLimit({
      windowMs: WINDOW_MS,
      limit: limits.perTokenPerMinute,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      skip: (req) => apiTokenOf(req) === null,
      // The limiter keeps the token's hash, never the token.
      keyGenerator: (req) => sha256Hex(apiTokenOf(req)!),
      handler: tooMany('with this API token'),
    }),
  ];
}
