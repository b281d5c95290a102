import { z } from 'zod';
import { NO_ROW, Slab } from '../../collections/slab.js';
import { SlabMap } from '../../collections/slab-map.js';
import { GROUP_COUNT } from './craft-group.js';

/**
 * The learned normal share of affected craft per cell and craft group: decayed counts with a prior.
 *
 *   p = (A + prior·W) / (N + W), clamped to [floor, ceiling]
 *
 * A and N are the affected and observed craft of past quiet ticks, each tick weighted tickMs/windowMs so that a craft
 * that stays in the window counts about once, and both decayed by 0.5^(Δt / halfLife) at each update. Old knowledge
 * thus fades back towards the prior, and a cell never seen uses the prior alone. Only ticks that were not anomalous
 * update it (the caller decides), so an event does not teach the baseline that jamming is normal. The floor keeps a
 * clean cell from making one degraded craft look like a 1-in-a-million event; the ceiling keeps a chronically poor
 * cell able to alert.
 */
export interface BaselineRule {
  readonly prior: number;
  readonly priorWeight: number;
  readonly floor: number;
  readonly ceiling: number;
  readonly halfLifeMs: number;
}

/**
 * A cell's counts live in a row of a SlabMap (collections/slab-map.ts): craft per group as doubles. An object with two
 * arrays per cell cost ~280 bytes of heap for ~24k cells and pools in the pipeline bench (~650 B per craft); a row is
 * 40 bytes of Float64Array and an index entry.
 *
 * Affected counts stay zero in most cells (one in twenty in the pipeline bench learns an affected craft): they live in
 * a row of a side Slab, taken at the first affected craft learned and given back with the cell. No row means zeros,
 * which is what decaying and adding zeros would hold, so the values are the same as with the counts in every row.
 */
const CRAFT = 0;
/** Stream time the row last moved to the back of the eviction order (see REORDER_MS). */
const REORDERED_AT = GROUP_COUNT;
/** The cell's row of affected counts in the side Slab, or NO_ROW (all zero). */
const AFFECTED_ROW = 0;
const LAYOUT = { doubles: [...new Array<number>(GROUP_COUNT).fill(0), Number.NaN], ints: [NO_ROW], refs: [] };
const AFFECTED_LAYOUT = { doubles: new Array<number>(GROUP_COUNT).fill(0), ints: [], refs: [] };

/**
 * A cell's row moves to the back of the eviction order at most once an hour of stream time: every cell and pool learns
 * at every tick, and moving each row (its neighbours' links rewritten, in random places of memory) cost more than the
 * lookup itself. Eviction (beyond `maxBaselines` cells) only needs to find cells quiet for far longer than an hour.
 */
const REORDER_MS = 3_600_000;

export const BASELINE_SNAPSHOT_SCHEMA_ID = 'jamwatch.region-baselines/1';

/** Plain JSON: `[cell, lastSeen, affected per group, craft per group]` rows. */
export const baselineSnapshotSchema = z.object({
  schema: z.literal(BASELINE_SNAPSHOT_SCHEMA_ID),
  cells: z.array(
    z.tuple([
      z.string(),
      z.number(),
      z.array(z.number().min(0)).length(GROUP_COUNT),
      z.array(z.number().min(0)).length(GROUP_COUNT),
    ]),
  ),
});
export type BaselineSnapshot = z.infer<typeof baselineSnapshotSchema>;

/** Share of affected craft the score should expect: learned counts blended with the prior, clamped. */
export function baselineShare(affected: number, craft: number, rule: BaselineRule): number {
  const p = (affected + rule.prior * rule.priorWeight) / (craft + rule.priorWeight);
  if (!(p >= rule.floor)) return rule.floor;
  return Math.min(p, rule.ceiling);
}

export class BaselineStore {
  private entries: SlabMap<string>;
  private affected = new Slab(AFFECTED_LAYOUT);

