import { AisDecoder } from './ais/decoder.js';
import { AisJsonDecoder } from './ais-json.js';
import { parseAvrLine } from './avr.js';
import { BeastClock, BeastFramer, type BeastItem } from './beast.js';
import type { InputFormat } from './detect-format.js';
import { LineSplitter } from './lines.js';
import { ModeSDecoder } from './modes/decoder.js';
import type { Outcome } from './outcome.js';
import { ReadsbDecoder } from './readsb-json.js';
import { decodeReportJson } from './report-json.js';
import { SbsDecoder } from './sbs.js';
import type { RawInput, StreamDecoder, TimeOptions } from './stream-decoder.js';

/**
 * One StreamDecoder per input format: the framing (lines, Beast frames) and the time policy of DESIGN.md ("Event
 * time, per input") around each format's decoder. Inputs with their own time use it; untimed lines take the
 * receive time when live, or `startTime` plus their position at `rate` lines per second from files.
 */
export interface StreamDecoderOptions extends TimeOptions {
  /** Live input: untimed messages take the chunk's receive time. */
  live: boolean;
  /** Each chunk is one whole document (an HTTP poll of aircraft.json), not lines. */
  documentPerChunk?: boolean;
  /** Each chunk holds whole lines (a Kafka message): its last line ends with the chunk, newline or not. */
  wholeLinesPerChunk?: boolean;
  receiver?: { lat: number; lon: number } | undefined;
}

type Emit = (outcome: Outcome, raw: RawInput) => void;

/** Decodes a line with its fallback time; a decoder that makes several outcomes per line calls `emit` itself. */
type LineDecoder = (line: string, fallbackTime: number, emit: Emit) => void;

/** Largest pretty-printed JSON document read whole (a readsb trace or aircraft.json file). */
const MAX_DOCUMENT_CHARS = 512 * 1024 * 1024;

/**
 * Beast binary: frames from the framer; event time from the 12 MHz counter (files: `startTime` plus the counter's
 * progress) or the receive time (live: the counter is the receiver's, not wall time).
 */
class BeastStreamDecoder implements StreamDecoder {
  private readonly framer = new BeastFramer();
  private readonly clock: BeastClock;
  private readonly modes: ModeSDecoder;
  private receivedAt: number | undefined;
  private emit: Emit = () => undefined;
  private readonly onItem = (item: BeastItem): void => {
    if (!item.ok) {
      this.emit(item, item.raw);
      return;
    }
    const time =
      this.time.live && this.receivedAt !== undefined ? this.receivedAt : Math.round(this.clock.timeOf(item.counter));
    this.emit(this.modes.decode(item.data, time), item.data);
  };

  constructor(private readonly time: StreamDecoderOptions) {
    this.clock = new BeastClock(time.startTime);
    this.modes = new ModeSDecoder({ receiver: time.receiver });
  }

  push(chunk: Uint8Array, receivedAt: number | undefined, emit: Emit): void {
    this.receivedAt = receivedAt;
    this.emit = emit;
    this.framer.push(chunk, this.onItem);
  }

  end(emit: Emit): void {
    this.emit = emit;
    this.framer.end(this.onItem);
  }
}

/** AVR text: `@` lines carry the 12 MHz counter (the same clock as Beast); plain `*` lines take the line time. */
function avrLineDecoder(time: StreamDecoderOptions): LineDecoder {
  const clock = new BeastClock(time.startTime);
  const modes = new ModeSDecoder({ receiver: time.receiver });
  return (line, fallback, emit) => {
    const frame = parseAvrLine(line);
    if (!frame.ok) {
      emit(frame, line);
      return;
    }
    const t = frame.counter !== undefined && !time.live ? Math.round(clock.timeOf(frame.counter)) : fallback;
    emit(modes.decode(frame.data, t), line);
  };
}

/**
 * AIS NMEA: lines to the AIS decoder; multi-part messages that never complete are reported through its callback
 * (counted as AIS_MULTIPART), and the ones still pending at the end of input are flushed then.
 */
class NmeaStreamDecoder implements StreamDecoder {
  private emit: Emit = () => undefined;
  private readonly ais = new AisDecoder({ onIncomplete: (failure) => this.emit(failure, '') });
  private readonly lines: LineStreamDecoder;

  constructor(time: StreamDecoderOptions) {
    this.lines = new LineStreamDecoder((line, fallback, emit) => emit(this.ais.decodeLine(line, fallback), line), time);
  }

  push(chunk: Uint8Array, receivedAt: number | undefined, emit: Emit): void {
    this.emit = emit;
    this.lines.push(chunk, receivedAt, emit);
  }

