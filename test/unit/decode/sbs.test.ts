import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src/decode/outcome.js';
import { inferUtcOffsetMinutes, SBS_IDLE_MS, SbsDecoder } from '../../../src/decode/sbs.js';
import { type Report, reportSchema } from '../../../src/schema/report.js';

const FALLBACK = Date.UTC(2024, 0, 1, 12, 0, 0);
/** Adelaide in February: UTC+10:30. */
const ADELAIDE = 630;

/** A MSG line: 22 fields, the given ones filled (by their index in the record). */
function msg(tt: number, fields: Record<number, string> = {}, hex = '7C6DBB', time = '16:30:51.597'): string {
  const f = ['MSG', String(tt), '1', '1', hex, '1', '2018/02/18', time, '2018/02/18', time];
  while (f.length < 22) f.push('');
  for (const [i, v] of Object.entries(fields)) f[Number(i)] = v;
  return f.join(',');
}

function position(lat: string, lon: string, extra: Record<number, string> = {}): Record<number, string> {
  return { 14: lat, 15: lon, ...extra };
}

function report(outcome: Outcome): Report {
  if (!outcome.ok || outcome.kind !== 'report') throw new Error(`expected a report, got ${JSON.stringify(outcome)}`);
  return reportSchema.parse(outcome.report);
}

function failed(outcome: Outcome): string {
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome.code;
}

describe('SbsDecoder: MSG records', () => {
  it('reports an airborne position (MSG 3) with altitude, in UTC from the local time and --tz', () => {
    const decoder = new SbsDecoder({ tzOffsetMinutes: ADELAIDE });
    const r = report(decoder.decodeLine(msg(3, position('-34.91354', '138.58261', { 11: '850', 21: '0' })), FALLBACK));
    expect(r).toEqual({
      schema: 'jamwatch.report/1',
      src: 'adsb',
      id: 'icao:7c6dbb',
      t: Date.UTC(2018, 1, 18, 6, 0, 51, 597),
      lat: -34.91354,
      lon: 138.58261,
      altBaro: 850,
      onGround: false,
      posSource: 'adsb',
    });
    expect(r.nic).toBeUndefined();
    expect(r.nacp).toBeUndefined();
  });

  it('carries callsign (MSG 1) and velocity (MSG 4) into later position reports', () => {
    const decoder = new SbsDecoder({ tzOffsetMinutes: ADELAIDE });
    expect(decoder.decodeLine(msg(1, { 10: 'QFA761  ' }), FALLBACK)).toEqual({ ok: true, kind: 'state' });
    expect(decoder.decodeLine(msg(4, { 12: '355', 13: '47', 16: '960' }), FALLBACK).ok).toBe(true);
    const r = report(decoder.decodeLine(msg(3, position('-35.06231', '138.65633', { 11: '10750' })), FALLBACK));
    expect(r.callsign).toBe('QFA761');
    expect(r.gs).toBe(355);
    expect(r.track).toBe(47);
    expect(r.altBaro).toBe(10750);
  });

  it('reports a surface position (MSG 2) on the ground, without barometric altitude', () => {
    const decoder = new SbsDecoder({ tzOffsetMinutes: 0 });
    decoder.decodeLine(msg(5, { 11: '1200' }), FALLBACK);
    const r = report(decoder.decodeLine(msg(2, { 12: '12', 13: '270', 14: '51.47', 15: '-0.4543' }), FALLBACK));
    expect(r.onGround).toBe(true);
    expect(r.altBaro).toBeUndefined();
    expect(r.gs).toBe(12);
    expect(r.track).toBe(270);
  });

  it('uses the last altitude from MSG 5–7 when the position line has none', () => {
    const decoder = new SbsDecoder({ tzOffsetMinutes: 0 });
    expect(decoder.decodeLine(msg(7, { 11: '4275' }), FALLBACK).ok).toBe(true);
    expect(decoder.decodeLine(msg(6, { 11: '4300', 17: '4225', 18: '0', 19: '0', 20: '0' }), FALLBACK).ok).toBe(true);
    const r = report(decoder.decodeLine(msg(3, position('-35.03', '138.56')), FALLBACK));
    expect(r.altBaro).toBe(4300);
  });

  it('reads the on-ground flag in both spellings (-1 dump1090, 1 readsb) and 0', () => {
    const decoder = new SbsDecoder({ tzOffsetMinutes: 0 });
    expect(report(decoder.decodeLine(msg(3, position('1', '2', { 11: '0', 21: '-1' })), FALLBACK)).onGround).toBe(true);
    expect(report(decoder.decodeLine(msg(3, position('1', '2.1', { 21: '1' })), FALLBACK)).onGround).toBe(true);
    const airborne = report(decoder.decodeLine(msg(3, position('1', '2.2', { 11: '900', 21: '0' })), FALLBACK));
    expect(airborne.onGround).toBe(false);
    expect(airborne.altBaro).toBe(900);
  });

  it('keeps MSG 8 on-ground state, but an airborne position without the flag means airborne', () => {
    const decoder = new SbsDecoder({ tzOffsetMinutes: 0 });
    decoder.decodeLine(msg(8, { 21: '-1' }), FALLBACK);
    expect(report(decoder.decodeLine(msg(3, position('1', '2')), FALLBACK)).onGround).toBe(false);
  });

  it('gives state, not a report, for a position message without a position', () => {
    const decoder = new SbsDecoder();
    expect(decoder.decodeLine(msg(3, { 11: '39975' }), FALLBACK)).toEqual({ ok: true, kind: 'state' });
  });

  it('marks positions from an MLAT results feed when told so', () => {
    const decoder = new SbsDecoder({ posSource: 'mlat' });
    expect(report(decoder.decodeLine(msg(3, position('1', '2')), FALLBACK)).posSource).toBe('mlat');
  });

  it('accepts a trailing carriage return', () => {
    const decoder = new SbsDecoder({ tzOffsetMinutes: 0 });
    expect(report(decoder.decodeLine(`${msg(3, position('1', '2', { 21: '0' }))}\r`, FALLBACK)).lat).toBe(1);
    expect(report(decoder.decodeLine(`${msg(3, position('1', '2.5'))}\r`, FALLBACK)).lon).toBe(2.5);
  });
});

