import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 as random } from '../../src/core/event/prng.js';
import { AisDecoder } from '../../src/decode/ais/decoder.js';
import { MAX_PENDING_GROUPS } from '../../src/decode/ais/multipart.js';
import type { Outcome } from '../../src/decode/outcome.js';
import { type DecodeFailure, INPUT_ERRORS } from '../../src/errors.js';
import { reportSchema } from '../../src/schema/report.js';
import { corpusPath } from '../corpus.js';

// Fuzz: real AIS lines from the corpus, corrupted in the ways feeds corrupt them (bit flips, truncation, wrong
// checksums, random payload characters behind a repaired checksum so the damage reaches the message decoders, broken
// tag blocks, parts of multi-part messages shuffled), are fed through one AisDecoder. Nothing may throw, every line
// must give exactly one well-formed outcome, every report must pass the report schema, and state must stay bounded.

const LINES_PER_ROUND = 12_000;
const SEEDS = [1, 2, 3];
const T0 = Date.UTC(2024, 0, 1);
const ARMOUR = '0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw';

function corpusLines(folder: string, file: string): string[] {
  return readFileSync(corpusPath('ais', folder, file), 'utf8')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => /^[!$\\]/.test(line));
}

const SOURCE = [
  ...corpusLines('gpsd', 'ais-nmea-type6-fid55.log'),
  ...corpusLines('gpsd', 'ais-18-27.log'),
  ...corpusLines('gpsd', 'sample.aivdm'),
  ...corpusLines('dma', 'stream_example.txt').slice(0, 2000),
  ...corpusLines('libais', 'tagblock.nmea'),
  ...corpusLines('libais', 'typeexamples.nmea'),
  ...corpusLines('libais', 'test.aivdm'),
  ...corpusLines('pyais', 'mixed.txt'),
];

function xor(text: string): string {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum ^= text.charCodeAt(i);
  return sum.toString(16).toUpperCase().padStart(2, '0');
}

/** Recompute the sentence checksum so that damage inside the sentence passes the NMEA layer. */
function repairChecksum(line: string): string {
  const start = line.search(/[!$]/);
  const star = line.indexOf('*', start);
  if (start < 0 || star < 0) return line;
  return `${line.slice(0, star + 1)}${xor(line.slice(start + 1, star))}${line.slice(star + 3)}`;
}

/** The payload field's bounds in a VDM line, if it has one. */
function payloadBounds(line: string): [number, number] | undefined {
  const match = /^(?:\\[^\\]*\\)?!..VD[MO],[^,]*,[^,]*,[^,]*,[^,]*,/.exec(line);
  if (!match) return undefined;
  const end = line.indexOf(',', match[0].length);
  return end < 0 ? undefined : [match[0].length, end];
}

type Mutation = (line: string, rnd: () => number) => string;

const MUTATIONS: [string, Mutation][] = [
  [
    'bit flip',
    (line, rnd) => {
      const at = Math.floor(rnd() * line.length);
      return (
        line.slice(0, at) + String.fromCharCode(line.charCodeAt(at) ^ (1 << Math.floor(rnd() * 7))) + line.slice(at + 1)
      );
    },
  ],
  ['truncation', (line, rnd) => line.slice(0, Math.floor(rnd() * line.length))],
  [
    'bad checksum',
    (line, rnd) =>
      line.replace(
        /\*[0-9A-Fa-f]{2}/,
        `*${Math.floor(rnd() * 256)
          .toString(16)
          .padStart(2, '0')}`,
      ),
  ],
  [
    'random payload characters',
    (line, rnd) => {
      const bounds = payloadBounds(line);
      if (!bounds) return line;
      let out = line;
      for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) {
        const at = bounds[0] + Math.floor(rnd() * Math.max(1, bounds[1] - bounds[0]));
        out = out.slice(0, at) + String.fromCharCode(32 + Math.floor(rnd() * 95)) + out.slice(at + 1);
      }
      return repairChecksum(out);
    },
  ],
  [
    'random armoured payload',
    (line, rnd) => {
      const bounds = payloadBounds(line);
      if (!bounds) return line;
      let payload = '';
      const length = bounds[1] - bounds[0];
      for (let i = 0; i < length; i++) payload += ARMOUR[Math.floor(rnd() * 64)];
      if (rnd() < 0.5 && payload.length > 0) payload = ARMOUR[Math.floor(rnd() * 27) + 1] + payload.slice(1);
      return repairChecksum(line.slice(0, bounds[0]) + payload + line.slice(bounds[1]));
    },
  ],
  [
    'broken tag block',
    (line, rnd) => {
      const body = ['s:rx1,c:1700000000', 'c:99999999999999', 'g:1-2', 's', 'c:17x', 'g:9-2-1', 'n:1,,c:1'][
        Math.floor(rnd() * 7)
      ]!;
      const variants = [
        `\\${body}*${xor(body)}\\${line}`,
        `\\${body}*${xor(body)}${line}`,
        `\\${body}*00\\${line}`,
        `\\${body}\\${line}`,
        `${line}\\${body}*${xor(body)}\\`,
      ];
      return variants[Math.floor(rnd() * variants.length)]!;
    },
  ],
  [
    'garbage',
    (_line, rnd) => {
      let out = '';
      for (let i = 0; i < Math.floor(rnd() * 100); i++) out += String.fromCharCode(Math.floor(rnd() * 128));
      return out;
    },
  ],
];

