/**
 * readsb's aircraft.json (README-json.md of wiedehopf/readsb), one snapshot per line:
 *   {"now": <unix s>, "messages": <n>, "aircraft": [ {...}, ... ]}
 * Per aircraft, keys are omitted when unknown. Units: alt_baro (feet, or "ground"), alt_geom (feet, WGS84), gs
 * (knots), track (degrees true), baro_rate (ft/min), lat/lon (degrees), rc (metres), seen_pos and seen (seconds
 * before now), rssi (dBFS). `gpsOkBefore` (unix s), `gpsOkLat`, `gpsOkLon` are readsb's "lost GNSS" fields (shown
 * up to 15 min after the loss); `lastPosition` {lat, lon, nic, rc, seen_pos} replaces lat/lon once the position is
 * older than 60 s. Written by hand in readsb's key order: faster than JSON.stringify of an object per entry.
 */
export interface ReadsbEntry {
  hex: string;
  type: 'adsb_icao' | 'mlat';
  flight: string;
  onGround: boolean;
  altBaro: number;
  altGeom: number | undefined;
  gs: number;
  track: number;
  baroRate: number;
  squawk: string;
  category: string;
  /** Position, when younger than 60 s; else written as lastPosition. */
  lat: number;
  lon: number;
  seenPos: number;
  hasPosition: boolean;
  nic: number | undefined;
  rc: number | undefined;
  version: number | undefined;
  nicBaro: number | undefined;
  nacp: number | undefined;
  nacv: number | undefined;
  sil: number | undefined;
  silType: string | undefined;
  gva: number | undefined;
  sda: number | undefined;
  messages: number;
  seen: number;
  rssi: number;
  gpsOkBefore: number | undefined;
  gpsOkLat: number;
  gpsOkLon: number;
}

/** readsb keeps a position in lat/lon for 60 s, then moves it to lastPosition. */
export const READSB_POSITION_VALID_S = 60;

export function newReadsbEntry(): ReadsbEntry {
  return {
    hex: '',
    type: 'adsb_icao',
    flight: '',
    onGround: false,
    altBaro: 0,
    altGeom: undefined,
    gs: 0,
    track: 0,
    baroRate: 0,
    squawk: '',
    category: '',
    lat: 0,
    lon: 0,
    seenPos: 0,
    hasPosition: false,
    nic: undefined,
    rc: undefined,
    version: undefined,
    nicBaro: undefined,
    nacp: undefined,
    nacv: undefined,
    sil: undefined,
    silType: undefined,
    gva: undefined,
    sda: undefined,
    messages: 0,
    seen: 0,
    rssi: 0,
    gpsOkBefore: undefined,
    gpsOkLat: 0,
    gpsOkLon: 0,
  };
}

function r(x: number, scale: number): number {
  return Math.round(x * scale) / scale;
}

function opt(key: string, value: number | string | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? `,"${key}":"${value}"` : `,"${key}":${value}`;
}

export function formatEntry(e: ReadsbEntry): string {
  let s = `{"hex":"${e.hex}","type":"${e.type}","flight":"${e.flight}"`;
  s += e.onGround ? ',"alt_baro":"ground"' : `,"alt_baro":${Math.round(e.altBaro / 25) * 25}`;
  if (e.altGeom !== undefined) s += `,"alt_geom":${Math.round(e.altGeom / 25) * 25}`;
  s += `,"gs":${r(e.gs, 10)},"track":${r(e.track, 100)}`;
  if (!e.onGround) s += `,"baro_rate":${Math.round(e.baroRate / 64) * 64}`;
  s += `,"squawk":"${e.squawk}","category":"${e.category}"`;
  const positionValid = e.hasPosition && e.seenPos <= READSB_POSITION_VALID_S;
  if (positionValid) s += `,"lat":${r(e.lat, 1e6)},"lon":${r(e.lon, 1e6)}`;
  s += opt('nic', e.nic) + opt('rc', e.rc);
  if (positionValid) s += `,"seen_pos":${r(e.seenPos, 10)}`;
  s += opt('version', e.version) + opt('nic_baro', e.nicBaro) + opt('nac_p', e.nacp) + opt('nac_v', e.nacv);
  s += opt('sil', e.sil) + opt('sil_type', e.silType) + opt('gva', e.gva) + opt('sda', e.sda);
  s += e.type === 'mlat' ? ',"mlat":["lat","lon","gs","track","baro_rate"],"tisb":[]' : ',"mlat":[],"tisb":[]';
  s += `,"messages":${e.messages},"seen":${r(e.seen, 10)},"rssi":${r(e.rssi, 10)}`;
  if (e.gpsOkBefore !== undefined) {
    s += `,"gpsOkBefore":${r(e.gpsOkBefore, 10)},"gpsOkLat":${r(e.gpsOkLat, 1e4)},"gpsOkLon":${r(e.gpsOkLon, 1e4)}`;
  }
  if (e.hasPosition && !positionValid) {
    s += `,"lastPosition":{"lat":${r(e.lat, 1e6)},"lon":${r(e.lon, 1e6)}${opt('nic', e.nic)}${opt('rc', e.rc)},"seen_pos":${r(e.seenPos, 10)}}`;
  }
  return `${s}}`;
}

/** One aircraft.json snapshot line. */
export function formatSnapshot(nowMs: number, messages: number, entries: readonly string[]): string {
  return `{"now":${r(nowMs / 1000, 10)},"messages":${messages},"aircraft":[${entries.join(',')}]}`;
}
