import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { mulberry32 as generator } from '../../src/core/event/prng.js';
import { parseAvrLine } from '../../src/decode/avr.js';
import { BeastClock, type BeastFrame, BeastFramer, type BeastItem } from '../../src/decode/beast.js';
import { ModeSDecoder } from '../../src/decode/modes/decoder.js';
import type { Outcome } from '../../src/decode/outcome.js';
import { IGNORED_REASONS } from '../../src/decode/outcome.js';
import { INPUT_ERRORS } from '../../src/errors.js';
import { reportSchema } from '../../src/schema/report.js';
import { corpusPath } from '../corpus.js';
import { withParity } from '../unit/decode/modes/build-frame.js';

// Fuzz: corrupted and random Mode S frames, AVR lines and Beast streams, built from the real corpus with a seeded
// generator (the same cases on every run). Nothing may throw; every input ends as exactly one counted outcome, and
// every report must satisfy the report schema.

const CASES = 12_000;
const T0 = Date.UTC(2026, 0, 6, 22, 12, 14);
const HELSINKI = { lat: 60.32, lon: 24.83 };

function captureFrames(): BeastFrame[] {
  const frames: BeastFrame[] = [];
  new BeastFramer().push(
    new Uint8Array(readFileSync(corpusPath('adsb', 'helsinki-2026-01-07', 'raw_adsb_20260107_083245.bin'))),
    (item) => {
      if (item.ok) frames.push(item);
    },
  );
  return frames;
}

