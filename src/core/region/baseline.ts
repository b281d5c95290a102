import { z } from 'zod';
import { BoundedMap } from '../../collections/bounded-map.js';
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

interface BaselineEntry {
  /** Stream time of the last update. */
  lastSeen: number;
  /** Stream time it last moved to the back of the eviction order (see REORDER_MS). */
  reorderedAt: number;
  affected: number[];
  craft: number[];
}

/**
 * A cell's entry moves to the back of the eviction order at most once an hour of stream time: moving it at every tick
 * (a Map delete and set per busy cell every 15 s) was a quarter of the core's time in `jamwatch bench`, and eviction
 * (beyond `maxBaselines` cells) only needs to find cells quiet for far longer than an hour.
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
  private readonly entries: BoundedMap<string, BaselineEntry>;

  constructor(
    private readonly rule: BaselineRule,
    maxCells: number,
  ) {
    this.entries = new BoundedMap(maxCells);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Baseline of one group in one cell. */
  share(cell: string, group: number): number {
    const entry = this.entries.get(cell);
    if (entry === undefined) return baselineShare(0, 0, this.rule);
    return baselineShare(entry.affected[group]!, entry.craft[group]!, this.rule);
  }

  /** Baselines of every group of one cell into `out` (one lookup): the region stage's per-tick read. */
  shares(cell: string, out: { baseline: number }[]): void {
    const entry = this.entries.get(cell);
    for (let g = 0; g < GROUP_COUNT; g++) {
      out[g]!.baseline =
        entry === undefined
          ? baselineShare(0, 0, this.rule)
          : baselineShare(entry.affected[g]!, entry.craft[g]!, this.rule);
    }
  }

  /** Learn from a quiet tick: per group, `affected` of `craft`, weighted by `weight`. */
  learn(cell: string, time: number, affected: ArrayLike<number>, craft: ArrayLike<number>, weight: number): void {
    let entry = this.entries.get(cell);
    if (entry === undefined) {
      entry = {
        lastSeen: time,
        reorderedAt: time,
        affected: new Array(GROUP_COUNT).fill(0),
        craft: new Array(GROUP_COUNT).fill(0),
      };
      this.entries.set(cell, entry);
    }
    const decay = time > entry.lastSeen ? 0.5 ** ((time - entry.lastSeen) / this.rule.halfLifeMs) : 1;
    for (let g = 0; g < GROUP_COUNT; g++) {
      entry.affected[g] = entry.affected[g]! * decay + weight * affected[g]!;
      entry.craft[g] = entry.craft[g]! * decay + weight * craft[g]!;
    }
    const now = Math.max(time, entry.lastSeen);
    if (now - entry.reorderedAt >= REORDER_MS) {
      entry.reorderedAt = now;
      this.entries.touch(cell, entry, now);
    } else entry.lastSeen = now;
  }

  snapshot(): BaselineSnapshot {
    const cells: BaselineSnapshot['cells'] = [];
    for (const [cell, entry] of this.entries.entries()) {
      cells.push([cell, entry.lastSeen, entry.affected.slice(), entry.craft.slice()]);
    }
    return { schema: BASELINE_SNAPSHOT_SCHEMA_ID, cells };
  }

  restore(snapshot: BaselineSnapshot): void {
    const parsed = baselineSnapshotSchema.parse(snapshot);
    this.entries.clear();
    for (const [cell, lastSeen, affected, craft] of parsed.cells) {
      this.entries.set(cell, { lastSeen, reorderedAt: lastSeen, affected: affected.slice(), craft: craft.slice() });
    }
  }
}
