import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src/decode/outcome.js';
import { epochMsOf } from '../../../src/decode/readsb/epoch.js';
import { integrityCategoriesApply } from '../../../src/decode/readsb/integrity.js';
import { posSourceOfFieldLists, posSourceOfType } from '../../../src/decode/readsb/pos-source.js';
import { ReadsbDecoder } from '../../../src/decode/readsb-json.js';
import { type Report, reportSchema } from '../../../src/schema/report.js';

const NOW_S = 1_700_000_000.5;
const NOW_MS = NOW_S * 1000;
const RECEIVED = 1_700_000_100_000;

/** A full aircraft.json entry, as readsb writes it for an ADS-B aircraft with a fresh position. */
const FULL = {
  hex: '4ca1e3',
  type: 'adsb_icao',
  flight: 'RYR12AB ',
  r: 'EI-DCL',
  t: 'B738',
  alt_baro: 37000,
  alt_geom: 37650,
  gs: 452.3,
  ias: 270,
  track: 92.45,
  mag_heading: 88.5,
  true_heading: 91.2,
  baro_rate: 0,
  squawk: '2231',
  category: 'A3',
  lat: 54.123456,
  lon: 21.654321,
  nic: 8,
  rc: 186,
  seen_pos: 0.4,
  version: 2,
  nic_baro: 1,
  nac_p: 9,
  nac_v: 1,
  sil: 3,
  sil_type: 'perhour',
  gva: 2,
  sda: 2,
  mlat: [],
  tisb: [],
  messages: 1234,
  seen: 0.1,
  rssi: -20.5,
};

function collect(decoder: ReadsbDecoder, text: string, received = RECEIVED): Outcome[] {
  const out: Outcome[] = [];
  decoder.decodeDocument(text, received, (o) => out.push(o));
  return out;
}

function snapshot(aircraft: unknown[], now: number = NOW_S): string {
  return JSON.stringify({ now, messages: 10, aircraft });
}

function reports(outcomes: Outcome[]): Report[] {
  return outcomes.flatMap((o) => (o.ok && o.kind === 'report' ? [reportSchema.parse(o.report)] : []));
}

function codes(outcomes: Outcome[]): string[] {
  return outcomes.map((o) => (o.ok ? o.kind : o.code));
}

