import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { runWorker } from '../drivers/worker/worker.js';
import { JamwatchError } from '../errors.js';
import { createLogger } from '../log.js';
import { runCommand } from './run-command.js';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('the stream processor: reports from Kafka → InfluxDB time series and alerts on Kafka')
    .option('--until-idle <seconds>', 'exit cleanly (flushed, committed) once no input arrived for this long')
    .option('--config <file>', 'configuration file (JSON or YAML)')
    .action((options: { untilIdle?: string; config?: string }) =>
      runCommand(async () => {
        const config = loadConfig({ file: options.config });
        const log = createLogger(config.log.level);
        let untilIdleMs: number | undefined;
        if (options.untilIdle !== undefined) {
          const seconds = Number(options.untilIdle);
          if (!(seconds > 0)) throw new JamwatchError('USAGE', `--until-idle ${options.untilIdle} must be seconds > 0`);
          untilIdleMs = seconds * 1000;
        }
        const controller = new AbortController();
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
        const summary = await runWorker(config, { untilIdleMs, signal: controller.signal }, log);
        process.stdout.write(
          `${summary.reports} reports, ${summary.invalid} dead letters, ${summary.alerts} alert messages in ${summary.seconds.toFixed(1)} s\n`,
        );
      }),
    );
}
