import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * One timed run of a hot path, and the memory it leaves behind (heap and ArrayBuffers): a full GC before and after, with what the run returns
 * (the stage under test) still alive at the second, so that its state is counted. The GC comes from V8 itself
 * (`--expose_gc` set at run time), so `jamwatch bench` needs no node flag for a settled figure.
 */
export interface Measured<T> {
  value: T;
  seconds: number;
  /** User + system CPU time of the process over the run (GC threads included): robust on a shared machine. */
  cpuSeconds: number;
  /** Growth of the JS heap and of ArrayBuffer memory (typed-array columns live outside the heap). */
  heapGrowthBytes: number;
}

let gc: (() => void) | undefined;

function fullGc(): void {
  if (gc === undefined) {
    setFlagsFromString('--expose_gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

export function measure<T>(run: () => T): Measured<T> {
  fullGc();
  const heapBefore = heldBytes();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  fullGc();
  return {
    value,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    heapGrowthBytes: heldBytes() - heapBefore,
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
    bytesPerCraft: run.heapGrowthBytes / trackedCraft,
    trackedCraft,
  };
}
