import type { ErrorRequestHandler } from 'express';
import { ConnectionError } from 'sequelize';
import { DomainError } from '../core/errors';
import { logger } from '../config/logger';

const STATUS_OF: Record<string, number> = {
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
  stale_version: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  not_ready: 503,
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

/** Maps every error to `{error: {code, message, details}}`; unexpected ones are logged, never shown. */
export const errorMiddleware: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const parserError = error as { type?: string; status?: number };
  if (parserError.type === 'entity.too.large') {
    res.status(413).json({ error: { code: 'payload_too_large', message: 'The request body is too large' } });
    return;
  }
  if (parserError.type === 'entity.parse.failed') {
    res.status(400).json({ error: { code: 'invalid_json', message: 'The request body is not valid JSON' } });
    return;
  }
  // The router could not percent-decode a path parameter (`/tickets/%E0%A4%A`): the client's mistake.
  if (error instanceof URIError && parserError.status === 400) {
    const fields = { path: 'percent-encode each path parameter as UTF-8' };
    res.status(400).json({ error: { code: 'validation_failed', message: 'Invalid path', details: { fields } } });
    return;
  }
  if (error instanceof DomainError) {
    res.status(STATUS_OF[error.code] ?? 409).json({ error: { code: error.code, message: error.message, details: error.details } });
    return;
  }
  if (isUnavailable(error)) {
    logger.warn({ err: error, method: req.method, url: req.originalUrl }, 'a service is out of reach');
    res
      .status(503)
      .set('Retry-After', '5')
      .json({ error: { code: 'service_unavailable', message: 'A service guichet needs is out of reach; retry shortly' } });
    return;
  }
  logger.error({ err: error, method: req.method, url: req.originalUrl }, 'request failed');
  res.status(500).json({ error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged' } });
};
