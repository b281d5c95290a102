import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { EntityStage } from '../core/entity/entity-stage.js';
import type { EntityOptionsInput } from '../core/entity/options.js';
import { buildLandMask, type LandMask } from '../core/land/land-mask.js';
import { ringsOf, topologySchema } from '../core/land/topojson.js';
import { Pipeline, type PipelineOptionsInput } from '../core/topology.js';
import type { Logger } from '../log.js';
import { CellCoverage } from '../report/cell-coverage.js';
import { renderReport } from '../report/html.js';
import type { Alert } from '../schema/alert.js';
import type { CellRow } from '../schema/cell.js';
import type { Report } from '../schema/report.js';
import { BadInputHandler } from './bad-input.js';
import { InputStats } from './input-stats.js';
import { type FileReadOptions, fileReports, mergeByTime, OutcomeRouter, openFileInputs } from './read-files.js';
import { type ReplayInfluxResult, type ReplayInfluxSettings, ReplayInfluxWriter } from './replay-influx.js';

/**
 * `jamwatch replay`: the full detection offline, no servers. Every input format, several files merged in event
 * time, through the same core as the worker; writes DIR/alerts.ndjson (alert messages), DIR/cells.ndjson (the
 * gnss_cell rows) and DIR/report.html. Deterministic: event time comes from the data, so the same input gives the
 * same output.
 */
export interface DetectionSettings {
  entity: EntityOptionsInput;
  pipeline: PipelineOptionsInput;
  landMask: 'off' | '110m' | '50m';
}

export interface ReplayOptions {
  input: FileReadOptions;
  outDir: string;
  detection: DetectionSettings;
  progress: boolean;
  title?: string;
  onAlert?: (alert: Alert) => void;
  /** Also write the time series to InfluxDB (`--influx`), as the worker would. */
  influx?: ReplayInfluxSettings;
}

export interface ReplayResult {
  stats: InputStats;
  alerts: Alert[];
  rows: number;
  files: { alerts: string; cells: string; report: string };
  influx?: ReplayInfluxResult;
}

/** Appends text to a file through a buffer, flushed in large writes (replay output can be hundreds of MB). */
class BufferedFile {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.buffer.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }

  flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const require = createRequire(import.meta.url);

/** Natural Earth land polygons (public domain) from the world-atlas package. */
export function loadLandTopology(resolution: '110m' | '50m'): unknown {
  return JSON.parse(readFileSync(require.resolve(`world-atlas/land-${resolution}.json`), 'utf8'));
}

export function loadLandMask(setting: DetectionSettings['landMask']): LandMask | undefined {
  return setting === 'off' ? undefined : buildLandMask(loadLandTopology(setting));
}

export async function runReplay(paths: string[], options: ReplayOptions, log: Logger): Promise<ReplayResult> {
  mkdirSync(options.outDir, { recursive: true });
  const files = {
    alerts: join(options.outDir, 'alerts.ndjson'),
    cells: join(options.outDir, 'cells.ndjson'),
    report: join(options.outDir, 'report.html'),
  };
  const influx = options.influx && (await ReplayInfluxWriter.open(options.influx, log));
  const stats = new InputStats();
  const deadletter = influx && ((letter: { source: string }) => influx.invalid(basename(letter.source)));
  const router = new OutcomeRouter(stats, new BadInputHandler(log, deadletter));
  const inputs = await openFileInputs(paths, options.input, log);

  const alertsOut = new BufferedFile(files.alerts);
  const cellsOut = new BufferedFile(files.cells);
  const alerts: Alert[] = [];
  const observedCells = new Map<string, { lat: number; lon: number }>();
  const anomalousRows: CellRow[] = [];
  const coverage = new CellCoverage();
  let rows = 0;
  const entity = new EntityStage(options.detection.entity, { landMask: loadLandMask(options.detection.landMask) });
  const pipeline = new Pipeline(entity, options.detection.pipeline, {
    row: (row) => {
      rows++;
      cellsOut.write(`${JSON.stringify(row)}\n`);
      influx?.row(row);
      if (row.src !== 'all') return;
      if (!observedCells.has(row.cell)) observedCells.set(row.cell, { lat: row.lat, lon: row.lon });
      coverage.add(row.t, row.cell);
      if (row.level > 0) anomalousRows.push(row);
    },
    alert: (alert) => {
      alerts.push(alert);
      alertsOut.write(`${JSON.stringify(alert)}\n`);
      influx?.alert(alert);
      options.onAlert?.(alert);
    },
  });

  const totalBytes = inputs.reduce((sum, input) => sum + input.bytes, 0);
  const bar = options.progress
    ? new SingleBar({ format: 'replay [{bar}] {percentage}% | {eta}s | {alerts} alerts' })
    : undefined;
  bar?.start(totalBytes, 0, { alerts: 0 });
  let readBytes = 0;
  const onBytes = (bytes: number) => {
    readBytes += bytes;
    bar?.update(Math.min(readBytes, totalBytes), { alerts: alerts.length });
  };
  const sources = inputs.map((input) => {
    const reports = fileReports(input, options.input, router, onBytes);
    return influx ? tallied(reports, basename(input.path), influx) : reports;
  });
  let influxResult: ReplayInfluxResult | undefined;
  try {
    for await (const batch of mergeByTime(sources)) {
      for (const report of batch) pipeline.process(report);
      await influx?.drain();
    }
    pipeline.finish();
    influxResult = await influx?.finish();
  } catch (error) {
    const dropped = influx?.abort();
    if (dropped) log.warn({ dropped }, 'replay failed: points not yet written to InfluxDB were dropped');
    throw error;
  } finally {
    bar?.stop();
    alertsOut.close();
    cellsOut.close();
  }

  const html = renderReport({
    title: options.title ?? `jamwatch replay of ${inputs.map((i) => i.path.split('/').pop()).join(', ')}`,
    alerts,
    observedCells,
    anomalousRows,
    coverage,
    land: options.detection.landMask === 'off' ? [] : ringsOf(topologySchema.parse(loadLandTopology('50m')), 'land'),
    summary: {
      inputs: inputs.length,
      reports: stats.reports,
      'bad input': stats.invalidTotal,
      'cells observed': observedCells.size,
      alerts: new Set(alerts.map((a) => a.id)).size,
    },
  });
  const reportFile = new BufferedFile(files.report);
  reportFile.write(html);
  reportFile.close();
  log.info(
    { ...stats.toJSON(), rows, alerts: alerts.length, out: options.outDir, influx: influxResult },
    'replay finished',
  );
  return { stats, alerts, rows, files, influx: influxResult };
}

/** A file's batches as they are, each report counted for its jamwatch_feed points on the way. */
async function* tallied(
  batches: AsyncGenerator<Report[]>,
  topic: string,
  influx: ReplayInfluxWriter,
): AsyncGenerator<Report[]> {
  for await (const batch of batches) {
    for (const report of batch) influx.report(topic, report.src, report.t);
    yield batch;
  }
}
