import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/sim/prng.js';

describe('Prng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            r.nextUint32()
        )(new Prng(seed)),
      );
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('derives independent streams by label, reproducibly', () => {
    const root = new Prng(7);
    const a1 = root.derive('air').next();
    expect(new Prng(7).derive('air').next()).toBe(a1);
    expect(root.derive('sea').next()).not.toBe(a1);
  });

  it('stays within its ranges and is roughly uniform', () => {
    const r = new Prng(1);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
      const k = r.int(3, 5);
      expect(k === 3 || k === 4 || k === 5).toBe(true);
    }
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });

  it('draws weighted indices in proportion', () => {
    const r = new Prng(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 9000; i++) counts[r.weighted([1, 2, 0])]!++;
    expect(counts[2]).toBe(0);
    expect(counts[1]! / counts[0]!).toBeGreaterThan(1.7);
    expect(counts[1]! / counts[0]!).toBeLessThan(2.3);
  });
});
