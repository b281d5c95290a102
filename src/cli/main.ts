#!/usr/bin/env node
import { Command } from 'commander';
import { registerConfigCommand } from './config-command.js';

/** The `jamwatch` command line: thin, each command parses its arguments, loads config and calls one driver. */
const program = new Command()
  .name('jamwatch')
  .description('GNSS interference (jamming and spoofing) detection from ADS-B and AIS position reports')
  .version('0.1.0');

registerConfigCommand(program);

await program.parseAsync(process.argv);
