/**
 * Watermarks between the worker's stages, carried in-band on the repartition topics (`observations`, `cells`).
 *
 * A stage task that writes to a repartition topic also writes, to every partition of it, a watermark message:
 *   key   `~wm:<topic>:<partition>`   the input partition of the writer (the source)
 *   value `<ms>`                      decimal event time: everything the source will send with a time ≤ ms is
 *                                     already on this partition, ahead of the watermark
 * Observation and cell keys are H3 cells, which never start with `~`. A reader's input is complete up to the
 * smallest watermark of all the sources that write to it (every partition of the upstream topics, known from the
 * broker's metadata), so a tick evaluated there sees what a replay sees, however the work is split among workers.
 */
const PREFIX = '~wm:';
const TILDE = 0x7e;

export function sourceId(topic: string, partition: number): string {
  return `${topic}:${partition}`;
}

export function watermarkKey(source: string): string {
  return PREFIX + source;
}

export function isWatermarkKey(key: Buffer | null): key is Buffer {
  return key !== null && key.length > PREFIX.length && key[0] === TILDE;
}

/** The source of a watermark message (its key without the prefix). */
export function watermarkSource(key: Buffer): string {
  return key.toString('utf8', PREFIX.length);
}

/** Per-source watermarks of one input partition; `min` is −1 until every expected source has written one. */
export class SourceWatermarks {
  private readonly marks = new Map<string, number>();
  private minimum = -1;

  constructor(private readonly sources: readonly string[]) {}

  get min(): number {
    return this.minimum;
  }

  /** Records a watermark (they only move forward); returns true when the minimum moved. */
  update(source: string, t: number): boolean {
    if (!Number.isFinite(t) || !this.sources.includes(source)) return false;
    if (t <= (this.marks.get(source) ?? -1)) return false;
    this.marks.set(source, t);
    let min = Number.POSITIVE_INFINITY;
    for (const s of this.sources) {
      const mark = this.marks.get(s);
      if (mark === undefined) return false;
      if (mark < min) min = mark;
    }
    if (min <= this.minimum) return false;
    this.minimum = min;
    return true;
  }

  /** Raises every watermark to at least t: the bound on held input was reached (see EventTimeBuffer). */
  forceTo(t: number): void {
    for (const s of this.sources) this.marks.set(s, Math.max(t, this.marks.get(s) ?? -1));
    this.minimum = Math.max(this.minimum, t);
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries(this.marks);
  }

  restore(marks: Record<string, number>): void {
    this.marks.clear();
    this.minimum = -1;
    for (const [source, t] of Object.entries(marks)) this.update(source, t);
  }
}
