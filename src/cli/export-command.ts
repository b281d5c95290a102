import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { exportGpsjamDay } from '../drivers/aggregates.js';
import { runCommand } from './run-command.js';

export function registerExportCommand(program: Command): void {
  const exporter = program.command('export').description('export time series from InfluxDB in other tools’ formats');

  exporter
    .command('gpsjam')
    .description(
      'one UTC day per H3 cell (res 4 by default) as gpsjam.org’s CSV: hex,count_good_aircraft,count_bad_aircraft',
    )
    .requiredOption('--day <YYYY-MM-DD>', 'the UTC day')
    .option('--out <file>', 'write the CSV to this file (default: stdout)')
    .option('--config <file>', 'configuration file (JSON or YAML)')
    .action((options: { day: string; out?: string; config?: string }) =>
      runCommand(async () => {
        const config = loadConfig({ file: options.config });
        const csv = await exportGpsjamDay(config, options.day, options.out);
        const cells = csv.split('\n').length - 2;
        if (options.out === undefined) process.stdout.write(csv);
        process.stderr.write(`${cells} cells on ${options.day}${options.out ? `, written to ${options.out}` : ''}\n`);
      }),
    );
}
