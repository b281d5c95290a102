import { describe, expect, it } from 'vitest';
import { CellCoverage } from '../../../src/report/cell-coverage.js';

describe('CellCoverage', () => {
  it('keeps each cell as runs of consecutive ticks', () => {
    const coverage = new CellCoverage();
    const seen: Array<[number, string[]]> = [
      [0, ['a', 'b']],
      [15, ['a']],
      [30, ['a', 'b']],
      [45, ['a']],
      [60, ['b']],
    ];
    for (const [t, cells] of seen) for (const cell of cells) coverage.add(t, cell);
    expect(coverage.ticks).toEqual([0, 15, 30, 45, 60]);
    expect(coverage.runsOf('a')).toEqual([0, 3]);
    expect(coverage.runsOf('b')).toEqual([0, 0, 2, 2, 4, 4]);
    expect(coverage.runsOf('never')).toEqual([]);
  });

  it('refuses a tick older than the last', () => {
    const coverage = new CellCoverage();
    coverage.add(30, 'a');
    expect(() => coverage.add(15, 'a')).toThrow(RangeError);
  });
});
