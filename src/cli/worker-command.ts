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
    .action(async (options: { untilIdle?: string; config?: string }) => {
      await runCommand(async () => {
        const config = loadConfig({ file: options.config });
        const log = createLogger(config.log.level);
        let untilIdleMs: number | undefined;
        if (options.untilIdle !== undefined) {
          const seconds = Number(options.untilIdle);
          if (!(seconds > 0)) throw new JamwatchError('USAGE', `--until-idle ${options.untilIdle} must be seconds > 0`);
          untilIdleMs = seconds * 1000;
        }
        const controller = new AbortController();
        for (const signal of ['SIGINT', 'SIGTERM'] as const) {
          process.on(signal, () => {
            if (!controller.signal.aborted) return controller.abort();
            // A drain can wait on a broker that is gone; a second signal is the operator saying not to wait.
            log.warn({ signal }, 'second signal while draining: exiting now, from the last commit');
            process.exit(1);
          });
        }
        const summary = await runWorker(config, { untilIdleMs, signal: controller.signal }, log);
        process.stdout.write(
          `${summary.reports} reports, ${summary.invalid} dead letters, ${summary.alerts} alert messages in ${summary.seconds.toFixed(1)} s\n`,
        );
      });
      // Drained (or failed) here. After a broker outage kafkajs keeps reconnect timers and sockets past disconnect()
      // (kafkajs#1147; 5 sockets seen, one opened 3 min after the stop), which would keep the process alive for ever:
      // exit explicitly, with runCommand's exit code, once stdout is written.
      process.stdout.write('', () => process.exit());
    });
}
