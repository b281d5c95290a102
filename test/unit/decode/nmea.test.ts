import { describe, expect, it } from 'vitest';
import {
  EARLIEST_RECEIVE_TIME_MS,
  isPlausibleReceiveTime,
  LATEST_RECEIVE_TIME_MS,
  parseNmeaLine,
} from '../../../src/decode/nmea.js';
import { checksum, tagged, vdm } from './ais/ais-fixtures.js';

const SENTENCE = '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A';

describe('parseNmeaLine: VDM/VDO sentences', () => {
  it('splits a single-part sentence into its fields', () => {
    expect(parseNmeaLine(SENTENCE)).toEqual({
      kind: 'vdm',
      talker: 'AI',
      ownShip: false,
      fragmentCount: 1,
      fragmentNumber: 1,
      sequenceId: '',
      channel: 'A',
      payload: '15RTgt0PAso;90TKcjM8h6g208CQ',
      fillBits: 0,
      tag: undefined,
      trailerTimeMs: undefined,
    });
  });

  it('reads the parts of a multi-part message', () => {
    expect(parseNmeaLine('!AIVDM,2,2,9,B,`88888888888880,2*76')).toMatchObject({
      fragmentCount: 2,
      fragmentNumber: 2,
      sequenceId: '9',
      channel: 'B',
      fillBits: 2,
    });
  });

  it('accepts any two-letter talker, VDO for own ship, empty channels and surrounding whitespace', () => {
    expect(parseNmeaLine(vdm('13aIkM@P00PJ@qPNL=e@0?wJ28JO', 0, { talker: 'BS' }))).toMatchObject({ talker: 'BS' });
    expect(parseNmeaLine(vdm('13aIkM', 0, { talker: '--' }))).toMatchObject({ talker: '--' });
    expect(parseNmeaLine(vdm('13aIkM', 0, { formatter: 'VDO' }))).toMatchObject({ ownShip: true });
    expect(parseNmeaLine(vdm('13aIkM', 0, { channel: '' }))).toMatchObject({ channel: '' });
    expect(parseNmeaLine(`  ${SENTENCE}\r\n`)).toMatchObject({ kind: 'vdm', fillBits: 0 });
  });

  it('reads an empty fill-bits field as 0 and keeps an empty payload for the decoder to refuse', () => {
    const body = 'AIVDM,1,1,,A,15RT,';
    expect(parseNmeaLine(`!${body}*${checksum(body)}`)).toMatchObject({ fillBits: 0 });
    expect(parseNmeaLine('!AIVDM,1,1,,B,,0*25')).toMatchObject({ kind: 'vdm', payload: '' });
  });

  it('checks the checksum, in either letter case', () => {
    expect(parseNmeaLine(SENTENCE.replace('*4A', '*4a'))).toMatchObject({ kind: 'vdm' });
    expect(parseNmeaLine(SENTENCE.replace('*4A', '*4B'))).toMatchObject({ ok: false, code: 'NMEA_CHECKSUM' });
    expect(parseNmeaLine(SENTENCE.replace('15RT', '15RU'))).toMatchObject({ ok: false, code: 'NMEA_CHECKSUM' });
  });

  it('refuses lines that are not sentences', () => {
    for (const bad of [
      '',
      'foobar',
      'AIVDM,2,2,1,B,00000000000,2*26', // no leading !
      '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0', // no checksum
      '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4', // one hex digit
      '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*ZZ',
      `!AIVDM${'x'.repeat(2000)}*00`,
    ]) {
      expect(parseNmeaLine(bad)).toMatchObject({ ok: false, code: 'NMEA_SYNTAX' });
    }
  });

  it('refuses VDM sentences with the wrong number of fields or impossible counts', () => {
    const bodies = [
      'AIVDM,1,1,,A,15RT',
      'AIVDM,1,1,,A,15RT,0,extra',
      'AIVDM,0,1,,A,15RT,0',
      'AIVDM,2,3,1,A,15RT,0',
      'AIVDM,10,1,1,A,15RT,0',
      'AIVDM,1,1,x,A,15RT,0',
      'AIVDM,1,1,,A,15RT,6',
      'AIVDM,a,1,,A,15RT,0',
    ];
    for (const body of bodies) {
      expect(parseNmeaLine(`!${body}*${checksum(body)}`)).toMatchObject({ ok: false, code: 'NMEA_SYNTAX' });
    }
  });

  it('passes other well-formed sentences as "other"', () => {
    expect(parseNmeaLine('$GPGGA,184353.07,1929.045,S,02410.506,E,1,04,2.6,100.00,M,-33.9,M,,0000*6D')).toEqual({
      kind: 'other',
    });
    expect(parseNmeaLine('$GPR00,A,B,C*29')).toEqual({ kind: 'other' });
    expect(parseNmeaLine('$GPR00,A,B,C*28')).toMatchObject({ ok: false, code: 'NMEA_CHECKSUM' });
  });
});

describe('parseNmeaLine: trailers after the checksum', () => {
  it('takes a trailing Unix time in seconds as the receive time', () => {
    const line = `${SENTENCE},d-109,S2105,t050056.00,T56.13718694,r003669946,1325394060,1325394001`;
    expect(parseNmeaLine(line)).toMatchObject({ kind: 'vdm', trailerTimeMs: 1_325_394_001_000 });
    expect(parseNmeaLine(`${SENTENCE},b003669794,1272412827`)).toMatchObject({ trailerTimeMs: 1_272_412_827_000 });
  });

  it('tolerates trailers that carry no time', () => {
    expect(parseNmeaLine(`${SENTENCE},s36310,d-081,T59.01777335`)).toMatchObject({ trailerTimeMs: undefined });
    expect(parseNmeaLine(`${SENTENCE}\\x0d\\x0a`)).toMatchObject({ kind: 'vdm', trailerTimeMs: undefined });
    expect(parseNmeaLine(`${SENTENCE},12`)).toMatchObject({ trailerTimeMs: undefined });
    expect(parseNmeaLine(`${SENTENCE},99999999999`)).toMatchObject({ trailerTimeMs: undefined });
  });
});

