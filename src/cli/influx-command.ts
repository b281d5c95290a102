import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { backfillRange, setupAggregateTasks } from '../drivers/aggregates.js';
import { JamwatchError } from '../errors.js';
import { runCommand } from './run-command.js';

/** A date (UTC midnight) or a date and time with its zone: a time without a zone would be read as local time. */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

function parseInstant(option: string, text: string): number {
  const ms = INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new JamwatchError(
      'USAGE',
      `${option} ${text} must be an ISO 8601 UTC day or time with its zone (2024-03-01 or 2024-03-01T06:00:00Z)`,
    );
  }
  return ms;
}

export function registerInfluxCommand(program: Command): void {
  const influx = program
    .command('influx')
    .description('the InfluxDB side of the dashboards: hourly and daily aggregation tasks and their backfill');

  influx
    .command('setup')
    .description('install or update the tasks that keep gnss_cell_1h and gnss_cell_1d (idempotent)')
    .option('--config <file>', 'configuration file (JSON or YAML)')
    .action((options: { config?: string }) =>
      runCommand(async () => {
        const config = loadConfig({ file: options.config });
        for (const task of await setupAggregateTasks(config.influx)) {
          process.stdout.write(`${task.action.padEnd(9)} task "${task.name}" (id ${task.id})\n`);
        }
      }),
    );

  influx
    .command('backfill')
    .description('compute the hourly and daily aggregates of a past range now (a task only looks back one period)')
    .requiredOption('--start <iso>', 'start of the range (widened to its hour and day)')
    .requiredOption('--stop <iso>', 'end of the range, exclusive (widened to its hour and day)')
    .option('--config <file>', 'configuration file (JSON or YAML)')
    .action((options: { start: string; stop: string; config?: string }) =>
      runCommand(async () => {
        const range = { start: parseInstant('--start', options.start), stop: parseInstant('--stop', options.stop) };
        const config = loadConfig({ file: options.config });
        const started = Date.now();
        const days = await backfillRange(config.influx, range, (day) =>
          process.stderr.write(`aggregated ${new Date(day.start).toISOString().slice(0, 10)}\n`),
        );
        process.stdout.write(
          `backfilled gnss_cell_1h and gnss_cell_1d for ${days} day${days === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
      }),
    );
}
