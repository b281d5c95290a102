import { describe, expect, it } from 'vitest';
import {
  AIS_VESSEL_IDLE_MS,
  AisJsonDecoder,
  aisCourse,
  aisHeading,
  aisSpeed,
  aisText,
} from '../../../src/decode/ais-json.js';
import type { Outcome } from '../../../src/decode/outcome.js';
import { type Report, reportSchema } from '../../../src/schema/report.js';

const RECEIVED = Date.UTC(2026, 3, 25, 12, 0, 0);
const TIME_UTC = '2026-04-25 09:47:25.26746452 +0000 UTC';
const T = Date.UTC(2026, 3, 25, 9, 47, 25, 267);

function message(type: string, body: Record<string, unknown>, meta: Record<string, unknown> = {}): string {
  const mmsi = (body.UserID as number | undefined) ?? 244730610;
  return JSON.stringify({
    Message: { [type]: body },
    MessageType: type,
    MetaData: {
      MMSI: mmsi,
      MMSI_String: mmsi,
      ShipName: '',
      latitude: 53.09,
      longitude: 5.85,
      time_utc: TIME_UTC,
      ...meta,
    },
  });
}

const CLASS_A = {
  Cog: 142.9,
  CommunicationState: 33713,
  Latitude: 53.09018833333334,
  Longitude: 5.854496666666666,
  MessageID: 1,
  NavigationalStatus: 0,
  PositionAccuracy: true,
  Raim: false,
  RateOfTurn: -128,
  RepeatIndicator: 0,
  Sog: 4.5,
  Spare: 0,
  SpecialManoeuvreIndicator: 0,
  Timestamp: 25,
  TrueHeading: 140,
  UserID: 244730610,
  Valid: true,
};

const CLASS_B = {
  AssignedMode: false,
  ClassBBand: true,
  ClassBDisplay: false,
  ClassBDsc: true,
  ClassBMsg22: true,
  ClassBUnit: true,
  Cog: 153.9,
  CommunicationState: 393222,
  CommunicationStateIsItdma: true,
  Latitude: 40.74870333333333,
  Longitude: 13.859405,
  MessageID: 18,
  PositionAccuracy: false,
  Raim: true,
  RepeatIndicator: 0,
  Sog: 6.1,
  Spare1: 0,
  Spare2: 0,
  Timestamp: 39,
  TrueHeading: 160,
  UserID: 247193240,
  Valid: true,
};

const LONG_RANGE = {
  MessageID: 27,
  RepeatIndicator: 0,
  UserID: 636019825,
  Valid: true,
  PositionAccuracy: false,
  Raim: false,
  NavigationalStatus: 0,
  Longitude: -5.3,
  Latitude: 35.9,
  Sog: 12,
  Cog: 85,
  PositionLatency: false,
  Spare: false,
};

function report(outcome: Outcome): Report {
  if (!outcome.ok || outcome.kind !== 'report') throw new Error(`expected a report, got ${JSON.stringify(outcome)}`);
  return reportSchema.parse(outcome.report);
}

function code(outcome: Outcome): string {
  return outcome.ok ? outcome.kind : outcome.code;
}

