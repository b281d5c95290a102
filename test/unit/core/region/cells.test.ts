import { describe, expect, it } from 'vitest';
import { cellAt, cellResolution, cellsOfPool, poolOf } from '../../../../src/core/region/cells.js';
import { HELSINKI } from './observations.js';

describe('pools of cells', () => {
  const cell = cellAt(HELSINKI.lat, HELSINKI.lon, 4);

  it('a resolution-4 cell pools with its resolution-3 parent and that parent’s six other children', () => {
    const pool = poolOf(cell, 3);
    expect(cellResolution(pool)).toBe(3);
    expect(pool).toBe(cellAt(HELSINKI.lat, HELSINKI.lon, 3));
    const children = cellsOfPool(pool, 4);
    expect(children).toHaveLength(7);
    expect(children).toContain(cell);
    for (const child of children) expect(poolOf(child, 3)).toBe(pool);
  });

  it('a cell no finer than the pool, or pooling off (0), is its own pool', () => {
    expect(poolOf(cell, 0)).toBe(cell);
    expect(poolOf(cell, 4)).toBe(cell);
    expect(poolOf(cell, 5)).toBe(cell);
    const coarse = cellAt(HELSINKI.lat, HELSINKI.lon, 3);
    expect(poolOf(coarse, 3)).toBe(coarse);
  });
});
