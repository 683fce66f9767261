// The transition benchmark's own code, run small against a stack of the test's own: it must keep working.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { measureTransitionOverhead } from '../../bench/transition-overhead-measure';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ relay: false });
}, 120_000);
afterAll(async () => stack?.close());

describe('bench/transition-overhead.ts', () => {
  it('measures a few bare Updates and transitions at two concurrency levels, with their ratios', async () => {
    const technician = await stack.userWith('technician', 'N1');
    const target = {
      baseUrl: stack.baseUrl,
      token: technician.token,
      address: inject('temporalAddress'),
      namespace: 'default',
      temporal: stack.temporal,
    };
    const figures = await measureTransitionOverhead(target, 8, [1, 4]);
    console.log(`transition bench smoke: ${JSON.stringify(figures)}`);
    expect(figures.map((f) => f.concurrency)).toEqual([1, 4]);
    for (const f of figures) {
      expect(f.bare.perSecond).toBeGreaterThan(0);
      expect(f.transition.perSecond).toBeGreaterThan(0);
      expect(f.transition.p99Ms).toBeGreaterThanOrEqual(f.transition.p50Ms);
      expect(Number.isFinite(f.throughputRatio) && Number.isFinite(f.p50Ratio)).toBe(true);
    }
  }, 120_000);
});
