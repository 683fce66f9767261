// The diagrams' readability benchmark runs, and the shipped lifecycles are drawn with no more
// crossings than before actions were merged and kept-state actions listed in their states.
import { describe, expect, it } from 'vitest';
import { shippedReadability } from '../../bench/diagram-readability';

// Measured with each action drawn as its own arrow and loops drawn as loops.
const BEFORE = { incident: { arrows: 39, crossings: 5 }, request: { arrows: 37, crossings: 7 }, change: { arrows: 21, crossings: 1 } };

describe('the diagrams’ readability', () => {
  it('draws each shipped lifecycle with fewer arrows and no more crossings than before', async () => {
    const figures = await shippedReadability();
    for (const [key, before] of Object.entries(BEFORE)) {
      expect(figures[key]!.arrows, key).toBeLessThan(before.arrows);
      expect(figures[key]!.crossings, key).toBeLessThanOrEqual(before.crossings);
      expect(figures[key]!.totalLength, key).toBeGreaterThan(0);
    }
  });
});
