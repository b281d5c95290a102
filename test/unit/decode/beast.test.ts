import { describe, expect, it } from 'vitest';
import {
  BEAST_FAILURE_RAW_BYTES,
  BEAST_MAX_SKIPPED_RUN,
  BeastClock,
  type BeastFailure,
  type BeastFrame,
  BeastFramer,
  type BeastItem,
  MLAT_COUNTER_MAGIC,
} from '../../../src/decode/beast.js';

/** One Beast frame on the wire, 0x1a bytes doubled. */
function beast(type: 1 | 2 | 3, counter: number, signal: number, data: readonly number[]): number[] {
  const body: number[] = [];
  for (let shift = 40; shift >= 0; shift -= 8) body.push(Math.floor(counter / 2 ** shift) % 256);
  body.push(signal, ...data);
  const wire = [0x1a, 0x30 + type];
  for (const byte of body) {
    wire.push(byte);
    if (byte === 0x1a) wire.push(0x1a);
  }
  return wire;
}

const LONG = [0x8d, 0x48, 0x40, 0xd6, 0x20, 0x2c, 0xc3, 0x71, 0xc3, 0x2c, 0xe0, 0x57, 0x60, 0x98];
const SHORT = [0x5d, 0x46, 0x01, 0xfb, 0x8b, 0xc9, 0xb1];
const MODE_AC = [0x20, 0x00];
const WITH_ESCAPES = [0x8d, 0x1a, 0x1a, 0xd6, 0x1a, 0x2c, 0xc3, 0x71, 0xc3, 0x2c, 0xe0, 0x57, 0x60, 0x1a];

function frameAll(chunks: readonly Uint8Array[]): BeastItem[] {
  const framer = new BeastFramer();
  const items: BeastItem[] = [];
  const emit = (item: BeastItem): void => {
    items.push(item);
  };
  for (const chunk of chunks) framer.push(chunk, emit);
  framer.end(emit);
  return items;
}

function frames(items: readonly BeastItem[]): BeastFrame[] {
  return items.filter((item): item is BeastFrame => item.ok);
}

function failures(items: readonly BeastItem[]): BeastFailure[] {
  return items.filter((item): item is BeastFailure => !item.ok);
}

const STREAM = Uint8Array.from([
  ...beast(3, 0x0002906_5e1a6, 0x28, LONG),
  ...beast(2, 0x1a1a1a1a1a1a, 0x1a, SHORT),
  ...beast(1, 0, 0, MODE_AC),
  ...beast(3, 2 ** 48 - 1, 0xff, WITH_ESCAPES),
]);

