import { BoundedMap } from '../../collections/bounded-map.js';

/**
 * Many craft converging on one point: a spoofer sends every receiver in reach the same false fix, so the craft it
 * captures jump to one spot (DOMAIN.md: aircraft "parked" at Beirut, Simferopol, Gelendzhik, Cairo airports) although
 * their tracks were far apart. Jump targets are counted on a coarse grid; a question sums the 3 × 3 neighbourhood so
 * that a spot on a grid line is not split. Each grid point keeps the last few distinct craft that jumped there.
 * This stage sees only the craft of its own partition; the region stage, which sees every spoofed craft of a cell
 * with its `spoofLat/spoofLon`, can do the same over all partitions.
 */
export const CONVERGENCE = {
  /** 0.05° ≈ 5.6 km: spoofed fixes of one spoofer land within a few km of each other. */
  GRID_DEG: 0.05,
  /** A target counts for 30 min: airport spoofing in the Black Sea lasted days, a jump is a moment. */
  WINDOW_MS: 30 * 60_000,
  /** Three distinct craft at one spot cannot be chance. */
  MIN_CRAFT: 3,
  MAX_POINTS: 10_000,
  /** Craft remembered per grid point: enough to reach MIN_CRAFT many times over. */
  CRAFT_PER_POINT: 8,
} as const;

class TargetPoint {
  lastSeen = 0;
  readonly ids: string[] = [];
  readonly times: number[] = [];
}

export class ConvergenceStore {
  private readonly points: BoundedMap<number, TargetPoint>;
  private readonly seen = new Set<string>();

  constructor(
    maxPoints: number,
    private readonly gridDeg: number,
    private readonly windowMs: number,
  ) {
    this.points = new BoundedMap(maxPoints);
  }

  get size(): number {
    return this.points.size;
  }

  /** Record that craft `id` jumped to (lat, lon) at t, and return how many distinct craft jumped near there recently. */
  register(id: string, lat: number, lon: number, t: number): number {
    const key = this.key(Math.floor((lat + 90) / this.gridDeg), Math.floor((lon + 180) / this.gridDeg));
    let p = this.points.get(key);
    if (p === undefined) {
      p = new TargetPoint();
      this.points.set(key, p);
    }
    const at = p.ids.indexOf(id);
    if (at >= 0) {
      p.ids.splice(at, 1);
      p.times.splice(at, 1);
    } else if (p.ids.length >= CONVERGENCE.CRAFT_PER_POINT) {
      p.ids.shift();
      p.times.shift();
    }
    p.ids.push(id);
    p.times.push(t);
    this.points.touch(key, p, t);
    return this.count(lat, lon, t);
  }

  /** Distinct craft that jumped within one grid step of (lat, lon) in the window before t. */
  count(lat: number, lon: number, t: number): number {
    const row = Math.floor((lat + 90) / this.gridDeg);
    const col = Math.floor((lon + 180) / this.gridDeg);
    this.seen.clear();
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        const p = this.points.get(this.key(row + dr, col + dc));
        if (p === undefined) continue;
        for (let i = 0; i < p.ids.length; i++) if (t - p.times[i]! <= this.windowMs) this.seen.add(p.ids[i]!);
      }
    }
    return this.seen.size;
  }

  expireBefore(cutoff: number): number {
    return this.points.expireBefore(cutoff);
  }

  private key(row: number, col: number): number {
    const cols = Math.round(360 / this.gridDeg);
    const wrapped = ((col % cols) + cols) % cols; // across the antimeridian
    return row * cols + wrapped;
  }
}
