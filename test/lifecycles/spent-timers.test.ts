import { describe, expect, it } from 'vitest';
import { spentTimers, type StateTimer } from '../../lifecycles/state-timers';

const timers: StateTimer[] = [
  { after: 'PT4H', action: 'escalate' },
  { slaBreach: 'ttr', action: 'raise' },
  { after: 'P1D', action: 'escalate' },
];

describe('the timers of a state spent during a stay, as its history tells them', () => {
  it('spends one timer per action its timers took, the first of that action not yet spent', () => {
    expect(spentTimers(timers, [])).toEqual([]);
    expect(spentTimers(timers, ['escalate'])).toEqual([0]);
    expect(spentTimers(timers, ['escalate', 'raise', 'escalate'])).toEqual([0, 1, 2]);
  });

  it('ignores an action no timer of the state takes (the lifecycle changed since), and one taken more often than timers have it', () => {
    expect(spentTimers(timers, ['close', 'raise', 'raise'])).toEqual([1]);
  });
});
