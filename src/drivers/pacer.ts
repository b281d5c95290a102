import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Replays event time at `speed` times its own pace: the first report sets the origin, and each later one waits
 * until wall time has caught up with (t − t0) / speed. Sleeps shorter than a few ms are skipped (timer granularity),
 * so a dense feed is sent in small bursts.
 */
const MIN_SLEEP_MS = 5;

export class Pacer {
  private origin: { t: number; wall: number } | undefined;

  constructor(
    private readonly speed: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** undefined when no wait is needed (the common case: no promise per report). */
  wait(t: number, signal?: AbortSignal): Promise<void> | undefined {
    if (!Number.isFinite(this.speed)) return undefined;
    if (!this.origin) {
      this.origin = { t, wall: this.now() };
      return undefined;
    }
    const due = this.origin.wall + (t - this.origin.t) / this.speed;
    const ahead = due - this.now();
    if (ahead < MIN_SLEEP_MS) return undefined;
    return sleep(ahead, undefined, { signal }).catch(() => undefined);
  }
}

export function parseSpeed(text: string): number {
  if (text === 'max') return Number.POSITIVE_INFINITY;
  const speed = Number(text);
  if (!(speed > 0)) throw new RangeError(`--speed ${text} must be a number > 0 or "max"`);
  return speed;
}
