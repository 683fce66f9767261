import { describe, expect, it } from 'vitest';
import { priorityOf } from '../../tickets/priority-matrix';

describe('priority matrix', () => {
  it('follows GLPI defaults at the corners and the middle', () => {
    expect(priorityOf(1, 1)).toBe(1);
    expect(priorityOf(5, 5)).toBe(5);
    expect(priorityOf(3, 3)).toBe(3);
    expect(priorityOf(4, 2)).toBe(3);
    expect(priorityOf(2, 4)).toBe(3);
  });

  it('rejects values outside 1–5', () => {
    expect(() => priorityOf(0, 3)).toThrow(RangeError);
    expect(() => priorityOf(3, 6)).toThrow(RangeError);
  });
});
