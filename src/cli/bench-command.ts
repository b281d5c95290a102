import { resolve } from 'node:path';
import type { Command } from 'commander';
import { benchEntityStage } from '../bench/core-entity.js';
import { benchRegionStage } from '../bench/core-region.js';
import { benchDecode } from '../bench/decode.js';
import { benchWorker } from '../bench/worker.js';
import { loadConfig } from '../config/load.js';
import { createLogger } from '../log.js';
import { runCommand } from './run-command.js';

const PARTS = ['decode', 'core', 'worker'] as const;

/** `jamwatch bench`: throughput and memory of each hot path, printed as tables (a command, not a timed test). */
export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('throughput and memory: decoders on the real corpus, the detection core, the Kafka worker')
    .option('--only <parts>', `comma list of ${PARTS.join(', ')}`, PARTS.join(','))
    .option('--corpus <dir>', 'the shared real-feed corpus', resolve('../shared/data'))
    .option('--reports <n>', 'reports for the worker bench', '1000000')
    .option('--config <file>', 'configuration file (JSON or YAML)')
    .action((options: { only: string; corpus: string; reports: string; config?: string }) =>
      runCommand(async () => {
        const parts = new Set(options.only.split(','));
        if (parts.has('decode')) {
          console.log('Decoding (one core, stream decoders on the corpus):');
          console.table(
            benchDecode(options.corpus).map((r) => ({
              format: r.format,
              corpus: r.corpus,
              'units/pass': r.units,
              'per second': Math.round(r.perSecond),
            })),
          );
        }
        if (parts.has('core')) {
          const entity = benchEntityStage();
          const region = benchRegionStage();
          console.log('Detection core (one core, generated traffic):');
          console.table([
            {
              stage: 'entity',
              items: entity.reports,
              'per second': Math.round(entity.perSecond),
              'bytes/craft': Math.round(entity.bytesPerCraft),
            },
            { stage: 'region', items: region.observations, 'per second': Math.round(region.perSecond) },
          ]);
        }
        if (parts.has('worker')) {
          const config = loadConfig({ file: options.config });
          const result = await benchWorker(config, createLogger('warn'), { reports: Number(options.reports) });
          console.log('Kafka worker against the configured broker and InfluxDB:');
          console.table([
            {
              path: 'bare kafkajs consumption',
              'reports/s': Math.round(result.bare.perSecond),
              'cpu s': result.bare.cpuSeconds,
            },
            {
              path: 'jamwatch worker',
              'reports/s': Math.round(result.worker.perSecond),
              'cpu s': result.worker.cpuSeconds,
            },
          ]);
          console.log(`ratio ${result.ratio.toFixed(2)}, peak RSS ${result.peakRssMb} MB, ${result.reports} reports`);
        }
      }),
    );
}
