import type { RawInput } from '../decode/stream-decoder.js';
import type { DecodeFailure } from '../errors.js';
import type { Logger } from '../log.js';
import { DEADLETTER_SCHEMA_ID, type DeadLetter } from '../schema/deadletter.js';

const MAX_RAW_BYTES = 64 * 1024;

/**
 * What happens to bad input in every driver: logged once per code (with its first example), turned into a dead
 * letter with the reason and the raw input (base64 when binary), and handed to the driver's dead-letter output.
 * Counting is InputStats' job; this never throws, so one bad message cannot stop a feed.
 */
export class BadInputHandler {
  private readonly logged = new Set<string>();

  constructor(
    private readonly log: Logger,
    private readonly deadletter: ((letter: DeadLetter) => void) | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  handle(failure: DecodeFailure, raw: RawInput, source: string): void {
    if (!this.logged.has(failure.code)) {
      this.logged.add(failure.code);
      this.log.warn(
        { code: failure.code, detail: failure.detail, source },
        `bad input (${failure.code}): ${failure.detail}; further ${failure.code} errors are counted, not logged`,
      );
    }
    this.deadletter?.(toDeadLetter(failure, raw, source, this.now()));
  }
}

export function toDeadLetter(failure: DecodeFailure, raw: RawInput, source: string, at: number): DeadLetter {
  const binary = typeof raw !== 'string';
  const text = binary
    ? Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, MAX_RAW_BYTES)).toString('base64')
    : raw.slice(0, MAX_RAW_BYTES);
  return {
    schema: DEADLETTER_SCHEMA_ID,
    code: failure.code,
    detail: failure.detail,
    source,
    raw: text,
    encoding: binary ? 'base64' : 'utf8',
    at,
  };
}
