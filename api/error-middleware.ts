import type { ErrorRequestHandler } from 'express';
import { DomainError, type ErrorCode } from '../core/errors';
import { logger } from '../config/logger';
import { isServiceFault } from '../core/service-fault';

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
  request_in_progress: 409,
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
  import_running: 409,
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

// Seconds a client should wait before retrying, for the answers that say to retry.
const RETRY_AFTER: Partial<Record<ErrorCode, string>> = { request_in_progress: '1', service_unavailable: '5' };

/** A refusal's answer: its status, the `Retry-After` it asks for, and its body. */
export function answerOf(error: DomainError): { status: number; retryAfter?: string; body: object } {
  return {
    status: STATUS_OF[error.code],
    retryAfter: RETRY_AFTER[error.code],
    body: { error: { code: error.code, message: error.message, details: error.details } },
  };
}

/** Maps every error to `{error: {code, message, details}}`; unexpected ones are logged, never shown. */
export const errorMiddleware: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  let known = error instanceof DomainError ? error : requestError(error);
  if (!known && isServiceFault(error)) {
    logger.warn({ err: error, method: req.method, url: req.originalUrl }, 'a service is out of reach');
    known = new DomainError('service_unavailable', 'A service guichet needs is out of reach; retry shortly');
  }
  if (known) {
    const { status, retryAfter, body } = answerOf(known);
    if (retryAfter) res.set('Retry-After', retryAfter);
    res.status(status).json(body);
    return;
  }
  logger.error({ err: error, method: req.method, url: req.originalUrl }, 'request failed');
  const code: ErrorCode = 'internal_error';
  res.status(STATUS_OF[code]).json({ error: { code, message: 'Something went wrong on our side; it has been logged' } });
};
