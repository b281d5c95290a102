import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { runFeed } from '../drivers/feed.js';
import { parseSpeed } from '../drivers/pacer.js';
import { JamwatchError } from '../errors.js';
import { createLogger } from '../log.js';
import { addInputOptions, type InputCliOptions, parseInputOptions } from './input-options.js';
import { runCommand } from './run-command.js';

export function registerFeedCommand(program: Command): void {
  addInputOptions(
    program
      .command('feed')
      .description(
        'decode feeds (files, tcp://host:port, udp://:port, http(s)://…/aircraft.json) into reports on Kafka',
      )
      .argument('<sources...>', 'files, folders or live sources')
      .option('--speed <n|max>', 'replay files at n × their own pace, or as fast as possible', '1')
      .option('--poll <seconds>', 'polling interval of HTTP sources', '1')
      .option('--config <file>', 'configuration file (JSON or YAML)'),
  ).action((sources: string[], options: InputCliOptions & { speed: string; poll: string; config?: string }) =>
    runCommand(async () => {
      const config = loadConfig({ file: options.config });
      const log = createLogger(config.log.level);
      let speed: number;
      try {
        speed = parseSpeed(options.speed);
      } catch (error) {
        throw new JamwatchError('USAGE', (error as Error).message);
      }
      const poll = Number(options.poll);
      if (!(poll > 0)) throw new JamwatchError('USAGE', `--poll ${options.poll} must be a number of seconds > 0`);
      const controller = new AbortController();
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
      await runFeed(
        sources,
        {
          input: parseInputOptions(options),
          speed,
          pollIntervalMs: poll * 1000,
          progress: process.stderr.isTTY === true,
          signal: controller.signal,
        },
        config,
        log,
      );
    }),
  );
}
