import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 as random } from '../../src/core/event/prng.js';
import { AisJsonDecoder } from '../../src/decode/ais-json.js';
import type { Outcome } from '../../src/decode/outcome.js';
import { ReadsbDecoder } from '../../src/decode/readsb-json.js';
import { reportSchema } from '../../src/schema/report.js';
import { corpusPath } from '../corpus.js';

const NOW = 1_700_000_000.5;
const ENTRY = {
  hex: '4ca1e3',
  type: 'adsb_icao',
  flight: 'RYR12AB ',
  alt_baro: 37000,
  alt_geom: 37650,
  gs: 452.3,
  track: 92.45,
  true_heading: 91.2,
  lat: 54.123456,
  lon: 21.654321,
  nic: 8,
  rc: 186,
  seen_pos: 0.4,
  version: 2,
  nic_baro: 1,
  nac_p: 9,
  sil: 3,
  sil_type: 'perhour',
  gva: 2,
  seen: 0.1,
  lastPosition: { lat: 54.1, lon: 21.6, nic: 8, rc: 186, seen_pos: 75 },
  gpsOkBefore: 1_699_999_900.4,
  gpsOkLat: 54.0,
  gpsOkLon: 21.5,
};
const TRACE = JSON.parse(readFileSync(corpusPath('adsb', 'traffic', 'trace_full_ac671b.json'), 'utf8')) as {
  trace: unknown[];
};

const READSB_BASES: unknown[] = [
  {
    now: NOW,
    messages: 5,
    aircraft: [ENTRY, { ...ENTRY, hex: '4ca1e4', lat: undefined, lon: undefined }, { hex: '~abc123' }],
  },
  { ac: [ENTRY], msg: 'No error', now: NOW * 1000, total: 1, ctime: NOW * 1000, ptime: 2 },
  { now: NOW, ...ENTRY },
  { ...TRACE, trace: TRACE.trace.slice(0, 12) },
];

const AIS_BASES: unknown[] = [
  {
    MessageType: 'PositionReport',
    MetaData: {
      MMSI: 244730610,
      ShipName: 'X',
      latitude: 53,
      longitude: 5,
      time_utc: '2026-04-25 09:47:25.26 +0000 UTC',
    },
    Message: {
      PositionReport: {
        Cog: 142.9,
        Latitude: 53.09,
        Longitude: 5.85,
        MessageID: 1,
        PositionAccuracy: true,
        Raim: false,
        Sog: 4.5,
        TrueHeading: 140,
        UserID: 244730610,
        Valid: true,
      },
    },
  },
  {
    MessageType: 'LongRangeAisBroadcastMessage',
    MetaData: { MMSI: 636019825, time_utc: '2026-04-25 09:47:25 +0000 UTC' },
    Message: {
      LongRangeAisBroadcastMessage: {
        MessageID: 27,
        UserID: 636019825,
        Valid: true,
        PositionAccuracy: false,
        Raim: false,
        Latitude: 35.9,
        Longitude: -5.3,
        Sog: 12,
        Cog: 85,
        PositionLatency: false,
      },
    },
  },
  {
    MessageType: 'StaticDataReport',
    MetaData: { MMSI: 219034965, time_utc: '2026-04-25 09:47:25 +0000 UTC' },
    Message: {
      StaticDataReport: {
        MessageID: 24,
        PartNumber: true,
        ReportA: { Valid: false },
        ReportB: { Valid: true, CallSign: 'XPI6030', FixType: 15 },
        UserID: 219034965,
        Valid: true,
      },
    },
  },
];

const ODD_VALUES: unknown[] = [null, -1, 0, 1e12, 91, 181, 'x', '', 'ground', true, [], {}, [1, 'a'], -1e308, 12.5];
const ALPHABET = '{}[]":,.-0123456789etruf nl\\\u0000é';