function tutorialFrames(): Uint8Array[] {
  return gunzipSync(readFileSync(corpusPath('adsb', 'traffic', 'tutorial.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .slice(0, 5_000)
    .map((line) => Uint8Array.from(Buffer.from((JSON.parse(line) as { frame: string }).frame, 'hex')));
}

/** Tally of outcomes that also checks each one is well formed. */
class Tally {
  readonly counts = new Map<string, number>();
  total = 0;

  add(outcome: Outcome): void {
    this.total++;
    let key: string;
    if (!outcome.ok) {
      expect(Object.keys(INPUT_ERRORS)).toContain(outcome.code);
      key = outcome.code;
    } else if (outcome.kind === 'ignored') {
      expect(Object.keys(IGNORED_REASONS)).toContain(outcome.reason);
      key = `ignored:${outcome.reason}`;
    } else {
      if (outcome.kind === 'report') {
        const parsed = reportSchema.safeParse(outcome.report);
        if (!parsed.success) throw new Error(`invalid report ${JSON.stringify(outcome.report)}: ${parsed.error}`);
      }
      key = outcome.kind;
    }
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  sum(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }
}

function mutate(frame: Uint8Array, next: () => number): Uint8Array {
  const choice = next();
  if (choice < 0.35) {
    // One to three bit flips.
    const copy = frame.slice();
    const flips = 1 + Math.floor(next() * 3);
    for (let i = 0; i < flips; i++) {
      const bit = Math.floor(next() * copy.length * 8);
      copy[bit >> 3]! ^= 0x80 >> (bit & 7);
    }
    return copy;
  }
  if (choice < 0.5) return frame.slice(0, Math.floor(next() * (frame.length + 1)));
  if (choice < 0.65) {
    const random = new Uint8Array(Math.floor(next() * 20));
    for (let i = 0; i < random.length; i++) random[i] = Math.floor(next() * 256);
    return random;
  }
  // Random content behind a valid DF17/DF18 parity: reaches every field decoder with values no transmitter sends.
  const random = new Uint8Array(14);
  for (let i = 0; i < 14; i++) random[i] = Math.floor(next() * 256);
  random[0] = ((next() < 0.7 ? 17 : 18) << 3) | (random[0]! & 7);
  if (next() < 0.5) random[1] = 0x46; // keep some addresses in common so that state builds up
  return withParity(random);
}

describe('fuzz: Mode S frames', () => {
  it(`decodes ${CASES} corrupted and random frames without a throw, each to one outcome`, () => {
    const next = generator(1);
    const sources = [...captureFrames().map((f) => f.data), ...tutorialFrames()];
    const decoder = new ModeSDecoder({ receiver: HELSINKI, maxAircraft: 500 });
    const tally = new Tally();
    let time = T0;
    for (let i = 0; i < CASES; i++) {
      const source = sources[Math.floor(next() * sources.length)]!;
      time += next() < 0.02 ? -Math.floor(next() * 60_000) : Math.floor(next() * 300);
      tally.add(decoder.decode(mutate(source, next), Math.max(0, time)));
    }
    console.log('frames', Object.fromEntries(tally.counts));
    expect(tally.total).toBe(CASES);
    expect(tally.sum()).toBe(CASES);
    expect(tally.counts.get('MODES_CRC')).toBeGreaterThan(1_000);
    expect(tally.counts.get('report')).toBeGreaterThan(20);
  });
});

describe('fuzz: AVR lines', () => {
  it(`parses and decodes ${CASES} corrupted and random lines without a throw`, () => {
    const next = generator(2);
    const frames = captureFrames().slice(0, 20_000);
    const alphabet = '*@:;0123456789ABCDEFabcdefG \r\n\t#é';
    const decoder = new ModeSDecoder({ receiver: HELSINKI });
    const clock = new BeastClock(T0);
    const tally = new Tally();
    for (let i = 0; i < CASES; i++) {
      const frame = frames[Math.floor(next() * frames.length)]!;
      let line = `@${frame.counter.toString(16).padStart(12, '0')}${Buffer.from(frame.data).toString('hex')};`;
      const choice = next();
      if (choice < 0.3) {
        const at = Math.floor(next() * line.length);
        line = line.slice(0, at) + alphabet[Math.floor(next() * alphabet.length)]! + line.slice(at + 1);
      } else if (choice < 0.45) {
        line = line.slice(0, Math.floor(next() * line.length));
      } else if (choice < 0.6) {
        const at = Math.floor(next() * line.length);
        line = line.slice(0, at) + line.slice(at + 1 + Math.floor(next() * 4));
      } else if (choice < 0.8) {
        line = Array.from(
          { length: Math.floor(next() * 40) },
          () => alphabet[Math.floor(next() * alphabet.length)],
        ).join('');
      } else if (choice < 0.9) {
        line = `*${Buffer.from(mutate(frame.data, next)).toString('hex')};`;
      }
      const parsed = parseAvrLine(line);
      if (!parsed.ok) {
        tally.add(parsed);
        continue;
      }
      tally.add(decoder.decode(parsed.data, clock.timeOf(parsed.counter ?? 0)));
    }
    console.log('lines', Object.fromEntries(tally.counts));
    expect(tally.sum()).toBe(CASES);
    expect(tally.counts.get('AVR_SYNTAX')).toBeGreaterThan(1_000);
    expect(tally.counts.get('report')).toBeGreaterThan(20);
  });
});

describe('fuzz: Beast streams', () => {
  it('frames and decodes corrupted capture bytes and random streams, in random chunks, without a throw', () => {
    const next = generator(3);
    const capture = new Uint8Array(
      readFileSync(corpusPath('adsb', 'helsinki-2026-01-07', 'raw_adsb_20260107_001214.bin')),
    );
    const corrupted = capture.slice(0, 600_000);
    for (let i = 0; i < corrupted.length; i++) {
      const roll = next();
      if (roll < 0.002) corrupted[i] = 0x1a;
      else if (roll < 0.01) corrupted[i] = Math.floor(next() * 256);
    }
    const random = new Uint8Array(200_000);
    for (let i = 0; i < random.length; i++) random[i] = next() < 0.05 ? 0x1a : Math.floor(next() * 256);
    const tally = new Tally();
    let framed = 0;
    let framing = 0;
    for (const stream of [corrupted, random]) {
      const framer = new BeastFramer();
      const clock = new BeastClock(T0);
      const decoder = new ModeSDecoder({ receiver: HELSINKI });
      const emit = (item: BeastItem): void => {
        if (!item.ok) {
          expect(item.code).toBe('BEAST_FRAMING');
          expect(item.skipped).toBeGreaterThan(0);
          framing++;
          return;
        }
        framed++;
        tally.add(decoder.decode(item.data, clock.timeOf(item.counter)));
      };
      for (let at = 0; at < stream.length; ) {
        const size = 1 + Math.floor(next() * 3000);
        framer.push(stream.subarray(at, at + size), emit);
        at += size;
      }
      framer.end(emit);
    }
    console.log('beast', { framed, framing }, Object.fromEntries(tally.counts));
    expect(framed).toBeGreaterThan(CASES);
    expect(framing).toBeGreaterThan(1_000);
    expect(tally.sum()).toBe(framed);
    expect(tally.counts.get('report')).toBeGreaterThan(20);
  });
});
