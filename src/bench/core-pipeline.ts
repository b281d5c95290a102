import { EntityStage } from '../core/entity/entity-stage.js';
import { Pipeline } from '../core/topology.js';
import type { Report } from '../schema/report.js';
import { generateEntityReports } from './core-entity.js';
import { type CoreFigures, coreFigures, measure } from './measure.js';

/**
 * The whole detection core in one process, as `jamwatch replay` runs it: normalised reports already in memory through
 * the entity, region and event stages (ticks, windows, scores, joining, emitter fits). The traffic is the entity
 * bench's (10k craft, 1M reports; 5 % jammed for 30 s, 1 % spoofed), already in event-time order as a merged feed is.
 * Set-up outside the timed part; one untimed pass first. Bytes per craft: what the stages hold, heap and ArrayBuffers
 * (measure.ts), over the craft the entity stage tracks, so windows and baselines count too.
 */
export interface PipelineBenchResult extends CoreFigures {
  rows: number;
  alerts: number;
}

export function benchPipeline(options: { craft?: number; reports?: number } = {}): PipelineBenchResult {
  const reports = generateEntityReports(options.craft ?? 10_000, options.reports ?? 1_000_000);
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
  const run = measure(
    () => {
      const entity = new EntityStage();
      const pipeline = new Pipeline(entity, {}, sinks);
      for (let i = 0; i < reports.length; i++) pipeline.process(reports[i]!);
      return { entity, pipeline };
    },
    (stages) => {
      const tracked = stages.entity.stats().trackedCraft;
      stages.pipeline.finish();
      return tracked;
    },
  );
  return { ...coreFigures(reports.length, run, run.value), rows, alerts };
}
