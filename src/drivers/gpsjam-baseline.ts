import { EntityStage } from '../core/entity/entity-stage.js';
import { GpsjamRule } from '../core/gpsjam-rule.js';
import { Pipeline } from '../core/topology.js';
import type { Logger } from '../log.js';
import type { Alert } from '../schema/alert.js';
import { BadInputHandler } from './bad-input.js';
import { InputStats } from './input-stats.js';
import { type FileReadOptions, fileReports, mergeByTime, OutcomeRouter, openFileInputs } from './read-files.js';
import { type DetectionSettings, loadLandMask } from './replay.js';

/**
 * gpsjam.org's rule run on the same input as ours, through the same entity stage (so both judge the same craft
 * statuses), for `jamwatch eval --input`: once over our sliding windows and once over whole UTC days.
 */
export async function gpsjamBaseline(
  paths: string[],
  input: FileReadOptions,
  detection: DetectionSettings,
  log: Logger,
): Promise<{ sliding: Alert[]; day: Alert[] }> {
  const router = new OutcomeRouter(new InputStats(), new BadInputHandler(log, undefined));
  const inputs = await openFileInputs(paths, input, log);
  const sliding = new GpsjamRule({ window: 'sliding' });
  const day = new GpsjamRule({ window: 'day' });
  const out = { sliding: [] as Alert[], day: [] as Alert[] };
  const emitSliding = (alert: Alert) => out.sliding.push(alert);
  const emitDay = (alert: Alert) => out.day.push(alert);
  const entity = new EntityStage(detection.entity, { landMask: loadLandMask(detection.landMask) });
  let advancedTo = -1;
  // The rules tick on the pipeline's stream time before each observation is added, as the region stage does: a tick
  // at B sees what ours sees (reports up to B + the late allowance), not a whole batch of later data.
  const pipeline: Pipeline = new Pipeline(entity, detection.pipeline, {
    observation: (obs) => {
      if (pipeline.streamTime > advancedTo) {
        advancedTo = pipeline.streamTime;
        sliding.advance(advancedTo, emitSliding);
        day.advance(advancedTo, emitDay);
      }
      sliding.process(obs);
      day.process(obs);
    },
  });
  for await (const batch of mergeByTime(inputs.map((file) => fileReports(file, input, router)))) {
    for (const report of batch) pipeline.process(report);
  }
  pipeline.finish();
  // Past the end of the last day, so that the day rule publishes it.
  const end = Math.max(advancedTo, pipeline.streamTime) + 86_400_000;
  sliding.advance(end, emitSliding);
  day.advance(end, emitDay);
  return out;
}
