import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * One timed run of a hot path, and the memory (heap and ArrayBuffers) that what it returns (the stage under test)
 * holds: full GCs with it alive and after it is dropped; `read` takes the figures needed from it in between. The GC
 * comes from V8 itself (`--expose_gc` set at run time), so `jamwatch bench` needs no node flag for a settled figure.
 */
export interface Measured<T> {
  value: T;
  seconds: number;
  /** User + system CPU time of the process over the run (GC threads included): robust on a shared machine. */
  cpuSeconds: number;
  /** Heap and ArrayBuffer memory (typed-array columns live outside the heap) that the run's value holds. */
  retainedBytes: number;
}

let gc: (() => void) | undefined;

function fullGc(): void {
  if (gc === undefined) {
    setFlagsFromString('--expose_gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

export function measure<T, R>(run: () => T, read: (value: T) => R): Measured<R> {
  fullGc();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let value: T | undefined = run();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  fullGc();
  const withValue = heldBytes();
  const result = read(value);
  // What the run's value holds is what goes when it is dropped: measured so, garbage left from before the run (dead
  // typed arrays are freed by a background sweeper, after the first collection) cannot make the growth look smaller.
  value = undefined;
  fullGc();
  return {
    value: result,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    retainedBytes: withValue - heldBytes(),
  };
}

function heldBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** The figures every core bench prints: throughput by wall and CPU time, and heap per tracked craft. */
export interface CoreFigures {
  reports: number;
  seconds: number;
  perSecond: number;
  /** Reports per second of CPU time. */
  perCpuSecond: number;
  bytesPerCraft: number;
  trackedCraft: number;
}

export function coreFigures(reports: number, run: Measured<unknown>, trackedCraft: number): CoreFigures {
  return {
    reports,
    seconds: run.seconds,
    perSecond: reports / run.seconds,
    perCpuSecond: reports / run.cpuSeconds,
    bytesPerCraft: run.retainedBytes / trackedCraft,
    trackedCraft,
  };
}
