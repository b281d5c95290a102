import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { JamwatchError } from '../errors.js';
import { parseScenario, type Scenario } from '../schema/scenario.js';
import { writeSimulation } from '../sim/write.js';
import { runCommand } from './run-command.js';

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(
      'synthetic air and sea traffic with jammers and spoofers: DIR/adsb.jsonl, DIR/ais.nmea, DIR/truth.json',
    )
    .requiredOption('--scenario <file>', 'scenario JSON (see config/scenarios/)')
    .requiredOption('--out <dir>', 'output folder')
    .option('--seed <n>', 'random seed (default: the scenario’s)')
    .action((options: { scenario: string; out: string; seed?: string }) =>
      runCommand(() => {
        const written = writeSimulation(options.out, readScenario(options.scenario), {
          seed: options.seed === undefined ? undefined : Number(options.seed),
        });
        process.stdout.write(
          `wrote ${written.lines.adsb} readsb snapshots, ${written.lines.ais} AIS sentences and ${written.truth.events.length} truth events to ${written.dir}\n`,
        );
      }),
    );
}

export function readScenario(path: string): Scenario {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new JamwatchError('INPUT_OPEN', `cannot read scenario ${path}: ${(cause as Error).message}`, { cause });
  }
  try {
    return parseScenario(value);
  } catch (cause) {
    throw new JamwatchError('USAGE', `scenario ${path} is not valid: ${(cause as Error).message}`, { cause });
  }
}
