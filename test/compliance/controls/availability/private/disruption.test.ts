import { evictionBudget, scaledBudget } from '../../../../../src/compliance/controls/availability/private/disruption';

describe('scaledBudget', () => {
  test('keeps counts and rounds percentages up, as the disruption controller does', () => {
    expect(scaledBudget(2, 5)).toBe(2);
    expect(scaledBudget('50%', 7)).toBe(4);
    expect(scaledBudget('10%', 2)).toBe(1);
    expect(scaledBudget('0%', 3)).toBe(0);
  });

  test('rejects what is neither a count nor a percentage', () => {
    expect([scaledBudget('2', 3), scaledBudget(-1, 3), scaledBudget(1.5, 3), scaledBudget(undefined, 3)]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('evictionBudget', () => {
  test('computes evictions from minAvailable', () => {
    expect(evictionBudget({ minAvailable: 1 }, 3)).toEqual({ allowed: 2, rule: 'minAvailable 1' });
    expect(evictionBudget({ minAvailable: '60%' }, 2)).toEqual({ allowed: 0, rule: 'minAvailable 60%' });
  });

  test('computes evictions from maxUnavailable, capped at the replica count', () => {
    expect(evictionBudget({ maxUnavailable: '25%' }, 3)).toEqual({ allowed: 1, rule: 'maxUnavailable 25%' });
    expect(evictionBudget({ maxUnavailable: 5 }, 2)).toEqual({ allowed: 2, rule: 'maxUnavailable 5' });
  });

  test('allows no eviction under a budget with neither field, and reports both fields or a bad value', () => {
    expect(evictionBudget({}, 2)).toEqual({ allowed: 0, rule: 'neither minAvailable nor maxUnavailable set' });
    expect(evictionBudget({ minAvailable: 1, maxUnavailable: 1 }, 2)).toEqual({ problem: 'sets both minAvailable and maxUnavailable, which the API rejects' });
    expect(evictionBudget({ maxUnavailable: 'one' }, 2)).toEqual({ problem: 'maxUnavailable "one" is neither a count nor a percentage' });
  });
});
