import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AisDecoder } from '../../src/decode/ais/decoder.js';
import type { Outcome } from '../../src/decode/outcome.js';
import type { DecodeFailure } from '../../src/errors.js';
import { reportSchema } from '../../src/schema/report.js';
import { corpusPath } from '../corpus.js';

// pyais's sample files (../shared/data/ais/pyais, MIT): 898 real Aegean sentences of which 100 have an empty payload
// (negative tests), and small files mixing comments, garbage, other NMEA sentences, broken tag blocks and $PGHP
// lines. Every line gives exactly one outcome, bad lines are counted by code, nothing throws, and every report
// passes the report schema. Blank lines and '#' comments are skipped here, as the file reader skips them.

const FALLBACK_MS = Date.UTC(2024, 0, 1);

function kindOf(outcome: Outcome): string {
  if (!outcome.ok) return outcome.code;
  return outcome.kind === 'ignored' ? `ignored:${outcome.reason}` : outcome.kind;
}

const STAMP_MS = Date.UTC(2008, 4, 9, 0, 0, 0, 10);

/** The outcome kind, and for reports whether they carry the $PGHP time of these files. */
function summary(outcome: Outcome): string {
  if (outcome.ok && outcome.kind === 'report') return outcome.report.t === STAMP_MS ? 'report@pghp' : 'report';
  return kindOf(outcome);
}

function decodeFile(file: string) {
  const incomplete: DecodeFailure[] = [];
  const decoder = new AisDecoder({ onIncomplete: (f) => incomplete.push(f) });
  const outcomes: { line: string; outcome: Outcome }[] = [];
  readFileSync(corpusPath('ais', 'pyais', file), 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      outcomes.push({ line, outcome: decoder.decodeLine(line, FALLBACK_MS + index * 100) });
    });
  decoder.flush();
  const counts: Record<string, number> = {};
  for (const { outcome } of outcomes) {
    counts[kindOf(outcome)] = (counts[kindOf(outcome)] ?? 0) + 1;
    if (outcome.ok && outcome.kind === 'report') expect(reportSchema.parse(outcome.report)).toEqual(outcome.report);
  }
  return { outcomes, counts, incomplete };
}

describe('AIS decoder on pyais samples (golden)', () => {
  it('counts the 100 empty payloads of nmea_data_sample.txt as AIS_PAYLOAD and decodes the other 798', () => {
    const { outcomes, counts, incomplete } = decodeFile('nmea_data_sample.txt');
    console.log('pyais nmea_data_sample', counts, `incomplete multi-part: ${incomplete.length}`);
    expect(outcomes).toHaveLength(898);
    const empty = outcomes.filter(({ line }) => /^!AIVDM,1,1,,[AB],,0\*2[56]/.test(line));
    expect(empty).toHaveLength(100);
    for (const { outcome } of empty) expect(outcome).toMatchObject({ ok: false, code: 'AIS_PAYLOAD' });
    expect(counts).toEqual({ report: 762, state: 22, 'ignored:ais-no-craft-position': 14, AIS_PAYLOAD: 100 });
    // 22 first parts: 2 are completed by their second part, 20 never are (the sample was cut out of a stream).
    expect(incomplete).toHaveLength(20);
    expect(incomplete.every((f) => f.code === 'AIS_MULTIPART')).toBe(true);
  });

  it('decodes messages.ais', () => {
    expect(decodeFile('messages.ais').counts).toEqual({ report: 6 });
  });

  it('sorts the lines of mixed.txt: reports, other NMEA, garbage, broken tag blocks, grouped parts, $PGHP', () => {
    const { outcomes, incomplete } = decodeFile('mixed.txt');
    expect(outcomes.map(({ outcome }) => summary(outcome))).toEqual([
      'report',
      'report',
      'report',
      'report',
      'ignored:own-ship', // $GPGGA: the receiver's own GPS
      'ignored:own-ship', // $GPRTE
      'report',
      'report',
      'ignored:own-ship', // $GPR00
      'NMEA_SYNTAX', // foobar
      'state', // part 1 of 2
      'state', // part 2 of 2: a type 5, static data
      'ignored:own-ship', // $IIMWV
      'NMEA_SYNTAX', // IamNotAnAisMessage1111
      'NMEA_SYNTAX', // tag block checksum "*A" is not two hex digits (and the sentence has no checksum)
      'state', // \g:1-2-27300,…,s:b003669710,…\!SAVDM part 1
      'state', // \g:2-2-27300,…\ part 2 names no s:, joined by its g: group id: a type 5
      'NMEA_SYNTAX', // "*A" again
      'NMEA_SYNTAX', // "*A" again
      'state', // $PGHP 2008-05-09 00:00:00.010
      'report@pghp',
      'report', // no $PGHP before it: the fallback time
      'NMEA_CHECKSUM', // the 2009 $PGHP kept the 2008 line's checksum
    ]);
    expect(incomplete).toEqual([]);
  });

  it('stamps the sentence after each $PGHP line of timestamped.ais with its time', () => {
    const { outcomes } = decodeFile('timestamped.ais');
    expect(outcomes.map(({ outcome }) => summary(outcome))).toEqual([
      'state',
      'report@pghp',
      'report',
      'NMEA_CHECKSUM',
      'report', // the broken $PGHP stamps nothing
      'report',
      'state',
      'state',
    ]);
  });
});
