/**
 * Domain errors, thrown by services and mapped to HTTP in one place (api/error-middleware.ts).
 * Each carries a stable snake_case code and a sentence a user can act on.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
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