describe('parseNmeaLine: NMEA 4 tag blocks', () => {
  it('reads c: (seconds or milliseconds), s: and g:', () => {
    expect(parseNmeaLine(tagged('s:rORBCOMM104,q:u,c:1418172113,T:2014-12-10 00.41.53', SENTENCE))).toMatchObject({
      kind: 'vdm',
      tag: { timeMs: 1_418_172_113_000, source: 'rORBCOMM104', groupId: undefined },
    });
    expect(parseNmeaLine(tagged('c:1418172113250', SENTENCE))).toMatchObject({ tag: { timeMs: 1_418_172_113_250 } });
    expect(parseNmeaLine(tagged('g:1-2-1604,s:rORBCOMM008,c:1418169601', SENTENCE))).toMatchObject({
      tag: { groupId: '1604', groupNumber: 1, groupSize: 2, source: 'rORBCOMM008' },
    });
    expect(parseNmeaLine(tagged('g:2-2-27300,n:636995', SENTENCE))).toMatchObject({
      tag: { groupId: '27300', groupNumber: 2, source: undefined, timeMs: undefined },
    });
  });

  it('checks the tag block checksum and form', () => {
    const good = tagged('s:rx1,c:1418172113', SENTENCE);
    expect(parseNmeaLine(good.replace('c:1418172113', 'c:1418172114'))).toMatchObject({ code: 'NMEA_CHECKSUM' });
    expect(parseNmeaLine(`\\g:1-2-73874*A\\${SENTENCE}`)).toMatchObject({ code: 'NMEA_SYNTAX' });
    expect(parseNmeaLine(`\\s:rx1*${checksum('s:rx1')}${SENTENCE}`)).toMatchObject({ code: 'NMEA_SYNTAX' });
    for (const parameters of ['s', 'c:12x4', 'g:1-2', 'g:3-2-7', 'g:1-2-', 'rx1']) {
      expect(parseNmeaLine(tagged(parameters, SENTENCE))).toMatchObject({ ok: false, code: 'NMEA_SYNTAX' });
    }
    expect(parseNmeaLine(tagged('c:1418172113', 'garbage'))).toMatchObject({ code: 'NMEA_SYNTAX' });
  });

  it('refuses a c: time outside 1990–2100 as VALUE_RANGE', () => {
    expect(parseNmeaLine(tagged('c:12415440354', SENTENCE))).toMatchObject({ ok: false, code: 'VALUE_RANGE' });
    expect(parseNmeaLine(tagged('c:12', SENTENCE))).toMatchObject({ ok: false, code: 'VALUE_RANGE' });
  });
});

describe('parseNmeaLine: Gatehouse $PGHP', () => {
  it('reads the UTC time and the base station', () => {
    expect(parseNmeaLine('$PGHP,1,2010,6,11,11,46,12,470,219,,2190064,1,5D*57')).toEqual({
      kind: 'pghp',
      timeMs: Date.UTC(2010, 5, 11, 11, 46, 12, 470),
      baseStation: '2190064',
    });
    expect(parseNmeaLine('$PGHP,1,2008,5,9,0,0,0,10,338,2,,1,09*17')).toEqual({
      kind: 'pghp',
      timeMs: Date.UTC(2008, 4, 9, 0, 0, 0, 10),
      baseStation: undefined,
    });
  });

  it('checks its checksum, field count and date', () => {
    const pghp = (body: string) => `$${body}*${checksum(body)}`;
    expect(parseNmeaLine('$PGHP,1,2009,5,9,0,0,0,10,338,2,,1,09*17')).toMatchObject({ code: 'NMEA_CHECKSUM' });
    expect(parseNmeaLine(pghp('PGHP,1,2010,6,11,11,46,12,470,219,,2190064,1'))).toMatchObject({ code: 'NMEA_SYNTAX' });
    expect(parseNmeaLine(pghp('PGHP,1,2010,6,x,11,46,12,470,219,,2190064,1,5D'))).toMatchObject({
      code: 'NMEA_SYNTAX',
    });
    for (const date of ['2010,2,29,0,0,0,0', '2010,13,1,0,0,0,0', '2010,6,11,24,0,0,0', '1980,6,11,1,0,0,0']) {
      expect(parseNmeaLine(pghp(`PGHP,1,${date},219,,2190064,1,5D`))).toMatchObject({ code: 'VALUE_RANGE' });
    }
    expect(parseNmeaLine(pghp('PGHP,1,2012,2,29,0,0,0,0,219,,2190064,1,5D'))).toMatchObject({ kind: 'pghp' });
  });

  it('passes other Gatehouse message types as "other"', () => {
    const body = 'PGHP,2,2010,6,11,11,46,12,470,219,,2190064,1,5D';
    expect(parseNmeaLine(`$${body}*${checksum(body)}`)).toEqual({ kind: 'other' });
  });
});

describe('isPlausibleReceiveTime', () => {
  it('accepts 1990 up to, not including, 2100', () => {
    expect(isPlausibleReceiveTime(EARLIEST_RECEIVE_TIME_MS)).toBe(true);
    expect(isPlausibleReceiveTime(EARLIEST_RECEIVE_TIME_MS - 1)).toBe(false);
    expect(isPlausibleReceiveTime(LATEST_RECEIVE_TIME_MS - 1)).toBe(true);
    expect(isPlausibleReceiveTime(LATEST_RECEIVE_TIME_MS)).toBe(false);
  });
});
