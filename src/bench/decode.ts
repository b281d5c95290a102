import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BeastFramer, type BeastItem } from '../decode/beast.js';
import type { InputFormat } from '../decode/detect-format.js';
import { createStreamDecoder } from '../decode/input.js';
import type { Outcome } from '../decode/outcome.js';

/**
 * Decode throughput per input format, through the same stream decoders that feed, decode and replay use (framing,
 * time policy, the format's decoder), on the real corpus in ../shared/data. Set-up (reading the files, making the
 * AVR lines, one warm-up pass) is outside the timed part; each format is decoded over and over, with fresh decoders,
 * until at least `minSeconds` of work are timed.
 */
export interface DecodeBenchResult {
  format: InputFormat;
  corpus: string;
  /** Frames or lines per pass. */
  units: number;
  reports: number;
  seconds: number;
  perSecond: number;
}

const CHUNK_BYTES = 64 * 1024;
const START_TIME = Date.UTC(2026, 0, 6, 22, 12, 14);
const HELSINKI = { lat: 60.32, lon: 24.83 };

interface Corpus {
  format: InputFormat;
  corpus: string;
  chunks: Uint8Array[];
  units: number;
}

function chunked(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) chunks.push(bytes.subarray(i, i + CHUNK_BYTES));
  return chunks;
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (const byte of bytes) if (byte === 10) n++;
  return n;
}

/** The Beast capture's frames written as AVR `@<counter><hex>;` lines, as a receiver's port 30002 would send them. */
function avrOf(beast: Uint8Array): Uint8Array {
  const lines: string[] = [];
  const onItem = (item: BeastItem) => {
    if (item.ok && item.type !== 1) {
      lines.push(
        `@${item.counter.toString(16).toUpperCase().padStart(12, '0')}${Buffer.from(item.data).toString('hex').toUpperCase()};\n`,
      );
    }
  };
  const framer = new BeastFramer();
  framer.push(beast, onItem);
  framer.end(onItem);
  return new TextEncoder().encode(lines.join(''));
}

function loadCorpora(dataDir: string): Corpus[] {
  const helsinki = ['raw_adsb_20260107_001214.bin', 'raw_adsb_20260107_083245.bin'].map((name) =>
    readFileSync(join(dataDir, 'adsb', 'helsinki-2026-01-07', name)),
  );
  const beast = Buffer.concat(helsinki);
  let beastFrames = 0;
  const framer = new BeastFramer();
  framer.push(beast, (item) => {
    if (item.ok) beastFrames++;
  });
  const avr = avrOf(beast);
  const nmea = readFileSync(join(dataDir, 'ais', 'dma', 'stream_example.txt'));
  const nmeaTagged = readFileSync(join(dataDir, 'ais', 'gpsd', 'ais-nmea.log'));
  const sbs = readFileSync(join(dataDir, 'adsb', 'sbs', 'lots-o-messages-log.txt'));
  const trace = readFileSync(join(dataDir, 'adsb', 'traffic', 'trace_full_ac671b.json'));
  return [
    { format: 'beast', corpus: 'Helsinki captures', chunks: chunked(beast), units: beastFrames },
    { format: 'avr', corpus: 'Helsinki captures as AVR', chunks: chunked(avr), units: countLines(avr) },
    { format: 'nmea', corpus: 'DMA $PGHP stream', chunks: chunked(nmea), units: countLines(nmea) },
    { format: 'nmea', corpus: 'gpsd ais-nmea.log', chunks: chunked(nmeaTagged), units: countLines(nmeaTagged) },
    { format: 'sbs', corpus: 'Adelaide SBS log', chunks: chunked(sbs), units: countLines(sbs) },
    { format: 'readsb', corpus: 'globe trace', chunks: chunked(trace), units: 2500 },
  ];
}

function pass(corpus: Corpus): number {
  let reports = 0;
  const emit = (outcome: Outcome) => {
    if (outcome.ok && outcome.kind === 'report') reports++;
  };
  const decoder = createStreamDecoder(corpus.format, {
    live: false,
    startTime: START_TIME,
    rate: 1,
    tzOffsetMinutes: undefined,
    receiver: HELSINKI,
  });
  for (const chunk of corpus.chunks) decoder.push(chunk, undefined, emit);
  decoder.end(emit);
  return reports;
}

export function benchDecode(dataDir: string, minSeconds = 1): DecodeBenchResult[] {
  return loadCorpora(dataDir).map((corpus) => {
    const reports = pass(corpus);
    let passes = 0;
    const start = process.hrtime.bigint();
    let seconds = 0;
    while (seconds < minSeconds) {
      pass(corpus);
      passes++;
      seconds = Number(process.hrtime.bigint() - start) / 1e9;
    }
    return {
      format: corpus.format,
      corpus: corpus.corpus,
      units: corpus.units,
      reports,
      seconds,
      perSecond: (corpus.units * passes) / seconds,
    };
  });
}
