import { watermarkKey } from './watermark.js';

/**
 * The watermark each report partition of this worker writes to every observation partition (watermark.ts).
 *
 * A partition that is busy (behind the end of its log, or fed within `busyMs`) vouches for its own newest report time.
 * A partition that is idle has nothing older in flight, so it vouches for the runner's stream position: the smallest
 * newest time of the busy ones, or, when all are idle, the newest time of all — plus the idle wall time once input
 * has stopped for `idleAdvanceMs` (DESIGN.md: idle wall time advances stream time, so that alerts still resolve).
 * A partition assigned but not yet fetched counts as busy for `busyMs`: its backlog may be old. `drainTo` (the end
 * of a backfill, --until-idle) moves every watermark past the last report so that downstream windows empty.
 */
export interface SourceView {
  /** `<topic>:<partition>` */
  source: string;
  /** Newest report time processed, −1 before any; undefined when the partition has not been fetched yet. */
  newest: number | undefined;
  lastInputWall: number;
  lag: number;
  assignedAt: number;
}

export interface SourceWatermarkOptions {
  busyMs: number;
  idleAdvanceMs: number;
}

export function sourceWatermarks(
  views: readonly SourceView[],
  now: number,
  options: SourceWatermarkOptions,
  drainTo = -1,
): Map<string, number> {
  let busyMin = Number.POSITIVE_INFINITY;
  let anyBusy = false;
  let newestAll = -1;
  let lastInput = 0;
  for (const v of views) {
    const newest = v.newest ?? -1;
    newestAll = Math.max(newestAll, newest);
    lastInput = Math.max(lastInput, v.lastInputWall);
    const busy =
      v.newest === undefined
        ? now - v.assignedAt < options.busyMs
        : v.lag > 0 || now - v.lastInputWall < options.busyMs;
    if (!busy) continue;
    anyBusy = true;
    busyMin = Math.min(busyMin, newest);
  }
  let runner: number;
  if (anyBusy) runner = busyMin;
  else {
    const idle = now - lastInput;
    runner = newestAll >= 0 && idle >= options.idleAdvanceMs ? newestAll + idle : newestAll;
  }
  const out = new Map<string, number>();
  for (const v of views) out.set(v.source, Math.max(v.newest ?? -1, runner, drainTo));
  return out;
}

/** Writes the watermarks that moved, to every observation partition, at most every `minIntervalMs`. */
export class WatermarkWriter {
  private readonly written = new Map<string, number>();
  private lastWrite = 0;

  constructor(
    private readonly topic: string,
    private readonly partitions: number,
    private readonly minIntervalMs: number,
    private readonly send: (topic: string, key: string, value: string, partition: number) => void,
  ) {}

  write(marks: Map<string, number>, now: number, force = false): void {
    if (!force && now - this.lastWrite < this.minIntervalMs) return;
    this.lastWrite = now;
    for (const [source, t] of marks) {
      if (t < 0 || t <= (this.written.get(source) ?? -1)) continue;
      this.written.set(source, t);
      const key = watermarkKey(source);
      const value = String(Math.floor(t));
      for (let p = 0; p < this.partitions; p++) this.send(this.topic, key, value, p);
    }
  }

  /** After a rebalance the new owner of a partition may start lower: forget what was written. */
  reset(): void {
    this.written.clear();
  }
}