/** Shuffle nearby lines, so the parts of multi-part messages come in random orders and interleave. */
function shuffleNearby(lines: string[], rnd: () => number): string[] {
  const out = [...lines];
  for (let i = 0; i < out.length; i++) {
    if (rnd() < 0.2) {
      const j = Math.min(out.length - 1, i + 1 + Math.floor(rnd() * 4));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
  }
  return out;
}

function fuzzLines(seed: number): string[] {
  const rnd = random(seed);
  const lines: string[] = [];
  while (lines.length < LINES_PER_ROUND) {
    const line = SOURCE[Math.floor(rnd() * SOURCE.length)]!;
    if (rnd() < 0.2) lines.push(line);
    else lines.push(MUTATIONS[Math.floor(rnd() * MUTATIONS.length)]![1](line, rnd));
  }
  return shuffleNearby(lines, rnd);
}

function check(outcome: Outcome): string {
  expect(typeof outcome.ok).toBe('boolean');
  if (!outcome.ok) {
    expect(Object.keys(INPUT_ERRORS)).toContain(outcome.code);
    expect(typeof outcome.detail).toBe('string');
    return outcome.code;
  }
  if (outcome.kind === 'report') {
    const parsed = reportSchema.safeParse(outcome.report);
    if (!parsed.success) throw new Error(`invalid report ${JSON.stringify(outcome.report)}: ${parsed.error.message}`);
    return 'report';
  }
  expect(['state', 'ignored']).toContain(outcome.kind);
  return outcome.kind;
}

describe('AIS NMEA decoder fuzz', () => {
  for (const seed of SEEDS) {
    it(`gives one well-formed outcome for each of ${LINES_PER_ROUND} corrupted lines (seed ${seed})`, () => {
      const incomplete: DecodeFailure[] = [];
      const decoder = new AisDecoder({ onIncomplete: (f) => incomplete.push(f) });
      const lines = fuzzLines(seed);
      const counts: Record<string, number> = {};
      let mostPending = 0;
      lines.forEach((line, index) => {
        const kind = check(decoder.decodeLine(line, T0 + index * 50));
        counts[kind] = (counts[kind] ?? 0) + 1;
        mostPending = Math.max(mostPending, decoder.pendingGroups);
      });
      decoder.flush();
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(`ais fuzz seed ${seed}`, counts, `incomplete groups ${incomplete.length}`);
      expect(total).toBe(lines.length);
      expect(total).toBeGreaterThanOrEqual(10_000);
      // Every layer was reached: NMEA framing, tag blocks, armouring, reassembly, message decoding, range checks.
      for (const kind of ['report', 'state', 'ignored', 'NMEA_SYNTAX', 'NMEA_CHECKSUM', 'AIS_PAYLOAD', 'VALUE_RANGE']) {
        expect(counts[kind] ?? 0, kind).toBeGreaterThan(0);
      }
      expect((counts.AIS_MULTIPART ?? 0) + incomplete.length).toBeGreaterThan(0);
      expect(incomplete.every((f) => f.code === 'AIS_MULTIPART')).toBe(true);
      expect(mostPending).toBeLessThanOrEqual(MAX_PENDING_GROUPS);
      expect(decoder.pendingGroups).toBe(0);
    });
  }
});