describe('SbsDecoder: other records and addresses', () => {
  it('ignores STA, ID, AIR, SEL and CLK records', () => {
    const decoder = new SbsDecoder();
    for (const line of [
      'STA,,5,179,400AE7,10103,2008/11/28,14:58:51.153,2008/11/28,14:58:51.153,RM',
      'ID,,,,,,,,,,QFA761',
      'AIR,,333,3,4CA1E3,,,,,',
      'SEL,,1,1,4CA1E3,,,,,,',
      'CLK,,,,,,,,,',
    ]) {
      expect(decoder.decodeLine(line, FALLBACK)).toEqual({ ok: true, kind: 'ignored', reason: 'sbs-status-line' });
    }
  });

  it('ignores non-ICAO addresses (readsb writes them with a ~)', () => {
    const decoder = new SbsDecoder();
    expect(decoder.decodeLine(msg(3, position('1', '2'), '~4CA1E3'), FALLBACK)).toEqual({
      ok: true,
      kind: 'ignored',
      reason: 'non-icao-address',
    });
  });
});

describe('SbsDecoder: time', () => {
  const prefix = '2018-02-18T06:00:52.050447+00:00';

  it('without --tz and without a prefix, does not trust the local fields: the fallback time', () => {
    const decoder = new SbsDecoder();
    expect(report(decoder.decodeLine(msg(3, position('1', '2')), FALLBACK)).t).toBe(FALLBACK);
  });

  it('with empty date/time fields, uses the fallback time', () => {
    const decoder = new SbsDecoder({ tzOffsetMinutes: 60 });
    const line = msg(3, position('1', '2', { 6: '', 7: '', 8: '', 9: '' }));
    expect(report(decoder.decodeLine(line, FALLBACK)).t).toBe(FALLBACK);
  });

  it('with a receive-time prefix, infers the offset and keeps the prefix as rxTime', () => {
    const decoder = new SbsDecoder();
    const r = report(decoder.decodeLine(`${prefix},${msg(3, position('-34.9', '138.5'))}`, FALLBACK));
    expect(r.t).toBe(Date.UTC(2018, 1, 18, 6, 0, 51, 597));
    expect(r.rxTime).toBe(Date.UTC(2018, 1, 18, 6, 0, 52, 50));
  });

  it('with a prefix and empty date/time fields, uses the prefix', () => {
    const decoder = new SbsDecoder();
    const line = `${prefix},${msg(3, position('1', '2', { 6: '', 7: '', 8: '', 9: '' }))}`;
    const r = report(decoder.decodeLine(line, FALLBACK));
    expect(r.t).toBe(Date.UTC(2018, 1, 18, 6, 0, 52, 50));
    expect(r.rxTime).toBeUndefined();
  });

  it('prefers --tz over the inferred offset', () => {
    const decoder = new SbsDecoder({ tzOffsetMinutes: 600 });
    const r = report(decoder.decodeLine(`${prefix},${msg(3, position('1', '2'))}`, FALLBACK));
    expect(r.t).toBe(Date.UTC(2018, 1, 18, 6, 30, 51, 597));
  });

  it('accepts dashes in the date and times without fractions', () => {
    const decoder = new SbsDecoder({ tzOffsetMinutes: -300 });
    const r = report(decoder.decodeLine(msg(3, position('1', '2', { 6: '2024-07-04', 7: '23:59:59' })), FALLBACK));
    expect(r.t).toBe(Date.UTC(2024, 6, 5, 4, 59, 59));
  });

  it('infers offsets in 15-minute steps and refuses offsets no zone has', () => {
    const receive = Date.UTC(2018, 1, 18, 6, 0, 52);
    expect(inferUtcOffsetMinutes(Date.UTC(2018, 1, 18, 16, 30, 51), receive)).toBe(630);
    expect(inferUtcOffsetMinutes(Date.UTC(2018, 1, 18, 1, 0, 50), receive)).toBe(-300);
    expect(inferUtcOffsetMinutes(Date.UTC(2018, 1, 18, 6, 0, 51), receive)).toBe(0);
    expect(inferUtcOffsetMinutes(Date.UTC(2018, 1, 18, 11, 45, 50), receive)).toBe(345);
    expect(inferUtcOffsetMinutes(Date.UTC(2018, 1, 19, 6, 0, 52), receive)).toBeUndefined();
  });
});

