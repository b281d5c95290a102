import { describe, expect, it } from 'vitest';
import { formatEntry, formatSnapshot, newReadsbEntry } from '../../../src/sim/readsb-json.js';

function entry() {
  const e = newReadsbEntry();
  Object.assign(e, {
    hex: '4ca123',
    flight: 'SAS1234 ',
    altBaro: 35_010,
    altGeom: 35_420,
    gs: 451.26,
    track: 12.345,
    baroRate: 10,
    squawk: '1000',
    category: 'A3',
    hasPosition: true,
    lat: 54.1234567,
    lon: 19.7654321,
    seenPos: 0.33,
    nic: 8,
    rc: 186,
    version: 2,
    nicBaro: 1,
    nacp: 9,
    nacv: 1,
    sil: 3,
    silType: 'perhour',
    gva: 2,
    sda: 2,
    messages: 1234,
    seen: 0.2,
    rssi: -12.34,
  });
  return e;
}

describe('readsb aircraft.json writer', () => {
  it('writes readsb field names and units', () => {
    const a = JSON.parse(formatEntry(entry()));
    expect(a).toMatchObject({
      hex: '4ca123',
      type: 'adsb_icao',
      flight: 'SAS1234 ',
      alt_baro: 35_000,
      alt_geom: 35_425,
      gs: 451.3,
      track: 12.35,
      baro_rate: 0,
      lat: 54.123457,
      lon: 19.765432,
      nic: 8,
      rc: 186,
      seen_pos: 0.3,
      version: 2,
      nac_p: 9,
      sil_type: 'perhour',
      seen: 0.2,
    });
    expect(a).not.toHaveProperty('gpsOkBefore');
    expect(a).not.toHaveProperty('lastPosition');
  });

  it('writes "ground" and leaves out what a ground aircraft lacks', () => {
    const e = entry();
    e.onGround = true;
    e.altGeom = undefined;
    const a = JSON.parse(formatEntry(e));
    expect(a.alt_baro).toBe('ground');
    expect(a).not.toHaveProperty('alt_geom');
    expect(a).not.toHaveProperty('baro_rate');
  });

  it('moves a position older than 60 s to lastPosition and writes the lost-GNSS fields', () => {
    const e = entry();
    e.seenPos = 75;
    e.gpsOkBefore = 1_768_061_098.94;
    e.gpsOkLat = 54.5;
    e.gpsOkLon = 19.25;
    const a = JSON.parse(formatEntry(e));
    expect(a).not.toHaveProperty('lat');
    expect(a).not.toHaveProperty('seen_pos');
    expect(a.lastPosition).toEqual({ lat: 54.123457, lon: 19.765432, nic: 8, rc: 186, seen_pos: 75 });
    expect(a).toMatchObject({ gpsOkBefore: 1_768_061_098.9, gpsOkLat: 54.5, gpsOkLon: 19.25 });
  });

  it('leaves out integrity for MLAT positions and lists the MLAT fields', () => {
    const e = entry();
    e.type = 'mlat';
    e.nic = undefined;
    e.rc = undefined;
    e.version = undefined;
    e.nacp = undefined;
    const a = JSON.parse(formatEntry(e));
    expect(a.type).toBe('mlat');
    expect(a.mlat).toContain('lat');
    expect(a).not.toHaveProperty('nac_p');
    expect(a).not.toHaveProperty('version');
  });

  it('wraps entries in a snapshot with now in seconds', () => {
    const line = formatSnapshot(1_768_060_800_000, 42, [formatEntry(entry())]);
    const s = JSON.parse(line);
    expect(s.now).toBe(1_768_060_800);
    expect(s.messages).toBe(42);
    expect(s.aircraft).toHaveLength(1);
  });
});
