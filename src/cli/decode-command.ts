import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { decodeFiles } from '../drivers/decode.js';
import { createLogger } from '../log.js';
import { addInputOptions, type InputCliOptions, parseInputOptions } from './input-options.js';
import { runCommand } from './run-command.js';

export function registerDecodeCommand(program: Command): void {
  addInputOptions(
    program
      .command('decode')
      .description('decode feed files into normalised reports (JSON lines on stdout); counts on stderr')
      .argument(
        '<files...>',
        'input files or folders (Beast, AVR, SBS, readsb JSON, AIS NMEA, aisstream JSON, reports)',
      )
      .option('--config <file>', 'configuration file (JSON or YAML)'),
  ).action((files: string[], options: InputCliOptions & { config?: string }) =>
    runCommand(async () => {
      const config = loadConfig({ file: options.config });
      const log = createLogger(config.log.level);
      const stats = await decodeFiles(files, parseInputOptions(options), process.stdout, log);
      process.stderr.write(`${JSON.stringify(stats)}\n`);
    }),
  );
}