/** Replace one value somewhere inside a JSON value (structural corruption: valid JSON, wrong shape). */
function mutateValue(value: unknown, rand: () => number): unknown {
  const odd = () => ODD_VALUES[Math.floor(rand() * ODD_VALUES.length)];
  if (Array.isArray(value)) {
    if (value.length === 0 || rand() < 0.15) return odd();
    const copy = value.slice();
    const i = Math.floor(rand() * copy.length);
    copy[i] = mutateValue(copy[i], rand);
    return copy;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (keys.length === 0 || rand() < 0.15) return odd();
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const key = keys[Math.floor(rand() * keys.length)]!;
    if (rand() < 0.2) delete copy[key];
    else copy[key] = mutateValue(copy[key], rand);
    return copy;
  }
  return odd();
}

/** Damage the text (syntax corruption). */
function mutateText(text: string, rand: () => number): string {
  const pick = (n: number) => Math.floor(rand() * n);
  const i = pick(text.length);
  switch (pick(3)) {
    case 0:
      return text.slice(0, i) + ALPHABET[pick(ALPHABET.length)] + text.slice(i + 1);
    case 1:
      return text.slice(0, i);
    default:
      return text.slice(0, i) + text.slice(i + 1 + pick(12));
  }
}

function corruptLine(bases: unknown[], rand: () => number): string {
  const base = bases[Math.floor(rand() * bases.length)];
  const roll = rand();
  if (roll < 0.45) return JSON.stringify(mutateValue(base, rand));
  if (roll < 0.9) return mutateText(JSON.stringify(base), rand);
  return JSON.stringify(mutateValue(mutateValue(base, rand), rand));
}

function tally(counts: Map<string, number>, outcome: Outcome): void {
  const key = outcome.ok ? outcome.kind : outcome.code;
  counts.set(key, (counts.get(key) ?? 0) + 1);
  if (outcome.ok && outcome.kind === 'report') reportSchema.parse(outcome.report);
}

/** Lines that may rightly give no outcome: a valid document listing no aircraft. */
function listsNothing(line: string): boolean {
  try {
    const value = JSON.parse(line) as Record<string, unknown> | null;
    if (typeof value !== 'object' || value === null) return false;
    if ('ac' in value && value.ac === null) return true;
    const list = value.aircraft ?? value.ac ?? value.trace;
    return Array.isArray(list) && list.length === 0;
  } catch {
    return false;
  }
}

describe('JSON fuzz', () => {
  it('readsb: 12,000 corrupted documents without a throw, each counted, every report valid', () => {
    const rand = random(1_700_000_000);
    const decoder = new ReadsbDecoder();
    const counts = new Map<string, number>();
    const total = 12_000;
    let silent = 0;
    for (let i = 0; i < total; i++) {
      const line = corruptLine(READSB_BASES, rand);
      let outcomes = 0;
      decoder.decodeDocument(line, NOW * 1000, (o) => {
        outcomes++;
        tally(counts, o);
      });
      if (outcomes === 0) {
        expect(listsNothing(line), line).toBe(true);
        silent++;
      }
    }
    const t = Object.fromEntries(counts);
    expect(t.JSON_SYNTAX).toBeGreaterThan(1000);
    expect(t.JSON_SHAPE).toBeGreaterThan(500);
    expect(t.VALUE_RANGE).toBeGreaterThan(50);
    expect(t.report).toBeGreaterThan(100);
    expect(silent).toBeLessThan(total / 10);
  });

  it('aisstream: 12,000 corrupted messages without a throw, one outcome each, every report valid', () => {
    const rand = random(20_260_425);
    const decoder = new AisJsonDecoder();
    const counts = new Map<string, number>();
    const total = 12_000;
    for (let i = 0; i < total; i++) tally(counts, decoder.decodeMessage(corruptLine(AIS_BASES, rand), 0));
    const t = Object.fromEntries(counts);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(total);
    expect(t.JSON_SYNTAX).toBeGreaterThan(1000);
    expect(t.JSON_SHAPE).toBeGreaterThan(500);
    expect(t.report).toBeGreaterThan(100);
  });
});
