import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { runReplay } from '../drivers/replay.js';
import { createLogger } from '../log.js';
import type { Alert } from '../schema/alert.js';
import { addInputOptions, type InputCliOptions, parseInputOptions } from './input-options.js';
import { runCommand } from './run-command.js';

/** Room around a replayed range in the printed dashboard link, so the first and last points are not on the edge. */
const MARGIN_MS = 10 * 60_000;

export function registerReplayCommand(program: Command): void {
  addInputOptions(
    program
      .command('replay')
      .description('run the full detection offline on feed files: DIR/alerts.ndjson, DIR/cells.ndjson, DIR/report.html')
      .argument('<files...>', 'input files or folders, merged in event-time order')
      .requiredOption('--out <dir>', 'output folder')
      .option('--quiet', 'do not print alerts as they open and close')
      .option(
        '--influx',
        'also write the time series to InfluxDB as the worker does (JAMWATCH_INFLUX_*), then aggregate the days replayed',
      )
      .option('--config <file>', 'configuration file (JSON or YAML)'),
  ).action(
    (files: string[], options: InputCliOptions & { out: string; quiet?: boolean; influx?: boolean; config?: string }) =>
      runCommand(async () => {
        const config = loadConfig({ file: options.config });
        const log = createLogger(config.log.level);
        const result = await runReplay(
          files,
          {
            input: parseInputOptions(options),
            outDir: options.out,
            detection: config.detection,
            progress: process.stderr.isTTY === true && !options.quiet,
            onAlert: options.quiet ? undefined : printAlert,
            influx: options.influx
              ? { influx: config.influx, feedIntervalMs: config.worker.feedPointIntervalMs }
              : undefined,
          },
          log,
        );
        process.stdout.write(
          `${new Set(result.alerts.map((a) => a.id)).size} alerts from ${result.stats.reports} reports; wrote ${result.files.alerts}, ${result.files.cells}, ${result.files.report}\n`,
        );
        if (result.influx) {
          const { points, days, range } = result.influx;
          process.stdout.write(
            `wrote ${points} points to InfluxDB bucket "${config.influx.bucket}" at ${config.influx.url}; ` +
              `aggregated ${days} day${days === 1 ? '' : 's'} (gnss_cell_1h, gnss_cell_1d)\n`,
          );
          // Grafana opens on the last hours by default: the recording's own range, as dashboard URL parameters.
          if (range) {
            process.stdout.write(
              `in Grafana: /d/jamwatch-overview?from=${range.start - MARGIN_MS}&to=${range.stop + MARGIN_MS} ` +
                `(${new Date(range.start).toISOString()} – ${new Date(range.stop).toISOString()})\n`,
            );
          }
        }
      }),
  );
}

/** One line per alert lifecycle change, for a person watching the terminal. */
export function printAlert(alert: Alert): void {
  if (alert.status === 'update') return;
  const when = alert.status === 'open' ? alert.startedAt : (alert.endedAt ?? alert.updatedAt);
  const emitter = alert.emitter
    ? ` emitter ${alert.emitter.lat.toFixed(2)},${alert.emitter.lon.toFixed(2)} ±${alert.emitter.errorKm.toFixed(0)} km`
    : '';
  process.stdout.write(
    `${when} ${alert.status.toUpperCase().padEnd(8)} ${alert.kind} ${alert.severity} ${alert.id} near ` +
      `${alert.area.center.lat.toFixed(2)},${alert.area.center.lon.toFixed(2)} r ${alert.area.radiusKm.toFixed(0)} km, ` +
      `${alert.affected.aircraft}/${alert.observed.aircraft} aircraft ${alert.affected.vessels}/${alert.observed.vessels} vessels${emitter}\n`,
  );
}
