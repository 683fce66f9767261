import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { ConflictError, ForbiddenError, IllegalActionError, StaleVersionError } from '../core/errors';
import { FORBIDDEN_ACTION, ILLEGAL_ACTION, STALE_VERSION } from '../workflows/ticket.contracts';

/** What was asked of the ticket's workflow, so that a refusal can name it. */
export type WorkflowRequest =
  { kind: 'action'; action: string; state: string; allowedNow: () => string[] } | { kind: 'edit'; expectedVersion?: number };

/**
 * The domain error that a workflow Update's failure stands for, for every Update the API sends;
 * any other error is returned as it is.
 */
export function refusalOf(error: unknown, request: WorkflowRequest): unknown {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : null;
  if (cause instanceof ApplicationFailure) {
    if (request.kind === 'action' && (cause.type === ILLEGAL_ACTION || cause.type === FORBIDDEN_ACTION)) {
      const { allowed } = (cause.details?.[0] ?? { allowed: [] }) as { allowed: string[] };
      return cause.type === ILLEGAL_ACTION
        ? new IllegalActionError(request.action, request.state, allowed)
        : new ForbiddenError(`You may not take "${request.action}" on this ticket now`, { allowed });
    }
    if (request.kind === 'edit' && cause.type === STALE_VERSION) {
      return new StaleVersionError(request.expectedVersion ?? 0, (cause.details?.[0] as { version: number }).version);
    }
  }
  // A finished workflow is a closed ticket: an action is illegal there, an edit finds it closed.
  if (error instanceof WorkflowNotFoundError) {
    return request.kind === 'action'
      ? new IllegalActionError(request.action, request.state, request.allowedNow())
      : new ConflictError('ticket_closed', 'A closed ticket can no longer be edited');
  }
  return error;
}
