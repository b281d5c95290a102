import { EVIDENCE } from '../../schema/observation.js';
import { GROUP_COUNT } from './craft-group.js';

const FLAG_COUNT = Object.keys(EVIDENCE).length;

/** Counts of a window at one tick, reused across cells (typed arrays, no allocation per tick). */
export class WindowTally {
  readonly craft = new Int32Array(GROUP_COUNT);
  readonly affected = new Int32Array(GROUP_COUNT);
  readonly degraded = new Int32Array(GROUP_COUNT);
  readonly spoofed = new Int32Array(GROUP_COUNT);
  /** Craft whose position jumped (EVIDENCE.JUMP). */
  readonly jumps = new Int32Array(GROUP_COUNT);
  /** Craft per EVIDENCE bit, in bit order. */
  readonly flags = new Int32Array(FLAG_COUNT);
  total = 0;
  totalAffected = 0;
  totalSpoofed = 0;

  reset(): void {
    this.craft.fill(0);
    this.affected.fill(0);
    this.degraded.fill(0);
    this.spoofed.fill(0);
    this.jumps.fill(0);
    this.flags.fill(0);
    this.total = 0;
    this.totalAffected = 0;
    this.totalSpoofed = 0;
  }

  /** Sum of `counts` over `groups`. */
  static sum(counts: Int32Array, groups: readonly number[]): number {
    let total = 0;
    for (const g of groups) total += counts[g]!;
    return total;
  }
}