describe('ReadsbDecoder: aircraft.json snapshots', () => {
  it('maps every field of a full entry', () => {
    const [r] = reports(collect(new ReadsbDecoder(), snapshot([FULL])));
    expect(r).toEqual({
      schema: 'jamwatch.report/1',
      src: 'adsb',
      id: 'icao:4ca1e3',
      t: Math.round(NOW_MS - 400),
      lat: 54.123456,
      lon: 21.654321,
      altBaro: 37000,
      altGeom: 37650,
      gs: 452.3,
      track: 92.45,
      heading: 91.2,
      nic: 8,
      rc: 186,
      nacp: 9,
      sil: 3,
      silType: 'perhour',
      gva: 2,
      nicBaro: 1,
      adsbVersion: 2,
      posSource: 'adsb',
      callsign: 'RYR12AB',
    });
  });

  it('gives one outcome per entry: report, state for no position, ignored for a non-ICAO address', () => {
    const noPosition = { hex: '3c6444', type: 'mode_s', alt_baro: 12000, seen: 1.2 };
    const tisb = { ...FULL, hex: '~2a0c1f', type: 'tisb_other' };
    expect(codes(collect(new ReadsbDecoder(), snapshot([FULL, noPosition, tisb])))).toEqual([
      'report',
      'state',
      'ignored',
    ]);
    const ignoredOutcome = collect(new ReadsbDecoder(), snapshot([tisb]))[0];
    expect(ignoredOutcome).toEqual({ ok: true, kind: 'ignored', reason: 'non-icao-address' });
  });

  it('reports a position once: the next snapshot with the same position time is state', () => {
    const decoder = new ReadsbDecoder();
    expect(codes(collect(decoder, snapshot([FULL])))).toEqual(['report']);
    // One second later, the same position is 1.4 s old: same position time.
    expect(codes(collect(decoder, snapshot([{ ...FULL, seen_pos: 1.4 }], NOW_S + 1)))).toEqual(['state']);
    // readsb prints now to 0.1 s: a position time 0.1 s off is still the same event.
    expect(codes(collect(decoder, snapshot([{ ...FULL, seen_pos: 2.3 }], NOW_S + 2)))).toEqual(['state']);
    // A newer position is an event.
    const next = { ...FULL, lat: 54.2, seen_pos: 0.2 };
    const [r] = reports(collect(decoder, snapshot([next], NOW_S + 3)));
    expect(r?.t).toBe(Math.round(NOW_MS + 3000 - 200));
  });

  it('treats a moved position at the same time as a new event', () => {
    const decoder = new ReadsbDecoder();
    collect(decoder, snapshot([FULL]));
    expect(codes(collect(decoder, snapshot([{ ...FULL, lon: 21.7 }])))).toEqual(['report']);
  });

  it('reads "ground", the ground flag, heading fallbacks and a blank callsign', () => {
    const decoder = new ReadsbDecoder();
    const ground = { hex: '000001', alt_baro: 'ground', lat: 1, lon: 2, mag_heading: 45, flight: '        ' };
    const airborneFlag = { hex: '000002', alt_baro: 1000, ground: false, lat: 1, lon: 2 };
    const [g, a] = reports(collect(decoder, snapshot([ground, airborneFlag])));
    expect(g).toMatchObject({ onGround: true, heading: 45 });
    expect(g?.altBaro).toBeUndefined();
    expect(g?.callsign).toBeUndefined();
    expect(a).toMatchObject({ onGround: false, altBaro: 1000 });
  });

  it('drops NIC and NACp of ADS-B version 0 (NUCp is not NIC) and keeps the version', () => {
    const [r] = reports(collect(new ReadsbDecoder(), snapshot([{ ...FULL, version: 0 }])));
    expect(r?.nic).toBeUndefined();
    expect(r?.nacp).toBeUndefined();
    expect(r?.adsbVersion).toBe(0);
    expect(integrityCategoriesApply(undefined)).toBe(true);
    expect(integrityCategoriesApply(1)).toBe(true);
  });

  it('takes the position source from the mlat list when there is no type (dump1090-fa)', () => {
    const entry = { hex: '000003', lat: 1, lon: 2, mlat: ['lat', 'lon', 'track'], tisb: [] };
    const [r] = reports(collect(new ReadsbDecoder(), snapshot([entry])));
    expect(r?.posSource).toBe('mlat');
  });

  it('uses the receive time when the snapshot has no now', () => {
    const [r] = reports(collect(new ReadsbDecoder(), JSON.stringify({ aircraft: [{ ...FULL, seen_pos: 1 }] })));
    expect(r?.t).toBe(RECEIVED - 1000);
  });

  it('produces nothing for an empty snapshot', () => {
    expect(collect(new ReadsbDecoder(), snapshot([]))).toEqual([]);
  });
});

