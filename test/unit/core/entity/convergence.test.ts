import { describe, expect, it } from 'vitest';
import { CONVERGENCE, ConvergenceStore } from '../../../../src/core/entity/convergence.js';

describe('ConvergenceStore', () => {
  it('counts distinct craft jumping to one spot, across grid lines', () => {
    const store = new ConvergenceStore(100, CONVERGENCE.GRID_DEG, CONVERGENCE.WINDOW_MS);
    expect(store.register('icao:000001', 33.8209, 35.4884, 0)).toBe(1); // Beirut airport
    expect(store.register('icao:000001', 33.8209, 35.4884, 1000)).toBe(1); // the same craft again
    expect(store.register('icao:000002', 33.8251, 35.4999, 2000)).toBe(2); // 1 km away, next grid cell
    expect(store.register('icao:000003', 33.79, 35.47, 3000)).toBe(3);
    expect(store.count(40, 30, 3000)).toBe(0);
  });

  it('forgets targets older than the window', () => {
    const store = new ConvergenceStore(100, CONVERGENCE.GRID_DEG, 60_000);
    store.register('icao:000001', 44.69, 33.58, 0);
    store.register('icao:000002', 44.69, 33.58, 10_000);
    expect(store.count(44.69, 33.58, 65_000)).toBe(1);
    expect(store.expireBefore(5_000)).toBe(0); // the point was last touched at 10 s
    expect(store.expireBefore(50_000)).toBe(1);
    expect(store.size).toBe(0);
  });

  it('is bounded in points and in craft per point', () => {
    const store = new ConvergenceStore(5, CONVERGENCE.GRID_DEG, CONVERGENCE.WINDOW_MS);
    for (let i = 0; i < 20; i++) store.register(`icao:${i.toString(16).padStart(6, '0')}`, i, i, i);
    expect(store.size).toBe(5);
    for (let i = 0; i < 20; i++) store.register(`icao:${(100 + i).toString(16).padStart(6, '0')}`, 50, 50, 100 + i);
    expect(store.count(50, 50, 200)).toBe(CONVERGENCE.CRAFT_PER_POINT);
  });
});
