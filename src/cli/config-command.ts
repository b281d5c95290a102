import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { updateReadme } from './readme-tables.js';
import { runCommand } from './run-command.js';

export function registerConfigCommand(program: Command): void {
  program
    .command('config')
    .description('print the effective configuration (secrets redacted)')
    .option('--config <file>', 'configuration file (JSON or YAML)')
    .action((options: { config?: string }) =>
      runCommand(() => {
        const config = loadConfig({ file: options.config });
        const shown = {
          ...config,
          kafka: { ...config.kafka, saslPassword: config.kafka.saslPassword && '[redacted]' },
          influx: { ...config.influx, token: config.influx.token && '[redacted]' },
        };
        process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
      }),
    );

  program
    .command('docs')
    .description("rewrite the README's generated tables (configuration keys, error codes)")
    .argument('[file]', 'the README to update', 'README.md')
    .action((file: string) =>
      runCommand(() => {
        writeFileSync(file, updateReadme(readFileSync(file, 'utf8')));
      }),
    );
}
