import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/decode/detect-format.js';
import { corpusPath } from '../../corpus.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('detectFormat', () => {
  it.each([
    ['adsb/helsinki-2026-01-07/raw_adsb_20260107_001214.bin', 'beast'],
    ['adsb/traffic/sample_dump1090.bin', 'beast'],
    ['adsb/sbs/messages-log.txt', 'sbs'],
    ['adsb/traffic/trace_full_ac671b.json', 'readsb'],
    ['ais/dma/stream_example.txt', 'nmea'],
    ['ais/libais/tagblock.nmea', 'nmea'],
    ['ais/gpsd/sample.aivdm', 'nmea'],
    ['ais/pyais/messages.ais', 'nmea'],
  ])('recognises the corpus file %s as %s', (file, format) => {
    expect(detectFormat(readFileSync(corpusPath(...file.split('/'))).subarray(0, 65536))).toBe(format);
  });

  it('recognises the other inputs by their first meaningful line', () => {
    expect(detectFormat(text('*8D4840D6202CC371C32CE0576098;\n'))).toBe('avr');
    expect(detectFormat(text('@0123456789AB8D4840D6202CC371C32CE0576098;\n'))).toBe('avr');
    expect(
      detectFormat(
        text('MSG,3,1,1,7C77F4,1,2018/02/18,16:30:51.597,2018/02/18,16:30:51.617,,850,,,-34.9,138.5,,,,,,\n'),
      ),
    ).toBe('sbs');
    expect(detectFormat(text('{"now": 1700000000.1, "aircraft": []}\n'))).toBe('readsb');
    expect(detectFormat(text('{"ac":[],"now":1700000000000,"total":0}'))).toBe('readsb');
    expect(detectFormat(text('{"MessageType":"PositionReport","MetaData":{"MMSI":1}}'))).toBe('aisstream');
    expect(detectFormat(text('{"schema":"jamwatch.report/1","src":"ais","id":"mmsi:123456789","t":1}'))).toBe('report');
    expect(detectFormat(text('# comment\n\n$PGHP,1,2008,5,9,0,0,0,10,338,2,,1,09*17\n'))).toBe('nmea');
  });

  it('says nothing for input it does not know', () => {
    expect(detectFormat(text('hello world\nthis is not a feed\n'))).toBeUndefined();
    expect(detectFormat(new Uint8Array())).toBeUndefined();
  });
});