describe('BeastFramer', () => {
  it('frames the three frame types with counter, signal and unescaped data', () => {
    const items = frameAll([STREAM]);
    expect(failures(items)).toEqual([]);
    expect(frames(items).map((f) => [f.type, f.counter, f.signal, [...f.data]])).toEqual([
      [3, 0x00029065e1a6, 0x28, LONG],
      [2, 0x1a1a1a1a1a1a, 0x1a, SHORT],
      [1, 0, 0, MODE_AC],
      [3, 2 ** 48 - 1, 0xff, WITH_ESCAPES],
    ]);
  });

  it('survives a split at every byte, escape pairs included', () => {
    const whole = frames(frameAll([STREAM])).map((f) => [...f.data]);
    for (let cut = 1; cut < STREAM.length; cut++) {
      const items = frameAll([STREAM.subarray(0, cut), STREAM.subarray(cut)]);
      expect(failures(items)).toEqual([]);
      expect(frames(items).map((f) => [...f.data])).toEqual(whole);
    }
    const byteByByte = frameAll([...STREAM].map((byte) => Uint8Array.of(byte)));
    expect(frames(byteByByte).map((f) => [...f.data])).toEqual(whole);
  });

  it('skips garbage before a frame as one failure with the skipped bytes', () => {
    const items = frameAll([Uint8Array.from([0x01, 0x02, 0x03, ...beast(3, 5, 1, LONG)])]);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ ok: false, code: 'BEAST_FRAMING', skipped: 3 });
    expect([...(items[0] as BeastFailure).raw]).toEqual([1, 2, 3]);
    expect(items[1]).toMatchObject({ ok: true, type: 3, counter: 5 });
  });

  it('skips an unknown frame type and an escaped byte outside a frame, resynchronising at the next frame', () => {
    const status = [0x1a, 0x34, 0x00, 0x11, 0x22];
    const stray = [0x1a, 0x1a, 0x32];
    const items = frameAll([Uint8Array.from([...status, ...stray, ...beast(2, 9, 1, SHORT)])]);
    expect(failures(items)).toHaveLength(1);
    expect(failures(items)[0]!.skipped).toBe(status.length + stray.length);
    expect(frames(items).map((f) => f.counter)).toEqual([9]);
  });

  it('reports a frame cut short by an unescaped 0x1a and frames the one that starts there', () => {
    const cut = beast(3, 7, 1, LONG).slice(0, 12);
    const items = frameAll([Uint8Array.from([...cut, ...beast(2, 8, 1, SHORT)])]);
    expect(failures(items)).toHaveLength(1);
    expect(failures(items)[0]!.skipped).toBe(cut.length);
    expect(frames(items).map((f) => f.counter)).toEqual([8]);
  });

  it('reports a partial frame left at the end of the stream', () => {
    const items = frameAll([Uint8Array.from([...beast(2, 8, 1, SHORT), ...beast(3, 9, 1, LONG).slice(0, 10)])]);
    expect(frames(items)).toHaveLength(1);
    expect(failures(items)).toMatchObject([{ code: 'BEAST_FRAMING', skipped: 10 }]);
  });

  it('bounds what it keeps of a long run of garbage and reports it as it goes', () => {
    const garbage = new Uint8Array(10_000).fill(0x41);
    const items = frameAll([garbage, Uint8Array.from(beast(1, 1, 1, MODE_AC))]);
    const skipped = failures(items);
    expect(skipped.length).toBe(Math.ceil(10_000 / BEAST_MAX_SKIPPED_RUN));
    expect(skipped.reduce((sum, f) => sum + f.skipped, 0)).toBe(10_000);
    for (const failure of skipped) expect(failure.raw.length).toBeLessThanOrEqual(BEAST_FAILURE_RAW_BYTES);
    expect(frames(items)).toHaveLength(1);
  });

  it('accounts for every byte: frames plus skipped bytes make the stream', () => {
    const good = beast(3, 1, 1, WITH_ESCAPES);
    const input = Uint8Array.from([0x00, ...good, 0x1a, 0x39, 0x05, ...good, 0x1a, 0x33, 0x01]);
    const items = frameAll([input]);
    const skipped = failures(items).reduce((sum, f) => sum + f.skipped, 0);
    expect(frames(items)).toHaveLength(2);
    expect(skipped + 2 * good.length).toBe(input.length);
  });
});

describe('BeastClock', () => {
  const START = Date.UTC(2026, 0, 6, 22, 12, 14);

  it('puts the first non-zero counter at the start time and adds 12 MHz ticks', () => {
    const clock = new BeastClock(START);
    expect(clock.timeOf(0)).toBe(START);
    expect(clock.timeOf(1_000_000)).toBe(START);
    expect(clock.timeOf(1_000_000 + 12_000_000)).toBe(START + 1000);
    expect(clock.timeOf(1_000_000 + 6_000)).toBe(START + 0.5);
  });

  it('gives frames without a counter the time of the frame before', () => {
    const clock = new BeastClock(START);
    clock.timeOf(12_000);
    clock.timeOf(12_000 + 120_000);
    expect(clock.timeOf(0)).toBe(START + 10);
    expect(clock.timeOf(MLAT_COUNTER_MAGIC)).toBe(START + 10);
  });

  it('continues from the last time when the counter is reset', () => {
    const clock = new BeastClock(START);
    clock.timeOf(500_000_000);
    clock.timeOf(500_000_000 + 60 * 12_000_000);
    expect(clock.timeOf(1_000)).toBe(START + 60_000);
    expect(clock.timeOf(1_000 + 12_000_000)).toBe(START + 61_000);
  });

  it('tolerates small backward jitter without rebasing', () => {
    const clock = new BeastClock(START);
    clock.timeOf(24_000_000);
    clock.timeOf(36_000_000);
    expect(clock.timeOf(35_988_000)).toBe(START + 999);
  });

  it('wants a finite start time', () => {
    expect(() => new BeastClock(Number.NaN)).toThrow(RangeError);
  });
});
