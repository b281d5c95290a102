import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/decode/outcome.js';
import { SbsDecoder } from '../../src/decode/sbs.js';
import { type Report, reportSchema } from '../../src/schema/report.js';
import { corpusPath } from '../corpus.js';

// claws/adsb recordings from a receiver near Adelaide, 18 Feb 2018 (ACDT, UTC+10:30): each line is
// `<receive time, ISO 8601 UTC>,MSG,…` with the receiver's local date/time fields inside.
const FILES = { 'lots-o-messages-log.txt': 78, 'messages-log.txt': 11 } as const;
const ADELAIDE_MINUTES = 630;

function decodeFile(name: string, decoder: SbsDecoder): { outcomes: Outcome[]; lines: string[] } {
  const lines = readFileSync(corpusPath('adsb', 'sbs', name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return { outcomes: lines.map((line) => decoder.decodeLine(line, 0)), lines };
}

function reportsOf(outcomes: Outcome[]): Report[] {
  return outcomes.flatMap((o) => (o.ok && o.kind === 'report' ? [o.report] : []));
}

describe('SBS corpus (Adelaide 2018)', () => {
  for (const [name, positions] of Object.entries(FILES)) {
    it(`${name}: every line decodes and every MSG 3 line with a position is a report`, () => {
      const { outcomes, lines } = decodeFile(name, new SbsDecoder());
      expect(outcomes.filter((o) => !o.ok)).toEqual([]);
      const withPosition = lines.filter((line) => {
        const f = line.split(',');
        return f[2] === '3' && f[15] !== '';
      });
      expect(withPosition).toHaveLength(positions);
      const reports = reportsOf(outcomes);
      expect(reports).toHaveLength(positions);
      for (const r of reports) {
        reportSchema.parse(r);
        // Around Adelaide airport and its approaches.
        expect(r.lat).toBeGreaterThan(-36);
        expect(r.lat).toBeLessThan(-34);
        expect(r.lon).toBeGreaterThan(137.5);
        expect(r.lon).toBeLessThan(139.5);
        expect(r.posSource).toBe('adsb');
        expect(r.nic).toBeUndefined();
        // The receiver generated the message shortly before the recorder stamped it.
        expect(r.rxTime! - r.t).toBeGreaterThan(0);
        expect(r.rxTime! - r.t).toBeLessThan(2000);
      }
    });
  }

  it('infers UTC+10:30 from the prefixes: the same times as --tz 630', () => {
    const inferred = reportsOf(decodeFile('lots-o-messages-log.txt', new SbsDecoder()).outcomes);
    const given = reportsOf(
      decodeFile('lots-o-messages-log.txt', new SbsDecoder({ tzOffsetMinutes: ADELAIDE_MINUTES })).outcomes,
    );
    expect(given).toEqual(inferred);
    // First position line: generated 2018/02/18 16:30:51.597 local.
    expect(inferred[0]).toMatchObject({ id: 'icao:7c77f4', t: Date.UTC(2018, 1, 18, 6, 0, 51, 597), altBaro: 850 });
  });

  it('carries callsigns and velocities from MSG 1 and MSG 4 into later positions', () => {
    const reports = reportsOf(decodeFile('lots-o-messages-log.txt', new SbsDecoder()).outcomes);
    const callsigns = new Set(reports.flatMap((r) => (r.callsign ? [`${r.id} ${r.callsign}`] : [])));
    expect(callsigns).toEqual(new Set(['icao:7c6dbb QFA761', 'icao:7c6d8c QFA664', 'icao:7c4877 RXA4892']));
    expect(reports.filter((r) => r.gs !== undefined && r.track !== undefined).length).toBeGreaterThan(60);
  });
});
