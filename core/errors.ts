/**
 * Every code an error answer may carry. The union is closed: api/error-middleware.ts maps each
 * one to its HTTP status in a table the compiler checks is complete, so a new code cannot be
 * thrown until its status is chosen.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'lifecycle_invalid'
  | 'invalid_json'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'illegal_action'
  | 'idempotency_key_reused'
  | 'request_in_progress'
  | 'no_next_level'
  | 'ticket_closed'
  | 'ticket_not_closed'
  | 'children_open'
  | 'link_cycle'
  | 'link_exists'
  | 'category_exists'
  | 'survey_answered'
  | 'survey_expired'
  | 'migration_running'
  | 'import_running'
  | 'profiles_managed_elsewhere'
  | 'directory_off'
  | 'stale_version'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal_error'
  | 'not_ready'
  | 'service_unavailable';

/**
 * Domain errors, thrown by services and mapped to HTTP in one place (api/error-middleware.ts).
 * Each carries a stable snake_case code and a sentence a user can act on.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class ValidationError extends DomainError {
  constructor(fields: Record<string, string>) {
    super('validation_failed', `Invalid ${Object.keys(fields).join(', ')}`, { fields });
  }
}
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} was not found`);
  }
}
export class UnauthorizedError extends DomainError {
  constructor(message = 'Log in, or send a valid bearer token') {
    super('unauthorized', message);
  }
}
export class ForbiddenError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('forbidden', message, details);
  }
}
export class IllegalActionError extends DomainError {
  constructor(action: string, state: string, allowed: string[]) {
    super('illegal_action', `"${action}" is not allowed while the ticket is ${state}; allowed now: ${allowed.join(', ') || 'none'}`, {
      allowed,
    });
  }
}
export class ConflictError extends DomainError {}
export class StaleVersionError extends DomainError {
  constructor(expected: number, current: number) {
    super('stale_version', `The ticket changed since version ${expected} (it is at ${current}); reload it and apply your change again`, {
      version: current,
    });
  }
}

/**
 * Not a refusal: the ticket's workflow accepted the change and records it as soon as it can. The
 * API answers 202 with where to look; the same Idempotency-Key later gets the final outcome.
 */
export class StillRecordingError extends Error {
  constructor(readonly location: string) {
    super('The change was accepted and will be recorded shortly');
  }
}