  end(emit: Emit): void {
    this.emit = emit;
    this.lines.end(emit);
    this.ais.flush();
  }
}

class LineStreamDecoder implements StreamDecoder {
  private readonly splitter = new LineSplitter();
  private lineIndex = 0;
  private receivedAt: number | undefined;
  private emit: Emit = () => undefined;
  // Bound once: the splitter calls these per line without a closure per chunk.
  private readonly onLine = (line: string): void => this.line(line);
  private readonly onError = (failure: Outcome): void => this.emit(failure, '');

  constructor(
    private readonly decodeLine: LineDecoder,
    private readonly time: StreamDecoderOptions,
  ) {}

  push(chunk: Uint8Array, receivedAt: number | undefined, emit: Emit): void {
    this.receivedAt = receivedAt;
    this.emit = emit;
    this.splitter.push(chunk, this.onLine, this.onError);
    if (this.time.wholeLinesPerChunk) this.splitter.end(this.onLine);
  }

  end(emit: Emit): void {
    this.emit = emit;
    this.splitter.end(this.onLine);
  }

  private line(line: string): void {
    if (line === '' || line.charCodeAt(0) === 35 /* # comment */ || line.trim() === '') return;
    const fallback =
      this.time.live && this.receivedAt !== undefined
        ? this.receivedAt
        : this.time.startTime + Math.floor((this.lineIndex * 1000) / this.time.rate);
    this.lineIndex++;
    this.decodeLine(line, fallback, this.emit);
  }
}

/**
 * readsb JSON: JSON lines (one snapshot or aircraft per line) as they come; a pretty-printed document (a globe
 * trace, a saved aircraft.json) is recognised by a first line that is not JSON on its own, and read whole.
 */
class ReadsbStreamDecoder implements StreamDecoder {
  private readonly decoder = new ReadsbDecoder();
  private readonly lines: LineStreamDecoder;
  private mode: 'unknown' | 'lines' | 'document' = 'unknown';
  private document: string[] = [];
  private documentChars = 0;
  private emit: Emit = () => undefined;
  private currentRaw = '';
  private readonly sink = (outcome: Outcome): void => this.emit(outcome, this.currentRaw);

  constructor(private readonly time: StreamDecoderOptions) {
    this.lines = new LineStreamDecoder((line, fallback, emit) => this.line(line, fallback, emit), time);
    if (time.documentPerChunk) this.mode = 'lines';
  }

  push(chunk: Uint8Array, receivedAt: number | undefined, emit: Emit): void {
    if (this.time.documentPerChunk) {
      this.emit = emit;
      this.currentRaw = new TextDecoder().decode(chunk);
      this.decoder.decodeDocument(this.currentRaw, receivedAt ?? this.time.startTime, this.sink);
      return;
    }
    this.lines.push(chunk, receivedAt, emit);
  }

  end(emit: Emit): void {
    this.lines.end(emit);
    if (this.mode !== 'document') return;
    this.emit = emit;
    this.currentRaw = this.document.join('\n');
    this.document = [];
    this.decoder.decodeFile(this.currentRaw, this.time.startTime, this.sink);
  }

  private line(line: string, fallback: number, emit: Emit): void {
    if (this.mode === 'unknown') this.mode = isWholeJson(line) ? 'lines' : 'document';
    if (this.mode === 'document') {
      this.documentChars += line.length + 1;
      if (this.documentChars <= MAX_DOCUMENT_CHARS) this.document.push(line);
      return;
    }
    this.emit = emit;
    this.currentRaw = line;
    this.decoder.decodeDocument(line, fallback, this.sink);
  }
}

function isWholeJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

export function createStreamDecoder(format: InputFormat, options: StreamDecoderOptions): StreamDecoder {
  switch (format) {
    case 'beast':
      return new BeastStreamDecoder(options);
    case 'avr':
      return new LineStreamDecoder(avrLineDecoder(options), options);
    case 'sbs': {
      const sbs = new SbsDecoder({ tzOffsetMinutes: options.tzOffsetMinutes });
      return new LineStreamDecoder((line, fallback, emit) => emit(sbs.decodeLine(line, fallback), line), options);
    }
    case 'readsb':
      return new ReadsbStreamDecoder(options);
    case 'nmea':
      return new NmeaStreamDecoder(options);
    case 'aisstream': {
      const ais = new AisJsonDecoder();
      return new LineStreamDecoder((line, fallback, emit) => emit(ais.decodeMessage(line, fallback), line), options);
    }
    case 'report':
      return new LineStreamDecoder((line, _fallback, emit) => emit(decodeReportJson(line), line), options);
  }
}
