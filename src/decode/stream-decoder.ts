import type { Outcome } from './outcome.js';

/**
 * One input stream of one format, decoded: transports (files, TCP, UDP, HTTP) hand it chunks, it hands back
 * outcomes. Pure: the receive time comes in with each chunk.
 */
export interface StreamDecoder {
  /**
   * `receivedAt`: wall time of arrival for live input (the event time of inputs that carry no time of their own);
   * undefined for files, whose untimed lines get `startTime` plus their position at `rate` lines per second.
   */
  push(chunk: Uint8Array, receivedAt: number | undefined, emit: (outcome: Outcome, raw: RawInput) => void): void;
  end(emit: (outcome: Outcome, raw: RawInput) => void): void;
}

/** The raw input behind an outcome, for dead letters: a text line, or the bytes of a binary frame. */
export type RawInput = string | Uint8Array;

export interface TimeOptions {
  /** Wall time (ms) of the first frame or line of a file that carries no time of its own. */
  startTime: number;
  /** Lines per second for untimed text files. */
  rate: number;
  /** Minutes east of UTC of SBS local times; undefined when not given. */
  tzOffsetMinutes: number | undefined;
}