describe('ReadsbDecoder: lost GNSS and last good positions', () => {
  const lost = {
    hex: '4ca1e4',
    type: 'adsb_icao',
    alt_baro: 36000,
    gs: 440,
    nac_p: 0,
    nic: 0,
    version: 2,
    seen: 0.3,
    lastPosition: { lat: 55.1, lon: 20.9, nic: 8, rc: 186, seen_pos: 75.2 },
    gpsOkBefore: 1_699_999_900.4,
    gpsOkLat: 55.01,
    gpsOkLon: 20.8,
  };

  it('reports "no position" when readsb flagged lost GNSS and the aircraft is heard without a position', () => {
    const [r] = reports(collect(new ReadsbDecoder(), snapshot([lost])));
    expect(r).toMatchObject({
      id: 'icao:4ca1e4',
      t: Math.round(NOW_MS - 300),
      posAvailable: false,
      altBaro: 36000,
      nacp: 0,
      nic: 0,
      lastGoodAt: 1_699_999_900_400,
      lastGoodLat: 55.01,
      lastGoodLon: 20.8,
    });
    expect(r?.lat).toBeUndefined();
  });

  it('reports each new last-message time once', () => {
    const decoder = new ReadsbDecoder();
    expect(codes(collect(decoder, snapshot([lost])))).toEqual(['report']);
    expect(codes(collect(decoder, snapshot([{ ...lost, seen: 1.3 }], NOW_S + 1)))).toEqual(['state']);
    expect(codes(collect(decoder, snapshot([{ ...lost, seen: 0.2 }], NOW_S + 2)))).toEqual(['report']);
  });

  it('uses lastPosition as the last good position when readsb gives no gpsOk position', () => {
    const { gpsOkLat: _lat, gpsOkLon: _lon, gpsOkBefore: _before, ...stale } = lost;
    // Without the lost-GNSS flag a stale position is no event…
    expect(codes(collect(new ReadsbDecoder(), snapshot([stale])))).toEqual(['state']);
    // …with the flag (but no gpsOk position) the last good place comes from lastPosition.
    const [r] = reports(collect(new ReadsbDecoder(), snapshot([{ ...stale, gpsOkBefore: 1_699_999_900 }])));
    expect(r).toMatchObject({ lastGoodAt: 1_699_999_900_000, lastGoodLat: 55.1, lastGoodLon: 20.9 });
  });

  it('carries gpsOk fields on a fresh position too (readsb keeps them for 15 min after the loss)', () => {
    const entry = { ...FULL, type: 'mlat', gpsOkBefore: 1_699_999_900.4, gpsOkLat: 55.01, gpsOkLon: 20.8 };
    const [r] = reports(collect(new ReadsbDecoder(), snapshot([entry])));
    expect(r).toMatchObject({ lat: FULL.lat, posSource: 'mlat', lastGoodAt: 1_699_999_900_400, lastGoodLat: 55.01 });
  });
});

describe('ReadsbDecoder: other document shapes', () => {
  it('decodes API v2 responses (now in milliseconds, aircraft under ac)', () => {
    const body = JSON.stringify({ ac: [FULL], msg: 'No error', now: NOW_MS, total: 1, ctime: NOW_MS, ptime: 3 });
    const [r] = reports(collect(new ReadsbDecoder(), body));
    expect(r?.t).toBe(Math.round(NOW_MS - 400));
  });

  it('accepts an API v2 answer for an empty area (ac: null)', () => {
    expect(collect(new ReadsbDecoder(), JSON.stringify({ ac: null, msg: 'No error', now: NOW_MS, total: 0 }))).toEqual(
      [],
    );
  });

  it('decodes --net-json-port lines, each with its own now, or the receive time without one', () => {
    const decoder = new ReadsbDecoder();
    const [a] = reports(collect(decoder, JSON.stringify({ now: NOW_S, ...FULL })));
    expect(a?.t).toBe(Math.round(NOW_MS - 400));
    const { seen_pos: _, ...noAge } = { ...FULL, hex: '4ca1e5' };
    const [b] = reports(collect(decoder, JSON.stringify(noAge)));
    expect(b?.t).toBe(RECEIVED);
  });

  it('decodes a file that is one pretty-printed document, JSON lines, or neither', () => {
    const pretty = JSON.stringify({ now: NOW_S, aircraft: [FULL] }, null, 2);
    const out: Outcome[] = [];
    new ReadsbDecoder().decodeFile(pretty, RECEIVED, (o) => out.push(o));
    expect(codes(out)).toEqual(['report']);

    const lines = `${snapshot([FULL])}\n\n${snapshot([{ ...FULL, lat: 54.2, seen_pos: 0 }], NOW_S + 1)}\n{"now": 1\n`;
    const fromLines: Outcome[] = [];
    new ReadsbDecoder().decodeFile(lines, RECEIVED, (o) => fromLines.push(o));
    expect(codes(fromLines)).toEqual(['report', 'report', 'JSON_SYNTAX']);

    const broken: Outcome[] = [];
    new ReadsbDecoder().decodeFile(pretty.slice(0, -20), RECEIVED, (o) => broken.push(o));
    expect(codes(broken)).toEqual(['JSON_SYNTAX']);
  });

  it('decodes an already parsed value', () => {
    const out: Outcome[] = [];
    new ReadsbDecoder().decodeValue({ now: NOW_S, aircraft: [FULL] }, RECEIVED, (o) => out.push(o));
    expect(codes(out)).toEqual(['report']);
  });
});

