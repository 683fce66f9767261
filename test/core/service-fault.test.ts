// Which Temporal client errors are the service out of reach (503, retry with the same key) rather
// than the request wrong: an Update cut before its answer, whether by its deadline or a dropped call.
import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { isServiceFault } from '../../core/service-fault';

const grpcError = (code: number, message: string) => Object.assign(new Error(message), { code });
const updateCut = (code: number, message: string) =>
  new WorkflowUpdateRPCTimeoutOrCancelledError(message, { cause: grpcError(code, `${code} ${message}`) });

describe('an Update whose call did not get its answer', () => {
  it('is a service fault when its deadline passed or its call was cancelled', () => {
    expect(isServiceFault(updateCut(4, 'DEADLINE_EXCEEDED: Deadline exceeded after 15.022s'))).toBe(true);
    expect(isServiceFault(updateCut(1, 'CANCELLED: Call cancelled'))).toBe(true);
    expect(isServiceFault(updateCut(14, 'UNAVAILABLE: Connection dropped'))).toBe(true);
  });

  it('is not one when the server refused the request itself', () => {
    expect(isServiceFault(grpcError(3, '3 INVALID_ARGUMENT: update id too long'))).toBe(false);
    expect(isServiceFault(grpcError(5, '5 NOT_FOUND: workflow not found'))).toBe(false);
  });
});
