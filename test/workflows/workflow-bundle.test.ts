import { describe, expect, inject, it } from 'vitest';

// The worker evaluates every module of the workflow bundle again for each workflow it keeps in its
// cache, so each library the bundle holds costs memory per open ticket: a validation library there
// (zod, 1.3 MB a ticket) tripled a cached ticket's cost. Schemas live beside the pure logic, never in it.
const PACKAGES = ['@temporalio/common', '@temporalio/workflow', 'long', 'luxon', 'ms', 'nexus-rpc', 'xstate'];

describe('the workflow bundle', () => {
  it('holds only the libraries a ticket’s workflow needs: the SDK, the machine interpreter and the calendar', () => {
    const packages = new Set(
      [...inject('workflowBundle').matchAll(/"\.\/node_modules\/((?:@[^/"]+\/)?[^/"]+)\//g)].map((match) => match[1]!),
    );
    expect([...packages].sort()).toEqual(PACKAGES);
  });
});
