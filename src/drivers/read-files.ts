import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readChunks, readHead } from '../adapters/feed/file-source.js';
import { ReportDeduplicator } from '../decode/dedup.js';
import { detectFormat, type InputFormat } from '../decode/detect-format.js';
import { createStreamDecoder } from '../decode/input.js';
import { ignored, type Outcome } from '../decode/outcome.js';
import type { RawInput } from '../decode/stream-decoder.js';
import { JamwatchError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Report } from '../schema/report.js';
import type { BadInputHandler } from './bad-input.js';
import type { InputStats } from './input-stats.js';

/** Options common to every file input (the CLI's --format, --start-time, --rate, --tz, --receiver). */
export interface FileReadOptions {
  format: InputFormat | undefined;
  startTime: number | undefined;
  rate: number;
  tzOffsetMinutes: number | undefined;
  receiver: { lat: number; lon: number } | undefined;
}

export interface FileInput {
  path: string;
  format: InputFormat;
  /** Wall time of the file's first untimed frame or line. */
  startTime: number;
  bytes: number;
}

/**
 * Resolves the command line's paths into files with their formats: folders are expanded (files whose format is not
 * recognised are skipped there with a warning; a named file that is not recognised is an error).
 */
export async function openFileInputs(paths: string[], options: FileReadOptions, log: Logger): Promise<FileInput[]> {
  const inputs: FileInput[] = [];
  for (const path of paths) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch (cause) {
      throw new JamwatchError('INPUT_OPEN', `cannot open input ${path}: ${(cause as Error).message}`, { cause });
    }
    const inFolder = stat.isDirectory();
    const files = inFolder
      ? readdirSync(path)
          .sort()
          .map((name) => join(path, name))
          .filter((file) => statSync(file).isFile())
      : [path];
    for (const file of files) {
      const format = options.format ?? detectFormat(await readHead(file));
      if (!format) {
        if (inFolder) {
          log.warn({ file }, 'skipping a file whose format is not recognised');
          continue;
        }
        throw new JamwatchError(
          'USAGE',
          `cannot recognise the format of ${file}: pass --format (one of beast, avr, sbs, nmea, readsb, aisstream, report)`,
        );
      }
      let startTime = options.startTime;
      if (startTime === undefined) {
        startTime = statSync(file).mtimeMs;
        if (format === 'beast' || format === 'avr') {
          log.warn({ file }, 'no --start-time: taking the file modification time as the time of its first frame');
        }
      }
      inputs.push({ path: file, format, startTime: Math.floor(startTime), bytes: statSync(file).size });
    }
  }
  return inputs;
}

/**
 * Counts and routes each outcome; returns the report, or undefined. Shared by every driver that decodes (the worker's
 * decode tasks hand bad input to their outputs, which count it in the metrics before the BadInputHandler).
 */
export class OutcomeRouter {
  private readonly dedup = new ReportDeduplicator();

  constructor(
    private readonly stats: InputStats,
    private readonly bad: Pick<BadInputHandler, 'handle'>,
  ) {}

  route(outcome: Outcome, raw: RawInput, source: string): Report | undefined {
    if (outcome.ok && outcome.kind === 'report') {
      if (this.dedup.isDuplicate(outcome.report)) {
        this.stats.count(ignored('duplicate'));
        return undefined;
      }
      this.stats.count(outcome);
      return outcome.report;
    }
    this.stats.count(outcome);
    if (!outcome.ok) this.bad.handle(outcome, raw, source);
    return undefined;
  }
}

/** One file's reports, in file order, in batches (one per chunk read). */
export async function* fileReports(
  input: FileInput,
  options: FileReadOptions,
  router: OutcomeRouter,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<Report[]> {
  const decoder = createStreamDecoder(input.format, {
    live: false,
    startTime: input.startTime,
    rate: options.rate,
    tzOffsetMinutes: options.tzOffsetMinutes,
    receiver: options.receiver,
  });
  let batch: Report[] = [];
  const emit = (outcome: Outcome, raw: RawInput) => {
    const report = router.route(outcome, raw, input.path);
    if (report) batch.push(report);
  };
  for await (const chunk of readChunks(input.path)) {
    decoder.push(chunk, undefined, emit);
    onBytes?.(chunk.byteLength);
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  decoder.end(emit);
  if (batch.length > 0) yield batch;
}

/**
 * Merges several time-ordered report streams into one in event-time order (a k-way merge), as if the files had
 * arrived together: an ADS-B recording and an AIS log of the same hours interleave by time.
 */
export async function* mergeByTime(sources: AsyncGenerator<Report[]>[]): AsyncGenerator<Report[]> {
  if (sources.length === 1) {
    yield* sources[0]!;
    return;
  }
  const buffers: Report[][] = sources.map(() => []);
  const positions = sources.map(() => 0);
  const done = sources.map(() => false);
  const refill = async (i: number): Promise<void> => {
    while (!done[i] && positions[i]! >= buffers[i]!.length) {
      const next = await sources[i]!.next();
      if (next.done) done[i] = true;
      else {
        buffers[i] = next.value;
        positions[i] = 0;
      }
    }
  };
  await Promise.all(sources.map((_, i) => refill(i)));
  let out: Report[] = [];
  for (;;) {
    let best = -1;
    let bestT = Number.POSITIVE_INFINITY;
    for (let i = 0; i < sources.length; i++) {
      if (positions[i]! >= buffers[i]!.length) continue;
      const t = buffers[i]![positions[i]!]!.t;
      if (t < bestT) {
        bestT = t;
        best = i;
      }
    }
    if (best < 0) break;
    out.push(buffers[best]![positions[best]!++]!);
    if (positions[best]! >= buffers[best]!.length) {
      if (out.length > 0) {
        yield out;
        out = [];
      }
      await refill(best);
    }
  }
  if (out.length > 0) yield out;
}
