import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How the core benches measure: throughput in steady state, memory apart.
 *
 * Throughput is that of a worker that has run for a while: `warmups` untimed passes first (V8 keeps optimising the
 * hot code over the first few), then `passes` timed ones, each with fresh stages over the same input, and no forced
 * GC in between. A forced full GC collects the previous pass's stages, and V8 then throws away the optimised code
 * that referred to them (`--trace-deopt`: "weak objects"), so every pass after one ran at 0.6–0.8 of the speed of the
 * same code left alone; a worker's stages live for hours and never see that. The figures are the median pass by CPU
 * time, with the range of all.
 *
 * Memory is one more pass, between full GCs: the heap and ArrayBuffers that the stages hold, with them alive and
 * after they are dropped. The GC comes from V8 itself (`--expose_gc` set at run time), so `jamwatch bench` needs no
 * node flag for a settled figure.
 */
/** Untimed passes before the timed ones, unless a bench says otherwise. */
export const DEFAULT_WARMUPS = 3;

export interface PassOptions {
  readonly warmups?: number;
  readonly passes?: number;
}

export interface PassTime {
  seconds: number;
  /** User + system CPU time of the process over the pass (GC threads included): robust on a shared machine. */
  cpuSeconds: number;
}

let gc: (() => void) | undefined;

function fullGc(): void {
  if (gc === undefined) {
    setFlagsFromString('--expose_gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

/**
 * Two full GCs: dead ArrayBuffers are freed by a background sweeper, finished at the next collection, so that the
 * garbage of the timed passes is gone before the figure is read.
 */
function settle(): void {
  fullGc();
  fullGc();
}

/** Warm-up passes, then timed ones; `after` takes each pass's result outside the timing (figures, drain). */
export function timePasses<T>(run: () => T, after: (value: T) => void, options: PassOptions = {}): PassTime[] {
  const warmups = options.warmups ?? DEFAULT_WARMUPS;
  const passes = Math.max(1, options.passes ?? 5);
  for (let w = 0; w < warmups; w++) after(run());
  const times: PassTime[] = [];
  for (let p = 0; p < passes; p++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const value = run();
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    times.push({ seconds, cpuSeconds: (used.user + used.system) / 1e6 });
    after(value);
  }
  return times;
}

/** What `build` returns holds, heap and ArrayBuffers (typed-array columns live outside the heap); `read` in between. */
export function retainedBytes<T, R>(build: () => T, read: (value: T) => R): { bytes: number; value: R } {
  settle();
  let value: T | undefined = build();
  settle();
  const withValue = heldBytes();
  const result = read(value);
  // What the value holds is what goes when it is dropped: measured so, garbage left from before cannot make the growth
  // look smaller.
  value = undefined;
  settle();
  return { bytes: withValue - heldBytes(), value: result };
}

/**
 * Heap and ArrayBuffer bytes in use, but not compiled code: dropping the stages also drops the optimised code that
 * referred to them, which would otherwise count as ~200 bytes per craft that the stages do not hold.
 */
function heldBytes(): number {
  let heap = 0;
  for (const space of getHeapSpaceStatistics()) if (!space.space_name.startsWith('code')) heap += space.space_used_size;
  return heap + process.memoryUsage().arrayBuffers;
}

/** The figures every core bench prints: throughput by wall and CPU time, and heap per tracked craft. */
export interface CoreFigures {
  reports: number;
  passes: number;
  /** Of the median pass by CPU time. */
  seconds: number;
  perSecond: number;
  /** Reports per second of CPU time. */
  perCpuSecond: number;
  /** Slowest and fastest pass, reports per CPU second. */
  perCpuSecondRange: [number, number];
  bytesPerCraft: number;
  trackedCraft: number;
}

export function coreFigures(
  reports: number,
  times: readonly PassTime[],
  memory: { bytes: number; trackedCraft: number },
): CoreFigures {
  if (times.length === 0) throw new RangeError('coreFigures needs at least one pass');
  const byCpu = [...times].sort((a, b) => a.cpuSeconds - b.cpuSeconds);
  const median = byCpu[byCpu.length >> 1]!;
  return {
    reports,
    passes: times.length,
    seconds: median.seconds,
    perSecond: reports / median.seconds,
    perCpuSecond: reports / median.cpuSeconds,
    perCpuSecondRange: [reports / byCpu[byCpu.length - 1]!.cpuSeconds, reports / byCpu[0]!.cpuSeconds],
    bytesPerCraft: memory.bytes / memory.trackedCraft,
    trackedCraft: memory.trackedCraft,
  };
}
