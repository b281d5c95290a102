import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { CONTRACTS, jsonSchemaText } from './json-schemas.js';
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
    .description("rewrite the README's generated tables and the contracts' JSON Schema files in docs/schemas")
    .argument('[file]', 'the README to update', 'README.md')
    .action((file: string) =>
      runCommand(() => {
        writeFileSync(file, updateReadme(readFileSync(file, 'utf8')));
        for (const name of Object.keys(CONTRACTS) as Array<keyof typeof CONTRACTS>) {
          writeFileSync(join(dirname(file), 'docs', 'schemas', `${name}.schema.json`), jsonSchemaText(name));
        }
      }),
    );
}
