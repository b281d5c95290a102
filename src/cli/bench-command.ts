import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { benchEntityStage } from '../bench/core-entity.js';
import { benchPipeline } from '../bench/core-pipeline.js';
import { benchRegionStage } from '../bench/core-region.js';
import { benchDecode } from '../bench/decode.js';
import { benchLatency } from '../bench/latency.js';
import type { Spread } from '../bench/latency-probe.js';
import { type CoreFigures, DEFAULT_WARMUPS } from '../bench/measure.js';
import { benchObservationValidate, benchReportValidate } from '../bench/report-validate.js';
import { benchScaleOut } from '../bench/scale-out.js';
import { benchWorker } from '../bench/worker.js';
import { loadConfig } from '../config/load.js';
import { JamwatchError } from '../errors.js';
import { createLogger } from '../log.js';
import { runCommand } from './run-command.js';
import { readScenario } from './simulate-command.js';

const PARTS = ['decode', 'validate', 'core', 'worker'] as const;
/** Parts run only when named: latency takes ~5 minutes of wall time, workers2 two worker bench runs. */
const EXTRA_PARTS = ['latency', 'workers2'] as const;
const PACKAGE_DIR = resolve(import.meta.dirname, '../../..');

/** `jamwatch bench`: throughput and memory of each hot path, printed as tables (a command, not a timed test). */
export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('throughput and memory: decoders on the real corpus, the detection core, the Kafka worker')
    .option(
      '--only <parts>',
      `comma list of ${PARTS.join(', ')} (the default) and ${EXTRA_PARTS.join(', ')} (only when named: latency feeds a scenario at real time for about 5 minutes; workers2 runs the worker bench's traffic through 1, then 2 worker processes)`,
      PARTS.join(','),
    )
    .option('--corpus <dir>', 'the shared real-feed corpus', resolve('../shared/data'))
    .option('--reports <n>', 'reports for the worker and workers2 parts', '1000000')
    .option('--scenario <file>', 'scenario of the latency part', join(PACKAGE_DIR, 'config', 'scenarios', 'demo.json'))
    .option('--config <file>', 'configuration file (JSON or YAML)')
    .action((options: { only: string; corpus: string; reports: string; scenario: string; config?: string }) =>
      runCommand(async () => {
        const parts = new Set(options.only.split(','));
        const unknown = [...parts].filter((p) => !(PARTS as readonly string[]).concat(EXTRA_PARTS).includes(p));
        if (unknown.length > 0) throw new JamwatchError('USAGE', `--only: unknown part(s) ${unknown.join(', ')}`);
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
        if (parts.has('validate')) {
          console.log('Report boundary (one core, the worker bench traffic as JSON texts):');
          console.table(
            benchReportValidate().map((r) => ({
              step: r.step,
              'µs/report': Number(r.microsPerRecord.toFixed(3)),
              'per second': Math.round(r.perSecond),
            })),
          );
          console.log("Observation boundary (one core, the entity stage's output for that traffic as JSON texts):");
          console.table(
            benchObservationValidate().map((r) => ({
              step: r.step,
              'µs/observation': Number(r.microsPerRecord.toFixed(3)),
              'per second': Math.round(r.perSecond),
            })),
          );
        }
        if (parts.has('core')) {
          const entity = benchEntityStage();
          const region = benchRegionStage();
          const pipeline = benchPipeline();
          console.log(
            `Detection core (one core, generated traffic; median of ${pipeline.passes} passes after ${DEFAULT_WARMUPS} warm-up passes):`,
          );
          console.table([
            {
              stage: 'entity',
              items: entity.reports,
              'per second': Math.round(entity.perSecond),
              'per CPU second': Math.round(entity.perCpuSecond),
              'CPU range': cpuRange(entity),
              'bytes/craft': Math.round(entity.bytesPerCraft),
            },
            { stage: 'region', items: region.observations, 'per second': Math.round(region.perSecond) },
            {
              stage: 'pipeline (entity → region → event)',
              items: pipeline.reports,
              'per second': Math.round(pipeline.perSecond),
              'per CPU second': Math.round(pipeline.perCpuSecond),
              'CPU range': cpuRange(pipeline),
              'bytes/craft': Math.round(pipeline.bytesPerCraft),
            },
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
              path: 'bare + JSON decode and report check',
              'reports/s': Math.round(result.parsed.perSecond),
              'cpu s': result.parsed.cpuSeconds,
            },
            {
              path: 'jamwatch worker',
              'reports/s': Math.round(result.worker.perSecond),
              'cpu s': result.worker.cpuSeconds,
            },
          ]);
          console.log(
            `worker / bare ${result.ratio.toFixed(2)} (decoding alone: ${result.parsedRatio.toFixed(2)}), peak RSS ${result.peakRssMb} MB, ${result.reports} reports`,
          );
        }
        if (parts.has('workers2')) {
          const config = loadConfig({ file: options.config });
          const rows = await benchScaleOut(config, createLogger('warn'), {
            reports: Number(options.reports),
            configFile: options.config,
          });
          console.log(
            'Scale-out: the worker bench traffic through worker processes in one group (cores shared with the broker):',
          );
          console.table(
            rows.map((r) => ({
              workers: r.workers,
              'reports/s': Math.round(r.perSecond),
              seconds: Number(r.seconds.toFixed(1)),
              'cpu s': Number(r.cpuSeconds.toFixed(1)),
              'reports per worker': r.split.join(' + '),
              'read again': r.split.reduce((sum, n) => sum + n, 0) - r.reports,
              'all consuming after s': Number(r.allJoinedAfter.toFixed(1)),
              'reports/s from then': Math.round(r.allJoinedPerSecond),
              'peak RSS MB': r.peakRssMb,
            })),
          );
          const one = rows.find((r) => r.workers === 1);
          const two = rows.find((r) => r.workers === 2);
          if (one && two) console.log(`2 workers / 1 worker: ${(two.perSecond / one.perSecond).toFixed(2)}`);
        }
        if (parts.has('latency')) {
          const config = loadConfig({ file: options.config });
          const r = await benchLatency(config, createLogger('warn'), {
            scenario: readScenario(options.scenario),
            configFile: options.config,
          });
          const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);
          console.log(
            `End-to-end latency at real time (${basename(options.scenario)} from ${clock(r.window.fromMs)} to ${clock(r.window.toMs)}, emitter on at ${clock(r.window.onsetMs)}; the worker in a process of its own):`,
          );
          console.table([
            spreadRow('report → alert on Kafka', r.alert),
            {
              path: '├ late allowance (inherent)',
              n: r.alert.count,
              'p50 s': r.lateAllowance,
              'p95 s': r.lateAllowance,
              'max s': r.lateAllowance,
            },
            spreadRow('├ watermarks: all report partitions past tick + allowance', r.watermarks),
            spreadRow('├ region stage', r.region),
            spreadRow('└ event stage, alert on Kafka', r.event),
            spreadRow('report → tick through the region stage (every tick)', r.tick),
            spreadRow('└ watermarks part (every tick)', r.tickWatermarks),
          ]);
          const held = [...r.lastToVouch].sort((a, b) => b[1] - a[1]);
          console.log(
            `last report partition to vouch for a tick: ${held.map(([source, n]) => `${source.slice(r.prefix.length)} ×${n}`).join(', ')}`,
          );
          console.log(
            `${r.reports} reports over ${r.eventSeconds.toFixed(0)} s of event time, sent in ${r.feedSeconds.toFixed(0)} s; ${r.alertMessages} alert messages, ${r.alert.count} from ticks the reports drove`,
          );
        }
      }),
    );
}

function spreadRow(path: string, s: Spread) {
  const round = (x: number) => Number(x.toFixed(2));
  return { path, n: s.count, 'p50 s': round(s.p50), 'p95 s': round(s.p95), 'max s': round(s.max) };
}

/** Slowest–fastest pass, millions of reports per CPU second. */
function cpuRange(figures: CoreFigures): string {
  const [slow, fast] = figures.perCpuSecondRange;
  return `${(slow / 1e6).toFixed(2)}–${(fast / 1e6).toFixed(2)} M`;
}