describe('ReadsbDecoder: traces', () => {
  const details = { type: 'adsb_icao', flight: 'DAL1812 ', nic: 8, rc: 186, version: 2, nac_p: 10, sil: 3 };
  const trace = {
    icao: 'ac671b',
    timestamp: 1_738_703_622.619,
    trace: [
      [0, 16.77, -88.03, 32000, 478.6, 327.8, 1, 0, null, 'adsb_icao', 33825, 32, 280, 0],
      [10, 16.8, -88.04, 32000, 480, 330, 0, 0, details, 'adsb_icao', 33825, 0, 280, 0],
      [20.5, 16.83, -88.05, 32100, 481, 331, 8, 0, null, 'mlat', null, null, null, null],
      [30, 16.85, -88.06, 'ground', 12, 271, 0, null, null],
    ],
  };

  it('reports every point, with the latest details, their age and the point’s own source', () => {
    const rs = reports(collect(new ReadsbDecoder(), JSON.stringify(trace)));
    expect(rs).toHaveLength(4);
    expect(rs[0]).toEqual({
      schema: 'jamwatch.report/1',
      src: 'adsb',
      id: 'icao:ac671b',
      t: 1_738_703_622_619,
      lat: 16.77,
      lon: -88.03,
      altBaro: 32000,
      altGeom: 33825,
      gs: 478.6,
      track: 327.8,
      posSource: 'adsb',
    });
    expect(rs[1]).toMatchObject({
      nic: 8,
      rc: 186,
      nacp: 10,
      sil: 3,
      adsbVersion: 2,
      integrityAge: 0,
      callsign: 'DAL1812',
    });
    // Flag 8: the altitude column is geometric.
    expect(rs[2]).toMatchObject({ altGeom: 32100, posSource: 'mlat', integrityAge: 10.5, nacp: 10 });
    expect(rs[2]?.altBaro).toBeUndefined();
    // On the ground the track column is the true heading; an old-format point (9 columns) has no type column.
    expect(rs[3]).toMatchObject({ onGround: true, heading: 271, gs: 12, posSource: 'adsb', integrityAge: 20 });
    expect(rs[3]?.track).toBeUndefined();
  });

  it('keeps decoding after a bad point', () => {
    const bad = { ...trace, trace: [trace.trace[0], [1, 'x', 2, 3, 4, 5, 0], [2, 95, 2, 3, 4, 5, 0], trace.trace[1]] };
    expect(codes(collect(new ReadsbDecoder(), JSON.stringify(bad)))).toEqual([
      'report',
      'JSON_SHAPE',
      'VALUE_RANGE',
      'report',
    ]);
  });

  it('ignores a non-ICAO trace and rejects one without a timestamp', () => {
    expect(codes(collect(new ReadsbDecoder(), JSON.stringify({ ...trace, icao: '~ac671b' })))).toEqual(['ignored']);
    const { timestamp: _, ...untimed } = trace;
    expect(codes(collect(new ReadsbDecoder(), JSON.stringify(untimed)))).toEqual(['JSON_SHAPE']);
  });
});

