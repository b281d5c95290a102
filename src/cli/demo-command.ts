import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { runReplay } from '../drivers/replay.js';
import { evaluate } from '../eval/evaluate.js';
import { formatEvalResult } from '../eval/format.js';
import { createLogger } from '../log.js';
import { writeSimulation } from '../sim/write.js';
import { printAlert } from './replay-command.js';
import { runCommand } from './run-command.js';
import { readScenario } from './simulate-command.js';

const PACKAGE_DIR = resolve(import.meta.dirname, '../../..');

/**
 * `jamwatch demo` (`npm start`): the main job on an embedded default, with no servers — a built-in scenario is
 * simulated, replayed through the full detection, its alerts printed as they open and close, scored against the
 * scenario's truth, and the report written.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('simulate a built-in scenario, detect its interference offline and write the report (no servers)')
    .option('--scenario <file>', 'scenario to run', join(PACKAGE_DIR, 'config', 'scenarios', 'demo.json'))
    .option('--out <dir>', 'output folder', 'jamwatch-demo')
    .action((options: { scenario: string; out: string }) =>
      runCommand(async () => {
        const config = loadConfig({ env: { JAMWATCH_LOG_LEVEL: 'warn', ...process.env } });
        const log = createLogger(config.log.level);
        const simDir = join(options.out, 'feed');
        process.stdout.write(`Simulating ${options.scenario} into ${simDir} …\n`);
        const sim = writeSimulation(simDir, readScenario(options.scenario));
        process.stdout.write(
          `${sim.lines.adsb} aircraft.json snapshots and ${sim.lines.ais} AIS sentences; replaying them through the detection:\n\n`,
        );
        const result = await runReplay(
          [sim.files.adsb, sim.files.ais],
          {
            input: {
              format: undefined,
              startTime: undefined,
              rate: 1,
              tzOffsetMinutes: undefined,
              receiver: undefined,
            },
            outDir: options.out,
            detection: config.detection,
            progress: false,
            title: `jamwatch demo: ${sim.truth.scenario}`,
            onAlert: printAlert,
          },
          log,
        );
        process.stdout.write(`\n${formatEvalResult(evaluate(sim.truth, result.alerts, { label: 'jamwatch' }))}\n`);
        process.stdout.write(`\nReport: ${resolve(result.files.report)}\nAlerts: ${resolve(result.files.alerts)}\n`);
      }),
    );
}
