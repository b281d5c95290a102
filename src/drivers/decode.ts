import type { Writable } from 'node:stream';
import type { Logger } from '../log.js';
import { BadInputHandler } from './bad-input.js';
import { InputStats } from './input-stats.js';
import { type FileReadOptions, fileReports, mergeByTime, OutcomeRouter, openFileInputs } from './read-files.js';

/**
 * `jamwatch decode`: the inputs, decoded and merged in event-time order, as normalised reports in JSON lines on
 * `out` — for checking a feed by eye and for Unix pipelines. Returns the counts of what was read.
 */
export async function decodeFiles(
  paths: string[],
  options: FileReadOptions,
  out: Writable,
  log: Logger,
): Promise<InputStats> {
  const stats = new InputStats();
  const router = new OutcomeRouter(stats, new BadInputHandler(log, undefined));
  const inputs = await openFileInputs(paths, options, log);
  for await (const batch of mergeByTime(inputs.map((input) => fileReports(input, options, router)))) {
    let text = '';
    for (const report of batch) text += `${JSON.stringify(report)}\n`;
    if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve));
  }
  return stats;
}