describe('ReadsbDecoder: bad input', () => {
  const cases: [string, string, string[]][] = [
    ['text that is not JSON', '{"now": 1, "aircraft": [', ['JSON_SYNTAX']],
    ['a JSON array', '[1, 2]', ['JSON_SHAPE']],
    ['a JSON number', '42', ['JSON_SHAPE']],
    ['an object of no known shape', '{"foo": 1}', ['JSON_SHAPE']],
    ['now as text', '{"now": "soon", "aircraft": []}', ['JSON_SHAPE']],
    ['an entry that is not an object', snapshot([1]), ['JSON_SHAPE']],
    ['an entry without hex', snapshot([{ lat: 1, lon: 2 }]), ['JSON_SHAPE']],
    ['hex of 5 digits', snapshot([{ hex: '4ca1e', lat: 1, lon: 2 }]), ['JSON_SHAPE']],
    ['lat as text', snapshot([{ ...FULL, lat: '54.1' }]), ['JSON_SHAPE']],
    ['lat without lon', snapshot([{ hex: '4ca1e3', lat: 54 }]), ['JSON_SHAPE']],
    ['nic not an integer', snapshot([{ ...FULL, nic: 2.5 }]), ['JSON_SHAPE']],
    ['flight as a number', snapshot([{ ...FULL, flight: 12 }]), ['JSON_SHAPE']],
    ['lastPosition as a number', snapshot([{ ...FULL, lastPosition: 3 }]), ['JSON_SHAPE']],
    ['latitude 95', snapshot([{ ...FULL, lat: 95 }]), ['VALUE_RANGE']],
    ['nac_p 12', snapshot([{ ...FULL, nac_p: 12 }]), ['VALUE_RANGE']],
    ['altitude 300000', snapshot([{ ...FULL, alt_baro: 300000 }]), ['VALUE_RANGE']],
    ['negative seen_pos', snapshot([{ ...FULL, seen_pos: -3 }]), ['VALUE_RANGE']],
  ];
  for (const [name, text, expected] of cases) {
    it(`fails ${name} with ${expected.join(', ')}`, () => {
      expect(codes(collect(new ReadsbDecoder(), text))).toEqual(expected);
    });
  }

  it('keeps the good entries around a bad one, and reports the good one later once fixed', () => {
    const decoder = new ReadsbDecoder();
    const a = { ...FULL, hex: '000001' };
    const c = { ...FULL, hex: '000003' };
    expect(codes(collect(decoder, snapshot([a, { ...FULL, hex: '000002', gs: 'fast' }, c])))).toEqual([
      'report',
      'JSON_SHAPE',
      'report',
    ]);
    // The bad entry did not claim its position: fixed, it is reported.
    expect(codes(collect(decoder, snapshot([{ ...FULL, hex: '000002' }])))).toEqual(['report']);
  });
});

describe('ReadsbDecoder: rules and bounds', () => {
  it('maps readsb types to position sources', () => {
    expect(
      [
        'adsb_icao',
        'adsb_icao_nt',
        'adsr_icao',
        'tisb_icao',
        'tisb_trackfile',
        'mlat',
        'adsc',
        'other',
        'mode_s',
        'new_thing',
      ].map(posSourceOfType),
    ).toEqual(['adsb', 'adsb', 'adsr', 'tisb', 'tisb', 'mlat', 'other', 'other', 'other', 'other']);
    expect(posSourceOfFieldLists(['lat'], [])).toBe('mlat');
    expect(posSourceOfFieldLists([], ['lat', 'lon'])).toBe('tisb');
    expect(posSourceOfFieldLists(['altitude'], undefined)).toBeUndefined();
  });

  it('tells epoch seconds from milliseconds by magnitude', () => {
    expect(epochMsOf(1_700_000_000)).toBe(1_700_000_000_000);
    expect(epochMsOf(1_700_000_000_000)).toBe(1_700_000_000_000);
  });

  it('bounds and expires its per-aircraft state', () => {
    const decoder = new ReadsbDecoder({ maxAircraft: 100 });
    const many = Array.from({ length: 500 }, (_, i) => ({ ...FULL, hex: (0x100000 + i).toString(16) }));
    collect(decoder, snapshot(many));
    expect(decoder.trackedAircraft).toBe(100);
    collect(decoder, snapshot([FULL], NOW_S + 3600));
    expect(decoder.trackedAircraft).toBe(1);
  });
});
