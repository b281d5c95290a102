import { type DecodeFailure, failure } from '../errors.js';

/**
 * Splits a byte stream into lines (LF or CRLF), across chunk boundaries, for the text formats. Bounded: a line
 * longer than `maxLineBytes` is cut off and reported once as MESSAGE_TOO_LARGE, and the rest of it is skipped up
 * to the next newline, so a stream without newlines cannot grow memory.
 */
export class LineSplitter {
  private pending = '';
  private skipping = false;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly maxLineBytes = 4 * 1024 * 1024) {}

  /** Calls `onLine` for each complete line, `onError` for each over-long one. */
  push(chunk: Uint8Array, onLine: (line: string) => void, onError: (error: DecodeFailure) => void): void {
    const text = this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      const piece = text.slice(start, newline);
      start = newline + 1;
      if (this.skipping) {
        this.skipping = false;
        this.pending = '';
        continue;
      }
      const line = this.pending === '' ? piece : this.pending + piece;
      this.pending = '';
      onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    if (this.skipping) return;
    this.pending += text.slice(start);
    if (this.pending.length > this.maxLineBytes) {
      onError(failure('MESSAGE_TOO_LARGE', `line longer than ${this.maxLineBytes} bytes without a newline; skipped`));
      this.pending = '';
      this.skipping = true;
    }
  }

  /** The last line when the stream did not end with a newline. */
  end(onLine: (line: string) => void): void {
    const rest = this.pending + this.decoder.decode();
    this.pending = '';
    if (!this.skipping && rest !== '') onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
    this.skipping = false;
  }
}
