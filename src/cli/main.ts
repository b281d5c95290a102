#!/usr/bin/env node
import { Command } from 'commander';
import { registerBenchCommand } from './bench-command.js';
import { registerConfigCommand } from './config-command.js';
import { registerDecodeCommand } from './decode-command.js';
import { registerDemoCommand } from './demo-command.js';
import { registerEvalCommand } from './eval-command.js';
import { registerExportCommand } from './export-command.js';
import { registerFeedCommand } from './feed-command.js';
import { registerInfluxCommand } from './influx-command.js';
import { registerReplayCommand } from './replay-command.js';
import { registerSimulateCommand } from './simulate-command.js';
import { registerWorkerCommand } from './worker-command.js';

// A closed pipe (`jamwatch decode … | head`) ends the output, not the process with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** The `jamwatch` command line: thin, each command parses its arguments, loads config and calls one driver. */
const program = new Command()
  .name('jamwatch')
  .description('GNSS interference (jamming and spoofing) detection from ADS-B and AIS position reports')
  .version('0.1.0');

registerConfigCommand(program);
registerBenchCommand(program);
registerDecodeCommand(program);
registerFeedCommand(program);
registerReplayCommand(program);
registerSimulateCommand(program);
registerEvalCommand(program);
registerDemoCommand(program);
registerWorkerCommand(program);
registerInfluxCommand(program);
registerExportCommand(program);

await program.parseAsync(process.argv);