  constructor(
    private readonly rule: BaselineRule,
    private readonly maxCells: number,
  ) {
    this.entries = this.newEntries();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Cells with affected craft learned (a row of affected counts). */
  get affectedCount(): number {
    return this.affected.size;
  }

  /** Baseline of one group in one cell. */
  share(cell: string, group: number): number {
    const row = this.entries.get(cell);
    if (row === NO_ROW) return baselineShare(0, 0, this.rule);
    const craft = this.entries.chunk(row).f[this.entries.doubleIndex(row) + CRAFT + group]!;
    const a = this.affectedRow(row);
    if (a === NO_ROW) return baselineShare(0, craft, this.rule);
    return baselineShare(this.affected.chunk(a).f[this.affected.doubleIndex(a) + group]!, craft, this.rule);
  }

  /** Baselines of every group of one cell into `out` (one lookup): the region stage's per-tick read. */
  shares(cell: string, out: { baseline: number }[]): void {
    const row = this.entries.get(cell);
    if (row === NO_ROW) {
      for (let g = 0; g < GROUP_COUNT; g++) out[g]!.baseline = baselineShare(0, 0, this.rule);
      return;
    }
    const f = this.entries.chunk(row).f;
    const at = this.entries.doubleIndex(row) + CRAFT;
    const a = this.affectedRow(row);
    if (a === NO_ROW) {
      for (let g = 0; g < GROUP_COUNT; g++) out[g]!.baseline = baselineShare(0, f[at + g]!, this.rule);
      return;
    }
    const fa = this.affected.chunk(a).f;
    const atA = this.affected.doubleIndex(a);
    for (let g = 0; g < GROUP_COUNT; g++) out[g]!.baseline = baselineShare(fa[atA + g]!, f[at + g]!, this.rule);
  }

  /** Learn from a quiet tick: per group, `affected` of `craft`, weighted by `weight`. */
  learn(cell: string, time: number, affected: ArrayLike<number>, craft: ArrayLike<number>, weight: number): void {
    const entries = this.entries;
    let row = entries.get(cell);
    if (row === NO_ROW) row = entries.add(cell, time);
    const last = entries.lastSeen(row);
    const decay = time > last ? 0.5 ** ((time - last) / this.rule.halfLifeMs) : 1;
    const f = entries.chunk(row).f;
    const at = entries.doubleIndex(row);
    for (let g = 0; g < GROUP_COUNT; g++) f[at + CRAFT + g] = f[at + CRAFT + g]! * decay + weight * craft[g]!;
    let a = this.affectedRow(row);
    if (a === NO_ROW && someAbove0(affected)) a = this.takeAffectedRow(row);
    if (a !== NO_ROW) {
      const fa = this.affected.chunk(a).f;
      const atA = this.affected.doubleIndex(a);
      for (let g = 0; g < GROUP_COUNT; g++) fa[atA + g] = fa[atA + g]! * decay + weight * affected[g]!;
    }
    const now = Math.max(time, last);
    if (!(now - f[at + REORDERED_AT]! < REORDER_MS)) {
      f[at + REORDERED_AT] = now;
      entries.touch(row, now);
    } else entries.setLastSeen(row, now);
  }

  snapshot(): BaselineSnapshot {
    const cells: BaselineSnapshot['cells'] = [];
    const entries = this.entries;
    for (let row = entries.first(); row !== NO_ROW; row = entries.after(row)) {
      const f = entries.chunk(row).f;
      const at = entries.doubleIndex(row);
      const a = this.affectedRow(row);
      const atA = a === NO_ROW ? 0 : this.affected.doubleIndex(a);
      cells.push([
        entries.keyOf(row),
        entries.lastSeen(row),
        a === NO_ROW
          ? new Array<number>(GROUP_COUNT).fill(0)
          : Array.from(this.affected.chunk(a).f.subarray(atA, atA + GROUP_COUNT)),
        Array.from(f.subarray(at + CRAFT, at + CRAFT + GROUP_COUNT)),
      ]);
    }
    return { schema: BASELINE_SNAPSHOT_SCHEMA_ID, cells };
  }

  restore(snapshot: BaselineSnapshot): void {
    const parsed = baselineSnapshotSchema.parse(snapshot);
    this.entries = this.newEntries();
    this.affected = new Slab(AFFECTED_LAYOUT);
    for (const [cell, lastSeen, affected, craft] of parsed.cells) {
      const existing = this.entries.get(cell);
      const row = existing === NO_ROW ? this.entries.add(cell, lastSeen) : existing;
      const f = this.entries.chunk(row).f;
      const at = this.entries.doubleIndex(row);
      f.set(craft, at + CRAFT);
      f[at + REORDERED_AT] = lastSeen;
      let a = this.affectedRow(row);
      if (a === NO_ROW && someAbove0(affected)) a = this.takeAffectedRow(row);
      if (a !== NO_ROW) this.affected.chunk(a).f.set(affected, this.affected.doubleIndex(a));
    }
  }

  /** The map of cells, whose evicted rows give back their affected counts. */
  private newEntries(): SlabMap<string> {
    return new SlabMap(this.maxCells, LAYOUT, (row) => {
      const a = this.affectedRow(row);
      if (a !== NO_ROW) this.affected.give(a);
    });
  }

  private affectedRow(row: number): number {
    return this.entries.chunk(row).i[this.entries.intIndex(row) + AFFECTED_ROW]!;
  }

  private takeAffectedRow(row: number): number {
    const a = this.affected.take();
    this.entries.chunk(row).i[this.entries.intIndex(row) + AFFECTED_ROW] = a;
    return a;
  }
}

function someAbove0(counts: ArrayLike<number>): boolean {
  for (let g = 0; g < GROUP_COUNT; g++) if (counts[g]! > 0) return true;
  return false;
}
