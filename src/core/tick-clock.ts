/**
 * Stream time and evaluation ticks, shared by every driver of the stages (the in-process Pipeline and the worker's
 * stage tasks) so that they tick alike.
 *
 * Stream time never goes back. `seen(t)` moves it to t − lateAllowanceMs when t is the newest event time yet;
 * `advance(s)` moves it to s (an upstream watermark, a driver's idle clock, the end of input). Each time it passes a
 * tick boundary (a multiple of `tickMs` since the epoch) `onTick(boundary)` runs, boundary by boundary, in order.
 * The first tick is the first boundary after stream time starts: no tick before the data. While `isIdle()` says
 * nothing is held, the boundaries in between are skipped (a gap in the data costs nothing).
 *
 * A driver calls `seen(t)` before handing the record of time t to a stage: a tick at boundary B then holds exactly
 * the records with t < B + lateAllowanceMs, whatever the order of records of equal time and however the input was
 * split into partitions, which is what lets a worker with several partitions decide as a replay does.
 */
export interface TickClockState {
  streamTimeMs: number;
  nextTick: number;
  maxEventTime: number;
}

export class TickClock {
  private streamTimeMs = -1;
  private nextTick = -1;
  private maxEventTime = -1;

  constructor(
    readonly tickMs: number,
    readonly lateAllowanceMs: number,
    private readonly onTick: (boundary: number) => void,
    private readonly isIdle: () => boolean,
  ) {}

  /** Current stream time (ms), −1 before the first record. */
  get streamTime(): number {
    return this.streamTimeMs;
  }

  /** Newest event time seen, −1 before the first record. */
  get newestEventTime(): number {
    return this.maxEventTime;
  }

  /** The event time of a record about to be processed. */
  seen(t: number): void {
    if (t <= this.maxEventTime) return;
    this.maxEventTime = t;
    this.advance(t - this.lateAllowanceMs);
  }

  advance(streamTimeMs: number): void {
    if (streamTimeMs <= this.streamTimeMs) return;
    this.streamTimeMs = streamTimeMs;
    const tick = this.tickMs;
    const last = Math.floor(streamTimeMs / tick) * tick;
    if (this.nextTick < 0) this.nextTick = last + tick;
    while (this.nextTick <= last) {
      const boundary = this.nextTick;
      this.onTick(boundary);
      this.nextTick = this.isIdle() ? Math.max(boundary + tick, last) : boundary + tick;
    }
  }

  snapshot(): TickClockState {
    return { streamTimeMs: this.streamTimeMs, nextTick: this.nextTick, maxEventTime: this.maxEventTime };
  }

  restore(state: TickClockState): void {
    this.streamTimeMs = state.streamTimeMs;
    this.nextTick = state.nextTick;
    this.maxEventTime = state.maxEventTime;
  }
}
