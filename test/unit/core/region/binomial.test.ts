import { describe, expect, it } from 'vitest';
import { logBinomialUpperTail } from '../../../../src/core/region/binomial.js';
import { binomialScore, SCORE_CAP } from '../../../../src/core/region/score.js';

/** Reference: every term in log space from scratch (log-factorials by summation), then log-sum-exp. */
function referenceLogTail(k: number, n: number, p: number): number {
  const logFact = [0];
  for (let i = 1; i <= n; i++) logFact.push(logFact[i - 1]! + Math.log(i));
  const terms: number[] = [];
  for (let i = k; i <= n; i++) {
    terms.push(logFact[n]! - logFact[i]! - logFact[n - i]! + i * Math.log(p) + (n - i) * Math.log1p(-p));
  }
  const top = Math.max(...terms);
  return top + Math.log(terms.reduce((sum, t) => sum + Math.exp(t - top), 0));
}

describe('binomial upper tail', () => {
  it('matches the exact tail for small n', () => {
    // P(X ≥ 2 | 3, 0.01) = 3·0.01²·0.99 + 0.01³
    expect(Math.exp(logBinomialUpperTail(2, 3, 0.01))).toBeCloseTo(3 * 1e-4 * 0.99 + 1e-6, 12);
    expect(Math.exp(logBinomialUpperTail(1, 1, 0.3))).toBeCloseTo(0.3, 12);
    expect(Math.exp(logBinomialUpperTail(1, 10, 0.5))).toBeCloseTo(1 - 0.5 ** 10, 12);
  });

  it('is 1 for k ≤ 0 and 0 for k > n or p = 0', () => {
    expect(logBinomialUpperTail(0, 10, 0.1)).toBe(0);
    expect(logBinomialUpperTail(11, 10, 0.1)).toBe(Number.NEGATIVE_INFINITY);
    expect(logBinomialUpperTail(1, 10, 0)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('agrees with a from-scratch log-sum-exp on both sides of the mean, up to n = 5000', () => {
    for (const [k, n, p] of [
      [3, 40, 0.02],
      [30, 40, 0.5],
      [10, 40, 0.5],
      [60, 5000, 0.01],
      [40, 5000, 0.01],
      [400, 5000, 0.01],
      [2500, 5000, 0.5],
    ] as const) {
      expect(logBinomialUpperTail(k, n, p)).toBeCloseTo(referenceLogTail(k, n, p), 8);
    }
  });

  it('stays finite where the plain tail underflows', () => {
    const log = logBinomialUpperTail(3000, 3000, 0.01);
    expect(Number.isFinite(log)).toBe(true);
    expect(log).toBeCloseTo(3000 * Math.log(0.01), 6);
  });
});

describe('binomial score', () => {
  it('weighs sample size: 2 of 3 is weak, 200 of 300 is certain', () => {
    expect(binomialScore(2, 3, 0.01)).toBeCloseTo(3.526, 2);
    expect(binomialScore(200, 300, 0.01)).toBe(SCORE_CAP);
    expect(binomialScore(20, 30, 0.01)).toBeGreaterThan(binomialScore(2, 3, 0.01) + 10);
  });

  it('rises with affected craft at a fixed n and with n at a fixed share', () => {
    let previous = -1;
    for (let k = 0; k <= 40; k++) {
      const score = binomialScore(k, 40, 0.02);
      expect(score).toBeGreaterThanOrEqual(previous);
      previous = score;
    }
    previous = -1;
    for (let n = 2; n <= 20; n += 2) {
      const score = binomialScore(n / 2, n, 0.02);
      expect(score).toBeGreaterThan(previous);
      previous = score;
    }
  });

  it('falls as the baseline rises', () => {
    expect(binomialScore(3, 10, 0.01)).toBeGreaterThan(binomialScore(3, 10, 0.05));
    expect(binomialScore(3, 10, 0.05)).toBeGreaterThan(binomialScore(3, 10, 0.2));
  });

  it('is 0 with nothing affected and never negative', () => {
    expect(binomialScore(0, 100, 0.02)).toBe(0);
    expect(binomialScore(1, 100, 0.5)).toBeCloseTo(0, 12);
    expect(binomialScore(1, 100, 0.5)).toBeGreaterThanOrEqual(0);
  });

  it('scores n = 5000 in well under a millisecond', () => {
    const start = performance.now();
    for (let i = 0; i < 1000; i++) binomialScore(100 + (i % 50), 5000, 0.01);
    expect((performance.now() - start) / 1000).toBeLessThan(1);
  });
});
