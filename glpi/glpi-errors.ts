import { DomainError, ValidationError } from '../core/errors';
import { glpiFieldOf } from './glpi-ticket';

/** An answer GLPI gives in its own words: `[code, message]` with its HTTP status. */
export class GlpiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A refusal of ours as GLPI would answer it; anything else is a fault, answered without its details. */
export function glpiErrorOf(error: unknown): GlpiError {
  if (error instanceof GlpiError) return error;
  if (error instanceof ValidationError) {
    const fields = (error.details?.['fields'] ?? {}) as Record<string, string>;
    const message = Object.entries(fields)
      .map(([field, text]) => `${glpiFieldOf(field)}: ${text}`)
      .join('; ');
    return new GlpiError(400, 'ERROR_BAD_ARRAY', message);
  }
  if (error instanceof DomainError) {
    switch (error.code) {
      case 'not_found':
        return new GlpiError(404, 'ERROR_ITEM_NOT_FOUND', 'Item not found');
      case 'forbidden':
        return new GlpiError(403, 'ERROR_RIGHT_MISSING', `You don't have permission to perform this action. ${error.message}`);
      case 'unauthorized':
        return new GlpiError(401, 'ERROR_SESSION_TOKEN_INVALID', 'session_token seems invalid');
      case 'rate_limited':
        return new GlpiError(429, 'ERROR', error.message);
      case 'service_unavailable':
      case 'not_ready':
        return new GlpiError(503, 'ERROR', error.message);
      default:
        return new GlpiError(400, 'ERROR', error.message);
    }
  }
  return new GlpiError(500, 'ERROR', 'An internal error occurred; it has been logged');
}
