import { describe, expect, it } from 'vitest';
import { binomialScore, combinedScore, gpsjamRatio, levelOf } from '../../../../src/core/region/score.js';

const rule = { low: 3, medium: 5, high: 8, minAffected: 2, minAffectedRatio: 0.05 };

describe('combined score', () => {
  it('is the group score when one group holds craft', () => {
    const groups = [
      { craft: 0, affected: 0, baseline: 0.02 },
      { craft: 0, affected: 0, baseline: 0.02 },
      { craft: 10, affected: 5, baseline: 0.02 },
    ];
    expect(combinedScore(groups)).toBeCloseTo(binomialScore(5, 10, 0.02), 10);
  });

  it('pays a Bonferroni correction for testing several groups and the pool', () => {
    const groups = [
      { craft: 10, affected: 0, baseline: 0.02 },
      { craft: 10, affected: 0, baseline: 0.02 },
      { craft: 10, affected: 6, baseline: 0.02 },
    ];
    // Three groups + the pooled test = 4 tests; the high group wins.
    expect(combinedScore(groups)).toBeCloseTo(binomialScore(6, 10, 0.02) - Math.log10(4), 10);
  });

  it('lets the pooled test win when evidence is spread across groups', () => {
    const groups = [
      { craft: 2, affected: 1, baseline: 0.02 },
      { craft: 2, affected: 1, baseline: 0.02 },
      { craft: 2, affected: 1, baseline: 0.02 },
    ];
    expect(combinedScore(groups)).toBeCloseTo(binomialScore(3, 6, 0.02) - Math.log10(4), 10);
  });

  it('is 0 with no craft', () => {
    expect(combinedScore([])).toBe(0);
  });
});

describe('levels', () => {
  it('follow the score bands', () => {
    expect(levelOf(2.9, 5, 10, rule)).toBe(0);
    expect(levelOf(3, 5, 10, rule)).toBe(1);
    expect(levelOf(5, 5, 10, rule)).toBe(2);
    expect(levelOf(8, 5, 10, rule)).toBe(3);
  });

  it('need the minimum number of distinct affected craft, whatever the score', () => {
    expect(levelOf(20, 1, 1, rule)).toBe(0);
    expect(levelOf(20, 2, 2, rule)).toBe(3);
  });

  it('need an affected share that matters', () => {
    expect(levelOf(6, 20, 1000, rule)).toBe(0);
    expect(levelOf(6, 60, 1000, rule)).toBe(2);
  });
});

describe("gpsjam.org's ratio", () => {
  it('is (bad − 1)/(bad + good), floored at 0', () => {
    expect(gpsjamRatio(0, 10)).toBe(0);
    expect(gpsjamRatio(1, 10)).toBe(0);
    expect(gpsjamRatio(3, 20)).toBeCloseTo(0.1, 12);
    expect(gpsjamRatio(2, 2)).toBe(0.5);
    expect(gpsjamRatio(0, 0)).toBe(0);
  });
});
