import { EntityStage } from '../core/entity/entity-stage.js';
import { Pipeline } from '../core/topology.js';
import type { Report } from '../schema/report.js';
import { generateEntityReports } from './core-entity.js';
import { measure } from './measure.js';

/**
 * The whole detection core in one process, as `jamwatch replay` runs it: normalised reports already in memory through
 * the entity, region and event stages (ticks, windows, scores, joining, emitter fits). The traffic is the entity
 * bench's (10k craft, 1M reports; 5 % jammed for 30 s, 1 % spoofed), put in event-time order as a merged feed is.
 * Set-up outside the timed part; one untimed pass first. Bytes per craft: heap growth over the run (measure.ts) over
 * the craft the entity stage tracks, so windows and baselines count too.
 */
export interface PipelineBenchResult {
  reports: number;
  seconds: number;
  perSecond: number;
  /** Reports per second of CPU time. */
  perCpuSecond: number;
  bytesPerCraft: number;
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
  let rows = 0;
  let alerts = 0;
  const sinks = {
    row: () => {
      rows++;
    },
    alert: () => {
      alerts++;
    },
  };
  const { value, seconds, cpuSeconds, heapGrowthBytes } = measure(() => {
    const entity = new EntityStage();
    const pipeline = new Pipeline(entity, {}, sinks);
    for (let i = 0; i < reports.length; i++) pipeline.process(reports[i]!);
    return { entity, pipeline };
  });
  const trackedCraft = value.entity.stats().trackedCraft;
  value.pipeline.finish();
  return {
    reports: reports.length,
    seconds,
    perSecond: reports.length / seconds,
    perCpuSecond: reports.length / cpuSeconds,
    bytesPerCraft: heapGrowthBytes / trackedCraft,
    trackedCraft,
    rows,
    alerts,
  };
}