describe('SbsDecoder: bad input', () => {
  const cases: [string, string, string][] = [
    ['too few fields', 'MSG,3,1,1,7C6DBB,1,2018/02/18,16:30:51.597', 'SBS_SYNTAX'],
    ['too many fields', `${msg(3)},extra`, 'SBS_SYNTAX'],
    ['transmission type 9', msg(9), 'SBS_SYNTAX'],
    ['transmission type text', msg(3).replace('MSG,3,', 'MSG,x,'), 'SBS_SYNTAX'],
    ['address too short', msg(3, {}, '7C6DB'), 'SBS_SYNTAX'],
    ['address not hex', msg(3, {}, '7C6DBZ'), 'SBS_SYNTAX'],
    ['altitude not a number', msg(3, { 11: '12a' }), 'SBS_SYNTAX'],
    ['latitude without longitude', msg(3, { 14: '1' }), 'SBS_SYNTAX'],
    ['ground flag not a flag', msg(3, { 21: '2' }), 'SBS_SYNTAX'],
    ['date not a date', msg(3, { 6: '18/02/2018' }), 'SBS_SYNTAX'],
    ['month 13', msg(3, { 6: '2018/13/18' }), 'SBS_SYNTAX'],
    ['hour 24', msg(3, {}, '7C6DBB', '24:00:00.000'), 'SBS_SYNTAX'],
    ['callsign too long', msg(1, { 10: 'ABCDEFGHIJKLMNOPQ' }), 'SBS_SYNTAX'],
    ['unknown record', 'FOO,1,2,3', 'SBS_SYNTAX'],
    ['bad prefix', `2018-02-18T06:00:52.050447+0X:00,${msg(3)}`, 'SBS_SYNTAX'],
    ['empty line', '', 'SBS_SYNTAX'],
    ['latitude 95', msg(3, position('95', '2')), 'VALUE_RANGE'],
    ['longitude -181', msg(3, position('1', '-181')), 'VALUE_RANGE'],
    ['altitude 300000 ft', msg(5, { 11: '300000' }), 'VALUE_RANGE'],
    ['negative ground speed', msg(4, { 12: '-5' }), 'VALUE_RANGE'],
    ['track 400', msg(4, { 13: '400' }), 'VALUE_RANGE'],
  ];
  for (const [name, line, code] of cases) {
    it(`fails ${name} with ${code}`, () => {
      expect(failed(new SbsDecoder({ tzOffsetMinutes: 0 }).decodeLine(line, FALLBACK))).toBe(code);
    });
  }
});

describe('SbsDecoder: state', () => {
  it('forgets an aircraft idle for longer than SBS_IDLE_MS', () => {
    const decoder = new SbsDecoder({ tzOffsetMinutes: 0 });
    decoder.decodeLine(msg(1, { 10: 'QFA761' }, '7C6DBB', '10:00:00.000'), FALLBACK);
    const later = new Date(Date.UTC(2018, 1, 18, 10, 0, 0) + SBS_IDLE_MS + 1000).toISOString().slice(11, 23);
    decoder.decodeLine(msg(7, { 11: '100' }, '7C0000', later), FALLBACK);
    const r = report(decoder.decodeLine(msg(3, position('1', '2'), '7C6DBB', later), FALLBACK));
    expect(r.callsign).toBeUndefined();
  });

  it('bounds the number of aircraft it keeps', () => {
    const decoder = new SbsDecoder({ tzOffsetMinutes: 0, maxAircraft: 10 });
    for (let i = 0; i < 50; i++) decoder.decodeLine(msg(7, { 11: '100' }, (0x100000 + i).toString(16)), FALLBACK);
    expect(decoder.trackedAircraft).toBe(10);
  });
});
