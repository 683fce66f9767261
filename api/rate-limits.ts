import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { DomainError } from '../core/errors';
import type { CurrentUser } from '../users/user';
import { MariadbRateLimitStore } from './rate-limit-store';

/**
 * Requests allowed per minute: from one address without a valid identity (logins, anonymous
 * routes, bad tokens), per logged-in person, and per API token. `scope` keeps the counters of one
 * deployment (or one test) apart from another's in a shared database.
 */
export interface RateLimits {
  perIpPerMinute: number;
  perUserPerMinute: number;
  perTokenPerMinute: number;
  scope?: string;
  /** The window the limits count in; a minute, shorter only in tests. */
  windowMs?: number;
}

/** Who the request's bearer token says it comes from, found once before the limits and reused by the route. */
export const identifiedCaller = (res: Response): CurrentUser | null => (res.locals['caller'] as CurrentUser | null | undefined) ?? null;

// Which limit counts the request: its person's, its API token's, or its address's when it has no identity.
function countedBy(res: Response): 'user' | 'token' | 'address' {
  const caller = identifiedCaller(res);
  if (caller === null) return 'address';
  return caller.tokenId === null ? 'user' : 'token';
}

// Over the limit: the error body every other error has, and Retry-After (set by the limiter) says when to come back.
const tooMany = (who: string): RequestHandler => {
  return (_req, _res, next) => next(new DomainError('rate_limited', `Too many requests ${who}; retry after the delay in Retry-After`));
};

/**
 * Finds the caller (`identify` answers null for no or a bad token), then limits: an identified
 * person per user, an API token per token, anyone else per address. Counters live in MariaDB.
 */
export function rateLimiters(limits: RateLimits, identify: (req: Request) => Promise<CurrentUser | null>): RequestHandler[] {
  const common = (name: string) => ({
    windowMs: limits.windowMs ?? 60_000,
    standardHeaders: 'draft-7' as const,
    legacyHeaders: false,
    store: new MariadbRateLimitStore(`${limits.scope ?? ''}${name}:`),
  });
  const identifying: RequestHandler = (req, res, next) => {
    identify(req).then((caller) => {
      res.locals['caller'] = caller;
      next();
    }, next);
  };
  return [
    identifying,
    rateLimit({
      ...common('ip'),
      limit: limits.perIpPerMinute,
      skip: (_req, res) => countedBy(res) !== 'address',
      keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
      handler: tooMany('from this address'),
    }),
    rateLimit({
      ...common('user'),
      limit: limits.perUserPerMinute,
      skip: (_req, res) => countedBy(res) !== 'user',
      keyGenerator: (_req, res) => String(identifiedCaller(res)!.id),
      handler: tooMany('from this user'),
    }),
    rateLimit({
      ...common('token'),
      limit: limits.perTokenPerMinute,
      skip: (_req, res) => countedBy(res) !== 'token',
      keyGenerator: (_req, res) => String(identifiedCaller(res)!.tokenId),
      handler: tooMany('with this API token'),
    }),
  ];
}
