import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src/decode/lines.js';
import type { DecodeFailure } from '../../../src/errors.js';

const bytes = (s: string) => new TextEncoder().encode(s);

function split(chunks: Uint8Array[], max?: number): { lines: string[]; errors: DecodeFailure[] } {
  const splitter = new LineSplitter(max);
  const lines: string[] = [];
  const errors: DecodeFailure[] = [];
  for (const chunk of chunks)
    splitter.push(
      chunk,
      (l) => lines.push(l),
      (e) => errors.push(e),
    );
  splitter.end((l) => lines.push(l));
  return { lines, errors };
}

describe('LineSplitter', () => {
  it('joins lines split across chunks and strips CR', () => {
    expect(split([bytes('ab'), bytes('c\r\nde'), bytes('f\ng')]).lines).toEqual(['abc', 'def', 'g']);
  });

  it('keeps multi-byte characters that straddle a chunk boundary', () => {
    const all = bytes('Näsi\n');
    expect(split([all.subarray(0, 2), all.subarray(2)]).lines).toEqual(['Näsi']);
  });

  it('skips an over-long line with one error and carries on', () => {
    const { lines, errors } = split(
      [bytes('ok\n'), bytes('x'.repeat(50)), bytes('y'.repeat(50)), bytes('\nnext\n')],
      64,
    );
    expect(lines).toEqual(['ok', 'next']);
    expect(errors.map((e) => e.code)).toEqual(['MESSAGE_TOO_LARGE']);
  });
});
