import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AisDecoder } from '../../src/decode/ais/decoder.js';
import type { Outcome } from '../../src/decode/outcome.js';
import { mmsiId, type Report } from '../../src/schema/report.js';
import { corpusPath } from '../corpus.js';

// Golden test against gpsd's own regression output for its AIS logs (../shared/data/ais/gpsd, BSD-2). Each .log.chk
// interleaves the input sentences with the JSON gpsd decoded from them (unscaled: raw field values), right after
// the sentence that completed each message; sample.aivdm.chk holds gpsd's pipe-separated dump instead. Every field
// that a jamwatch report carries is compared for every message of a supported type: MMSI, position (in gpsd's raw
// units, so exactly), speed, course, heading, accuracy, RAIM, type 27's GNSS status, EPFD, name and call sign.

const POSITION_TYPES = new Set([1, 2, 3, 18, 19, 21, 27]);
const STATIC_TYPES = new Set([5, 24]);
const BASE_TIME_MS = Date.UTC(2024, 0, 1);

/** gpsd's unscaled AIS record, the fields we compare (names as gpsd prints them). */
interface GpsdAis {
  type: number;
  mmsi: number;
  lat?: number;
  lon?: number;
  speed?: number;
  course?: number;
  heading?: number;
  accuracy?: boolean;
  raim?: boolean;
  gnss?: boolean;
  epfd?: number;
  shipname?: string;
  name?: string;
  callsign?: string;
}

/** Per-field agreement: how many values were compared and which differed. */
class Agreement {
  readonly fields = new Map<string, { compared: number; equal: number; mismatches: string[] }>();
  messages = 0;

  check(field: string, expected: unknown, actual: unknown, where: string): void {
    let tally = this.fields.get(field);
    if (!tally) {
      tally = { compared: 0, equal: 0, mismatches: [] };
      this.fields.set(field, tally);
    }
    tally.compared++;
    if (Object.is(expected, actual)) tally.equal++;
    else if (tally.mismatches.length < 5)
      tally.mismatches.push(`${where}: gpsd ${String(expected)}, ours ${String(actual)}`);
  }

  rates(): Record<string, string> {
    const rates: Record<string, string> = {};
    for (const [field, tally] of this.fields) rates[field] = `${tally.equal}/${tally.compared}`;
    return rates;
  }

  mismatches(): string[] {
    return [...this.fields.values()].flatMap((tally) => tally.mismatches);
  }
}

/** gpsd's raw units per degree: 1/10 000 minute, type 27 1/10 minute. */
function unitsPerDegree(type: number): number {
  return type === 27 ? 600 : 600_000;
}

/** gpsd prints "" for six-bit text that was all padding; the report leaves such text out. */
function text(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

function comparePosition(agreement: Agreement, gpsd: GpsdAis, outcome: Outcome, where: string): void {
  agreement.messages++;
  const report: Report | undefined = outcome.ok && outcome.kind === 'report' ? outcome.report : undefined;
  agreement.check('decoded', true, report !== undefined, `${where} (${JSON.stringify(outcome)})`);
  if (!report) return;
  const units = unitsPerDegree(gpsd.type);
  agreement.check('mmsi', mmsiId(gpsd.mmsi), report.id, where);
  agreement.check('aisType', gpsd.type, report.aisType, where);
  if (gpsd.lat === 91 * units || gpsd.lon === 181 * units) {
    agreement.check('posAvailable', false, report.posAvailable, where);
    agreement.check('lat', undefined, report.lat, where);
  } else {
    agreement.check('lat', gpsd.lat, report.lat === undefined ? undefined : Math.round(report.lat * units), where);
    agreement.check('lon', gpsd.lon, report.lon === undefined ? undefined : Math.round(report.lon * units), where);
  }
  if (gpsd.type === 27) {
    agreement.check('speed', gpsd.speed === 63 ? undefined : gpsd.speed, report.gs, where);
    agreement.check('course', gpsd.course! < 360 ? gpsd.course : undefined, report.track, where);
    agreement.check('gnssStatus', gpsd.gnss ? 'not-current' : 'current', report.gnssStatus, where);
  } else if (gpsd.type !== 21) {
    const gs = report.gs === undefined ? undefined : Math.round(report.gs * 10);
    agreement.check('speed', gpsd.speed === 1023 ? undefined : gpsd.speed, gs, where);
    const track = report.track === undefined ? undefined : Math.round(report.track * 10);
    agreement.check('course', gpsd.course! < 3600 ? gpsd.course : undefined, track, where);
    agreement.check('heading', gpsd.heading! < 360 ? gpsd.heading : undefined, report.heading, where);
  }
  agreement.check('accuracy', gpsd.accuracy, report.aisAccuracy, where);
  agreement.check('raim', gpsd.raim, report.raim, where);
  if (gpsd.type === 19 || gpsd.type === 21) {
    agreement.check('epfd', gpsd.epfd, report.epfd, where);
    agreement.check('name', text(gpsd.type === 19 ? gpsd.shipname : gpsd.name), report.name, where);
  }
}

function compareStatic(agreement: Agreement, gpsd: GpsdAis, outcome: Outcome, decoder: AisDecoder, where: string) {
  agreement.messages++;
  agreement.check('decoded', true, outcome.ok && outcome.kind === 'state', `${where} (${JSON.stringify(outcome)})`);
  const vessel = decoder.vessel(gpsd.mmsi);
  agreement.check('name', text(gpsd.shipname), vessel?.name, where);
  agreement.check('callsign', text(gpsd.callsign), vessel?.callsign, where);
  if (gpsd.type === 5) agreement.check('epfd', gpsd.epfd, vessel?.epfd, where);
}

/** Feed a .log.chk file: every non-JSON line is input, every AIS JSON line is checked against the line before it. */
function checkJsonLog(file: string): Agreement {
  const agreement = new Agreement();
  const decoder = new AisDecoder();
  let outcome: Outcome | undefined;
  let sentence = '';
  let ourReports = 0;
  let gpsdPositions = 0;
  const lines = readFileSync(corpusPath('ais', 'gpsd', file), 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (line === '') return;
    if (!line.startsWith('{')) {
      sentence = line;
      outcome = decoder.decodeLine(line, BASE_TIME_MS + index * 100);
      if (outcome.ok && outcome.kind === 'report') ourReports++;
      return;
    }
    const record = JSON.parse(line) as GpsdAis & { class: string };
    // Only records right after a VDM sentence: gpsd also decodes own-ship VDO sentences (not reports of other
    // craft), and repeats the last AIS record after the receiver's own GPS sentences ($GPRMC, …).
    if (record.class !== 'AIS' || !/^!..VDM/.test(sentence)) return;
    const where = `${file}:${index + 1} type ${record.type} ${record.mmsi}`;
    if (POSITION_TYPES.has(record.type)) {
      gpsdPositions++;
      comparePosition(agreement, record, outcome!, where);
    } else if (STATIC_TYPES.has(record.type)) compareStatic(agreement, record, outcome!, decoder, where);
  });
  // No report of ours lacks a gpsd record: the decoder finds exactly the positions gpsd finds.
  agreement.check('report count', gpsdPositions, ourReports, file);
  return agreement;
}

