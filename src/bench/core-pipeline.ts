import { EntityStage } from '../core/entity/entity-stage.js';
import { Pipeline } from '../core/topology.js';
import { generateEntityReports } from './core-entity.js';
import { type CoreFigures, coreFigures, type PassOptions, retainedBytes, timePasses } from './measure.js';

/**
 * The whole detection core in one process, as `jamwatch replay` runs it: normalised reports already in memory through
 * the entity, region and event stages (ticks, windows, scores, joining, emitter fits). The traffic is the entity
 * bench's (10k craft, 1M reports; 5 % jammed for 30 s, 1 % spoofed), already in event-time order as a merged feed is.
 * Set-up outside the timed part; warm-up and timed passes as in measure.ts. Bytes per craft: what the stages hold,
 * heap and ArrayBuffers (measure.ts), over the craft the entity stage tracks, so windows and baselines count too.
 */
export interface PipelineBenchOptions extends PassOptions {
  readonly craft?: number;
  readonly reports?: number;
}

export interface PipelineBenchResult extends CoreFigures {
  rows: number;
  alerts: number;
}

export function benchPipeline(options: PipelineBenchOptions = {}): PipelineBenchResult {
  const reports = generateEntityReports(options.craft ?? 10_000, options.reports ?? 1_000_000);
  const counts = { rows: 0, alerts: 0 };
  const sinks = {
    row: () => {
      counts.rows++;
    },
    alert: () => {
      counts.alerts++;
    },
  };
  const run = () => {
    counts.rows = 0;
    counts.alerts = 0;
    const entity = new EntityStage();
    const pipeline = new Pipeline(entity, {}, sinks);
    for (let i = 0; i < reports.length; i++) pipeline.process(reports[i]!);
    return { entity, pipeline };
  };
  // the end of input (windows emptied, events resolved) is not steady-state throughput: run outside the timing
  const times = timePasses(run, (stages) => stages.pipeline.finish(), options);
  const memory = retainedBytes(run, (stages) => {
    const tracked = stages.entity.stats().trackedCraft;
    stages.pipeline.finish();
    return tracked;
  });
  return { ...coreFigures(reports.length, times, { bytes: memory.bytes, trackedCraft: memory.value }), ...counts };
}
