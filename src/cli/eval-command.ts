import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { gpsjamBaseline } from '../drivers/gpsjam-baseline.js';
import { JamwatchError } from '../errors.js';
import { evaluate } from '../eval/evaluate.js';
import { formatComparison, formatEvalResult } from '../eval/format.js';
import { parseNdjson } from '../eval/ndjson.js';
import { createLogger } from '../log.js';
import { alertSchema } from '../schema/alert.js';
import { parseTruth } from '../schema/truth.js';
import { addInputOptions, type InputCliOptions, parseInputOptions } from './input-options.js';
import { runCommand } from './run-command.js';

export function registerEvalCommand(program: Command): void {
  addInputOptions(
    program
      .command('eval')
      .description(
        'score alerts against ground truth: recall, false alerts per hour, time to first alert, emitter error',
      )
      .requiredOption('--truth <file>', 'truth.json from jamwatch simulate')
      .requiredOption('--alerts <file>', 'alerts.ndjson from jamwatch replay (or the alerts topic)')
      .option('--input <files...>', "the feed the alerts came from: also run gpsjam.org's rule on it and compare")
      .option('--config <file>', 'configuration file (JSON or YAML)'),
  ).action((options: InputCliOptions & { truth: string; alerts: string; input?: string[]; config?: string }) =>
    runCommand(async () => {
      const config = loadConfig({ file: options.config });
      const log = createLogger(config.log.level);
      const truth = parseTruth(JSON.parse(readText(options.truth)));
      const alerts = parseNdjson(readText(options.alerts), alertSchema, options.alerts);
      const ours = evaluate(truth, alerts, { label: 'jamwatch' });
      process.stdout.write(`${formatEvalResult(ours)}\n`);
      if (!options.input) return;
      const baseline = await gpsjamBaseline(options.input, parseInputOptions(options), config.detection, log);
      const sliding = evaluate(truth, baseline.sliding, { label: 'gpsjam rule (5 min)' });
      const day = evaluate(truth, baseline.day, { label: 'gpsjam rule (UTC day)' });
      process.stdout.write(`\n${formatComparison(ours, sliding)}\n\n${formatComparison(ours, day)}\n`);
    }),
  );
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new JamwatchError('INPUT_OPEN', `cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
}