/** gpsd's pipe dump (gpsdecode -u -c): field positions per type, as gpsdecode's aivdm_csv_dump writes them. */
function pipeRecord(line: string): GpsdAis | undefined {
  const f = line.split('|');
  const type = Number(f[0]);
  const n = (i: number) => Number(f[i]);
  const b = (i: number) => f[i] === '1';
  const base = { type, mmsi: n(2) };
  switch (type) {
    case 1:
    case 2:
    case 3:
      return { ...base, speed: n(5), accuracy: b(6), lon: n(7), lat: n(8), course: n(9), heading: n(10), raim: b(13) };
    case 18:
      return { ...base, speed: n(4), accuracy: b(5), lon: n(6), lat: n(7), course: n(8), heading: n(9), raim: b(17) };
    case 19:
      return {
        ...base,
        speed: n(4),
        accuracy: b(5),
        lon: n(6),
        lat: n(7),
        course: n(8),
        heading: n(9),
        shipname: f[12],
        epfd: n(18),
        raim: b(19),
      };
    case 21:
      return { ...base, name: f[4], accuracy: b(5), lon: n(6), lat: n(7), epfd: n(12), raim: b(16) };
    case 27:
      return { ...base, accuracy: b(4), lon: n(5), lat: n(6), speed: n(7), course: n(8), raim: b(9), gnss: b(10) };
    case 5:
      return { ...base, callsign: f[5], shipname: f[6], epfd: n(12) };
    case 24:
      return { ...base, shipname: f[3], callsign: f[8] };
    default:
      return undefined;
  }
}

/**
 * sample.aivdm: the dump has no sentence echo, so gpsd's records are matched in order with ours by (type, MMSI);
 * static data is compared with what the decoder holds at the end of the file.
 */
function checkPipeDump(): Agreement {
  const agreement = new Agreement();
  const decoder = new AisDecoder();
  const reports: Report[] = [];
  const lines = readFileSync(corpusPath('ais', 'gpsd', 'sample.aivdm'), 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (line === '' || line.startsWith('#')) return;
    const outcome = decoder.decodeLine(line, BASE_TIME_MS + index * 100);
    if (outcome.ok && outcome.kind === 'report') reports.push(outcome.report);
  });
  let next = 0;
  let gpsdPositions = 0;
  readFileSync(corpusPath('ais', 'gpsd', 'sample.aivdm.chk'), 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const record = pipeRecord(line);
      if (!record) return;
      const where = `sample.aivdm.chk:${index + 1} type ${record.type} ${record.mmsi}`;
      if (STATIC_TYPES.has(record.type)) {
        compareStatic(agreement, record, { ok: true, kind: 'state' }, decoder, where);
        return;
      }
      const at = reports.findIndex((r, i) => i >= next && r.aisType === record.type && r.id === mmsiId(record.mmsi));
      const report = at < 0 ? undefined : reports[at]!;
      if (at >= 0) next = at + 1;
      comparePosition(
        agreement,
        record,
        report ? { ok: true, kind: 'report', report } : { ok: true, kind: 'state' },
        where,
      );
      gpsdPositions++;
    });
  agreement.check('report count', gpsdPositions, reports.length, 'sample.aivdm');
  return agreement;
}

describe('AIS decoder against gpsd (golden)', () => {
  const corpora: [string, () => Agreement][] = [
    ['ais-18-27.log', () => checkJsonLog('ais-18-27.log.chk')],
    ['ais-nmea.log', () => checkJsonLog('ais-nmea.log.chk')],
    ['ais-nmea-type6-fid55.log', () => checkJsonLog('ais-nmea-type6-fid55.log.chk')],
    ['ais-raw-messages.log', () => checkJsonLog('ais-raw-messages.log.chk')],
    ['sample.aivdm', checkPipeDump],
  ];
  for (const [name, run] of corpora) {
    it(`agrees with gpsd on every compared field of ${name}`, () => {
      const agreement = run();
      console.log(`gpsd ${name}: ${agreement.messages} messages`, agreement.rates());
      expect(agreement.messages).toBeGreaterThan(0);
      expect(agreement.mismatches()).toEqual([]);
    });
  }
});
