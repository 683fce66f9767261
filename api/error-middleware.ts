import type { ErrorRequestHandler } from 'express';
import { ConnectionError } from 'sequelize';
import { DomainError, type ErrorCode } from '../core/errors';
import { logger } from '../config/logger';

// The compiler checks every code has its status.
const STATUS_OF: Record<ErrorCode, number> = {
  validation_failed: 400,
  lifecycle_invalid: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  illegal_action: 409,
  idempotency_key_reused: 409,
  no_next_level: 409,
  ticket_closed: 409,
  ticket_not_closed: 409,
  children_open: 409,
  link_cycle: 409,
  link_exists: 409,
  category_exists: 409,
  survey_answered: 409,
  survey_expired: 409,
  migration_running: 409,
  profiles_managed_elsewhere: 409,
  directory_off: 409,
  stale_version: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  not_ready: 503,
  service_unavailable: 503,
};

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

// MariaDB, ClickHouse or Temporal out of reach: the client may retry, nothing is its fault.
function isUnavailable(error: unknown): boolean {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof ConnectionError) return true;
    const code = (cause as { code?: unknown }).code;
    if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED || code === 'ECONNREFUSED' || code === 'ECONNRESET') return true;
  }
  return false;
}

// Errors raised before a route runs (body parser, router), as the client's own mistakes.
function requestError(error: unknown): DomainError | undefined {
  const parserError = error as { type?: string; status?: number };
  if (parserError.type === 'entity.too.large') return new DomainError('payload_too_large', 'The request body is too large');
  if (parserError.type === 'entity.parse.failed') return new DomainError('invalid_json', 'The request body is not valid JSON');
  // The router could not percent-decode a path parameter (`/tickets/%E0%A4%A`).
  if (error instanceof URIError && parserError.status === 400) {
    return new DomainError('validation_failed', 'Invalid path', { fields: { path: 'percent-encode each path parameter as UTF-8' } });
  }
  return undefined;
}

/** Maps every error to `{error: {code, message, details}}`; unexpected ones are logged, never shown. */
export const errorMiddleware: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const known = error instanceof DomainError ? error : requestError(error);
  if (known) {
    res.status(STATUS_OF[known.code]).json({ error: { code: known.code, message: known.message, details: known.details } });
    return;
  }
  if (isUnavailable(error)) {
    logger.warn({ err: error, method: req.method, url: req.originalUrl }, 'a service is out of reach');
    const code: ErrorCode = 'service_unavailable';
    res
      .status(STATUS_OF[code])
      .set('Retry-After', '5')
      .json({ error: { code, message: 'A service guichet needs is out of reach; retry shortly' } });
    return;
  }
  logger.error({ err: error, method: req.method, url: req.originalUrl }, 'request failed');
  const code: ErrorCode = 'internal_error';
  res.status(STATUS_OF[code]).json({ error: { code, message: 'Something went wrong on our side; it has been logged' } });
};