describe('AisJsonDecoder: position messages', () => {
  it('reports a class A position with every field, timed by MetaData.time_utc', () => {
    const r = report(new AisJsonDecoder().decodeMessage(message('PositionReport', CLASS_A), RECEIVED));
    expect(r).toEqual({
      schema: 'jamwatch.report/1',
      src: 'ais',
      id: 'mmsi:244730610',
      t: T,
      lat: 53.09018833333334,
      lon: 5.854496666666666,
      gs: 4.5,
      track: 142.9,
      heading: 140,
      aisAccuracy: true,
      raim: false,
      aisClass: 'A',
      aisType: 1,
    });
  });

  it('says "no position" on latitude 91 or longitude 181, and omits unavailable SOG, COG and heading', () => {
    const decoder = new AisJsonDecoder();
    const body = { ...CLASS_A, Latitude: 91, Longitude: 181, Sog: 102.3, Cog: 360, TrueHeading: 511 };
    const r = report(decoder.decodeMessage(message('PositionReport', body), RECEIVED));
    expect(r.posAvailable).toBe(false);
    expect(r.lat).toBeUndefined();
    expect(r.gs).toBeUndefined();
    expect(r.track).toBeUndefined();
    expect(r.heading).toBeUndefined();
    expect(
      report(decoder.decodeMessage(message('PositionReport', { ...CLASS_A, Longitude: 181 }), RECEIVED)).posAvailable,
    ).toBe(false);
  });

  it('reports class B standard and extended positions; the extended one carries its name and EPFD', () => {
    const decoder = new AisJsonDecoder();
    const b = report(decoder.decodeMessage(message('StandardClassBPositionReport', CLASS_B), RECEIVED));
    expect(b).toMatchObject({ aisClass: 'B', aisType: 18, aisAccuracy: false, raim: true, gs: 6.1, heading: 160 });
    const extended = { ...CLASS_B, MessageID: 19, Name: 'LIBIDINE@@@@@@@@@@@@', FixType: 1, Type: 37 };
    const e = report(decoder.decodeMessage(message('ExtendedClassBPositionReport', extended), RECEIVED));
    expect(e).toMatchObject({ aisClass: 'B', aisType: 19, name: 'LIBIDINE', epfd: 1 });
  });

  it('reports long-range (type 27) positions with their GNSS position status', () => {
    const decoder = new AisJsonDecoder();
    const current = report(decoder.decodeMessage(message('LongRangeAisBroadcastMessage', LONG_RANGE), RECEIVED));
    expect(current).toMatchObject({ aisClass: 'LR', aisType: 27, gnssStatus: 'current', gs: 12, track: 85 });
    const stale = { ...LONG_RANGE, PositionLatency: true, Sog: 63, Cog: 511 };
    const r = report(decoder.decodeMessage(message('LongRangeAisBroadcastMessage', stale), RECEIVED));
    expect(r.gnssStatus).toBe('not-current');
    expect(r.gs).toBeUndefined();
    expect(r.track).toBeUndefined();
  });

  it('takes the message id from the type when MessageID is missing', () => {
    const { MessageID: _, ...noId } = LONG_RANGE;
    expect(
      report(new AisJsonDecoder().decodeMessage(message('LongRangeAisBroadcastMessage', noId), RECEIVED)).aisType,
    ).toBe(27);
  });

  it('uses the receive time when MetaData has no time_utc', () => {
    const text = JSON.stringify({ MessageType: 'PositionReport', MetaData: {}, Message: { PositionReport: CLASS_A } });
    expect(report(new AisJsonDecoder().decodeMessage(text, RECEIVED)).t).toBe(RECEIVED);
  });

  it('accepts ISO 8601 time_utc too', () => {
    const text = message('PositionReport', CLASS_A, { time_utc: '2026-04-25T09:47:25.5Z' });
    expect(report(new AisJsonDecoder().decodeMessage(text, RECEIVED)).t).toBe(Date.UTC(2026, 3, 25, 9, 47, 25, 500));
  });
});

describe('AisJsonDecoder: static data', () => {
  it('keeps name, call sign and EPFD from ShipStaticData for later positions', () => {
    const decoder = new AisJsonDecoder();
    const stat = {
      AisVersion: 2,
      CallSign: 'LFJA   ',
      Destination: 'OSLO',
      Dimension: { A: 9, B: 22, C: 2, D: 6 },
      FixType: 1,
      ImoNumber: 6519522,
      MessageID: 5,
      Name: 'NOBEL@@@@@@@@@@@@@@@',
      UserID: 244730610,
      Valid: true,
    };
    expect(decoder.decodeMessage(message('ShipStaticData', stat), RECEIVED)).toEqual({ ok: true, kind: 'state' });
    const r = report(decoder.decodeMessage(message('PositionReport', CLASS_A), RECEIVED));
    expect(r).toMatchObject({ name: 'NOBEL', callsign: 'LFJA', epfd: 1 });
  });

  it('keeps the name from StaticDataReport part A and the call sign and EPFD from part B', () => {
    const decoder = new AisJsonDecoder();
    const partA = {
      MessageID: 24,
      PartNumber: false,
      ReportA: { Valid: true, Name: 'SEA WITCH' },
      ReportB: { Valid: false },
      UserID: 219034965,
      Valid: true,
    };
    const partB = {
      MessageID: 24,
      PartNumber: true,
      ReportA: { Valid: false, Name: '' },
      ReportB: { Valid: true, CallSign: 'XPI6030', FixType: 15, ShipType: 37, Dimension: { A: 5, B: 5, C: 2, D: 2 } },
      UserID: 219034965,
      Valid: true,
    };
    expect(code(decoder.decodeMessage(message('StaticDataReport', partA), RECEIVED))).toBe('state');
    expect(code(decoder.decodeMessage(message('StaticDataReport', partB), RECEIVED))).toBe('state');
    const r = report(
      decoder.decodeMessage(message('StandardClassBPositionReport', { ...CLASS_B, UserID: 219034965 }), RECEIVED),
    );
    expect(r).toMatchObject({ name: 'SEA WITCH', callsign: 'XPI6030', epfd: 15 });
  });

  it('falls back to MetaData.ShipName for the name', () => {
    const text = message('PositionReport', CLASS_A, { ShipName: 'VROUWE CORNELIA     ' });
    expect(report(new AisJsonDecoder().decodeMessage(text, RECEIVED)).name).toBe('VROUWE CORNELIA');
  });

  it('forgets static data of a vessel silent for longer than AIS_VESSEL_IDLE_MS', () => {
    const decoder = new AisJsonDecoder();
    decoder.decodeMessage(message('ShipStaticData', { Name: 'NOBEL', UserID: 244730610, Valid: true }), RECEIVED);
    const later = new Date(T + AIS_VESSEL_IDLE_MS + 60_000).toISOString();
    const other = message('PositionReport', { ...CLASS_A, UserID: 257038990 }, { time_utc: later });
    decoder.decodeMessage(other, RECEIVED);
    const r = report(decoder.decodeMessage(message('PositionReport', CLASS_A, { time_utc: later }), RECEIVED));
    expect(r.name).toBeUndefined();
  });

  it('bounds the vessels it keeps', () => {
    const decoder = new AisJsonDecoder({ maxVessels: 5 });
    for (let i = 1; i <= 20; i++)
      decoder.decodeMessage(message('PositionReport', { ...CLASS_A, UserID: 200000000 + i }), RECEIVED);
    expect(decoder.trackedVessels).toBe(5);
  });
});

