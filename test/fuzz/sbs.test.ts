import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 as random } from '../../src/core/event/prng.js';
import { SbsDecoder } from '../../src/decode/sbs.js';
import { reportSchema } from '../../src/schema/report.js';
import { corpusPath } from '../corpus.js';

const ALPHABET = '0123456789,.-:/ ~MSGTAIDRCLKEabcdefx\r\t\u0000é';
const FIELD_VALUES = [
  '',
  '0',
  '-1',
  '1',
  '2',
  '9',
  '91',
  '-181',
  '300000',
  'NaN',
  'x',
  '~ABCDEF',
  '2018/13/40',
  '25:61:61',
];

function corrupt(line: string, rand: () => number): string {
  const pick = (n: number) => Math.floor(rand() * n);
  switch (pick(6)) {
    case 0: {
      // Change one character.
      const i = pick(line.length);
      return line.slice(0, i) + ALPHABET[pick(ALPHABET.length)] + line.slice(i + 1);
    }
    case 1:
      return line.slice(0, pick(line.length)); // truncated
    case 2: {
      // Delete a run of characters.
      const i = pick(line.length);
      return line.slice(0, i) + line.slice(i + 1 + pick(8));
    }
    case 3: {
      // Replace one field with a value from the edge cases.
      const fields = line.split(',');
      fields[pick(fields.length)] = FIELD_VALUES[pick(FIELD_VALUES.length)]!;
      return fields.join(',');
    }
    case 4: {
      // Drop or duplicate a field.
      const fields = line.split(',');
      const i = pick(fields.length);
      if (rand() < 0.5) fields.splice(i, 1);
      else fields.splice(i, 0, fields[i]!);
      return fields.join(',');
    }
    default: {
      // Several changes at once.
      let out = line;
      for (let k = 0; k < 3; k++) {
        const i = pick(out.length + 1);
        out = out.slice(0, i) + ALPHABET[pick(ALPHABET.length)] + out.slice(i);
      }
      return out;
    }
  }
}

describe('SBS fuzz', () => {
  it('decodes 20,000 corrupted corpus lines without a throw, each counted once, every report valid', () => {
    const lines = ['lots-o-messages-log.txt', 'messages-log.txt'].flatMap((name) =>
      readFileSync(corpusPath('adsb', 'sbs', name), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== ''),
    );
    const rand = random(20_180_218);
    const counts = new Map<string, number>();
    const decoders = [new SbsDecoder(), new SbsDecoder({ tzOffsetMinutes: 630 })];
    const total = 20_000;
    for (let i = 0; i < total; i++) {
      const base = lines[Math.floor(rand() * lines.length)]!;
      const line = corrupt(rand() < 0.5 ? base : base.slice(base.indexOf(',') + 1), rand);
      const outcome = decoders[i % 2]!.decodeLine(line, 1_518_933_652_000);
      const key = outcome.ok ? outcome.kind : outcome.code;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (outcome.ok && outcome.kind === 'report') reportSchema.parse(outcome.report);
    }
    const tally = Object.fromEntries(counts);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(total);
    expect(tally.SBS_SYNTAX).toBeGreaterThan(1000);
    expect(tally.report).toBeGreaterThan(100);
    expect(tally.state).toBeGreaterThan(100);
  });
});
