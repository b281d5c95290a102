import { EntityStage } from '../core/entity/entity-stage.js';
import { Pipeline } from '../core/topology.js';
import type { Report } from '../schema/report.js';
import { generateEntityReports } from './core-entity.js';

/**
 * The whole detection core in one process, as `jamwatch replay` runs it: normalised reports already in memory through
 * the entity, region and event stages (ticks, windows, scores, joining, emitter fits). The traffic is the entity
 * bench's (10k craft, 1M reports; 5 % jammed for 30 s, 1 % spoofed), put in event-time order as a merged feed is.
 * Set-up outside the timed part; one untimed pass first. Bytes per craft: heap growth over the run (after a full GC
 * when Node runs with --expose-gc) over the craft the entity stage tracks, so windows and baselines count too.
 */
export interface PipelineBenchResult {
  reports: number;
  seconds: number;
  perSecond: number;
  bytesPerCraft: number;
  bytesMethod: 'heap' | 'estimate';
  trackedCraft: number;
  rows: number;
  alerts: number;
}

export function benchPipeline(options: { craft?: number; reports?: number } = {}): PipelineBenchResult {
  const reports = generateEntityReports(options.craft ?? 10_000, options.reports ?? 1_000_000);
  reports.sort((a, b) => a.t - b.t);
  runOnce(reports);
  return runOnce(reports);
}

function runOnce(reports: readonly Report[]): PipelineBenchResult {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const entity = new EntityStage();
  let rows = 0;
  let alerts = 0;
  const pipeline = new Pipeline(
    entity,
    {},
    {
      row: () => {
        rows++;
      },
      alert: () => {
        alerts++;
      },
    },
  );
  const start = performance.now();
  for (let i = 0; i < reports.length; i++) pipeline.process(reports[i]!);
  const seconds = (performance.now() - start) / 1000;
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  const trackedCraft = entity.stats().trackedCraft;
  pipeline.finish();
  return {
    reports: reports.length,
    seconds,
    perSecond: reports.length / seconds,
    bytesPerCraft: (heapAfter - heapBefore) / trackedCraft,
    bytesMethod: gc === undefined ? 'estimate' : 'heap',
    trackedCraft,
    rows,
    alerts,
  };
}