describe('AisJsonDecoder: other messages and bad input', () => {
  it('ignores message types without a vessel position', () => {
    for (const type of [
      'BaseStationReport',
      'SafetyBroadcastMessage',
      'UnknownMessage',
      'AidsToNavigationReport',
      'constructor',
    ]) {
      expect(new AisJsonDecoder().decodeMessage(message(type, { UserID: 2573415, Valid: true }), RECEIVED)).toEqual({
        ok: true,
        kind: 'ignored',
        reason: 'ais-no-craft-position',
      });
    }
  });

  const cases: [string, string, string][] = [
    ['text that is not JSON', '{"MessageType": "PositionReport"', 'JSON_SYNTAX'],
    ['a JSON array', '[]', 'JSON_SHAPE'],
    [
      'no MetaData',
      JSON.stringify({ MessageType: 'PositionReport', Message: { PositionReport: CLASS_A } }),
      'JSON_SHAPE',
    ],
    ['no message body', JSON.stringify({ MessageType: 'PositionReport', MetaData: {}, Message: {} }), 'JSON_SHAPE'],
    ['UserID as text', message('PositionReport', { ...CLASS_A, UserID: '244730610' }), 'JSON_SHAPE'],
    ['Latitude missing', message('PositionReport', { ...CLASS_A, Latitude: undefined }), 'JSON_SHAPE'],
    ['PositionAccuracy as a number', message('PositionReport', { ...CLASS_A, PositionAccuracy: 1 }), 'JSON_SHAPE'],
    ['time_utc that is not a time', message('PositionReport', CLASS_A, { time_utc: 'yesterday' }), 'JSON_SHAPE'],
    ['time_utc as a number', message('PositionReport', CLASS_A, { time_utc: 12 }), 'JSON_SHAPE'],
    ['PartNumber missing', message('StaticDataReport', { UserID: 219034965, Valid: true }), 'JSON_SHAPE'],
    ['Valid false', message('PositionReport', { ...CLASS_A, Valid: false }), 'AIS_PAYLOAD'],
    ['MMSI 0', message('PositionReport', { ...CLASS_A, UserID: 0 }), 'VALUE_RANGE'],
    ['MMSI of ten digits', message('PositionReport', { ...CLASS_A, UserID: 1_234_567_890 }), 'VALUE_RANGE'],
    ['latitude 95', message('PositionReport', { ...CLASS_A, Latitude: 95 }), 'VALUE_RANGE'],
  ];
  for (const [name, text, expected] of cases) {
    it(`fails ${name} with ${expected}`, () => {
      expect(code(new AisJsonDecoder().decodeMessage(text, RECEIVED))).toBe(expected);
    });
  }
});

describe('AIS field rules', () => {
  it('reads SOG, COG, heading and six-bit text as M.1371 defines them', () => {
    expect([aisSpeed(102.2, false), aisSpeed(102.3, false), aisSpeed(-1, false), aisSpeed('1', false)]).toEqual([
      102.2,
      undefined,
      undefined,
      undefined,
    ]);
    expect([aisSpeed(62, true), aisSpeed(63, true)]).toEqual([62, undefined]);
    expect([aisCourse(359.9), aisCourse(360), aisCourse(511)]).toEqual([359.9, undefined, undefined]);
    expect([aisHeading(0), aisHeading(359), aisHeading(360), aisHeading(511)]).toEqual([0, 359, undefined, undefined]);
    expect([aisText('  AB CD@@@ ', 20), aisText('@@@@', 20), aisText(3, 20), aisText('ABCDEF', 3)]).toEqual([
      'AB CD',
      undefined,
      undefined,
      'ABC',
    ]);
  });
});
