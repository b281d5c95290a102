import { describe, expect, it } from 'vitest';
import { AisDecoder, multipartKey } from '../../../../src/decode/ais/decoder.js';
import { parseNmeaLine, type VdmSentence } from '../../../../src/decode/nmea.js';
import type { Outcome } from '../../../../src/decode/outcome.js';
import type { DecodeFailure } from '../../../../src/errors.js';
import { reportSchema } from '../../../../src/schema/report.js';
import {
  aidToNavigation,
  checksum,
  classAPosition,
  classBPosition,
  extendedClassB,
  line,
  longRange,
  multipartLines,
  otherMessage,
  staticPartA,
  staticPartB,
  staticVoyage,
  tagged,
  tenThousandthMinutes,
  vdm,
} from './ais-fixtures.js';

const T0 = Date.UTC(2024, 0, 1, 12);
const MMSI = 244_123_456;

function report(outcome: Outcome) {
  if (!outcome.ok || outcome.kind !== 'report') throw new Error(`expected a report, got ${JSON.stringify(outcome)}`);
  return reportSchema.parse(outcome.report);
}

function pghp(time: Date, base = '2190064'): string {
  const body = `PGHP,1,${time.getUTCFullYear()},${time.getUTCMonth() + 1},${time.getUTCDate()},${time.getUTCHours()},${time.getUTCMinutes()},${time.getUTCSeconds()},${time.getUTCMilliseconds()},219,,${base},1,00`;
  return `$${body}*${checksum(body)}`;
}

describe('AisDecoder: reports', () => {
  it('reports a Class A position with every field the report carries', () => {
    const decoder = new AisDecoder();
    expect(report(decoder.decodeLine(line(classAPosition({ type: 3, raim: true })), T0))).toEqual({
      schema: 'jamwatch.report/1',
      src: 'ais',
      id: 'mmsi:244123456',
      t: T0,
      lat: 52.25,
      lon: 4.5,
      gs: 12.3,
      track: 224.5,
      heading: 224,
      aisAccuracy: true,
      raim: true,
      aisClass: 'A',
      aisType: 3,
    });
  });

  it('reports "position not available" (91/181) as posAvailable false without coordinates', () => {
    const writer = classAPosition({ latRaw: tenThousandthMinutes(91), lonRaw: tenThousandthMinutes(181) });
    const r = report(new AisDecoder().decodeLine(line(writer), T0));
    expect(r.posAvailable).toBe(false);
    expect(r).not.toHaveProperty('lat');
    expect(r).not.toHaveProperty('lon');
  });

  it('pads short MMSIs to nine digits and refuses MMSI 0 and ten-digit numbers', () => {
    const decoder = new AisDecoder();
    expect(report(decoder.decodeLine(line(classAPosition({ mmsi: 2_190_048 })), T0)).id).toBe('mmsi:002190048');
    for (const mmsi of [0, 1_000_000_000]) {
      expect(decoder.decodeLine(line(classAPosition({ mmsi })), T0)).toMatchObject({ code: 'VALUE_RANGE' });
    }
  });

  it('reports Class B, extended Class B, AtoN and long-range positions with their class', () => {
    const decoder = new AisDecoder();
    expect(report(decoder.decodeLine(line(classBPosition()), T0))).toMatchObject({ aisClass: 'B', aisType: 18 });
    const extended = new AisDecoder().decodeLine(line(extendedClassB({ epfd: 3 })), T0);
    expect(report(extended)).toMatchObject({ aisClass: 'B', aisType: 19, epfd: 3, name: 'CAPT.J.RIMES' });
    const aton = report(decoder.decodeLine(line(aidToNavigation()), T0));
    expect(aton).toMatchObject({ aisClass: 'AtoN', aisType: 21, epfd: 7, name: 'NORTH CARDINAL' });
    expect(aton).not.toHaveProperty('gs');
    const lr = report(decoder.decodeLine(line(longRange({ notGnss: true })), T0));
    expect(lr).toMatchObject({ aisClass: 'LR', aisType: 27, gnssStatus: 'not-current', gs: 12, track: 275 });
  });

  it('refuses corrupt positions as VALUE_RANGE', () => {
    const writer = classAPosition({ latRaw: tenThousandthMinutes(-100) });
    expect(new AisDecoder().decodeLine(line(writer), T0)).toMatchObject({ ok: false, code: 'VALUE_RANGE' });
  });
});

describe('AisDecoder: static data', () => {
  it('keeps name, call sign and EPFD from message 5 and puts them on later reports', () => {
    const decoder = new AisDecoder();
    const parts = multipartLines(staticVoyage({ callsign: 'PDAB', name: 'SEA ENTERPRISE', epfd: 3 }), 60);
    expect(parts).toHaveLength(2);
    expect(decoder.decodeLine(parts[0]!, T0)).toEqual({ ok: true, kind: 'state' });
    expect(decoder.decodeLine(parts[1]!, T0)).toEqual({ ok: true, kind: 'state' });
    expect(decoder.vessel(MMSI)).toEqual({ name: 'SEA ENTERPRISE', callsign: 'PDAB', epfd: 3 });
    expect(report(decoder.decodeLine(line(classAPosition()), T0 + 1000))).toMatchObject({
      name: 'SEA ENTERPRISE',
      callsign: 'PDAB',
      epfd: 3,
    });
  });

  it('joins message 24 parts A and B for a Class B vessel', () => {
    const decoder = new AisDecoder();
    const mmsi = 235_000_001;
    expect(decoder.decodeLine(line(staticPartA(mmsi, 'MANI')), T0)).toEqual({ ok: true, kind: 'state' });
    expect(decoder.decodeLine(line(staticPartB(mmsi, 'SD8002', 1)), T0)).toEqual({ ok: true, kind: 'state' });
    expect(report(decoder.decodeLine(line(classBPosition({ mmsi })), T0))).toMatchObject({
      name: 'MANI',
      callsign: 'SD8002',
      epfd: 1,
    });
  });

  it('keeps what is known when a later message leaves a field "not available"', () => {
    const decoder = new AisDecoder();
    decoder.decodeLine(line(staticPartB(MMSI, 'PDAB', 1)), T0);
    decoder.decodeLine(line(staticPartB(MMSI, '', undefined)), T0);
    expect(decoder.vessel(MMSI)).toEqual({ name: undefined, callsign: 'PDAB', epfd: 1 });
  });

  it('forgets a vessel not heard for vesselIdleMs, and keeps one that is heard', () => {
    const decoder = new AisDecoder({ vesselIdleMs: 600_000 });
    decoder.decodeLine(line(staticPartA(MMSI, 'HEARD')), T0);
    decoder.decodeLine(line(staticPartA(111_111_111, 'SILENT')), T0);
    for (let minute = 1; minute <= 20; minute++) decoder.decodeLine(line(classAPosition()), T0 + minute * 60_000);
    expect(decoder.vessel(MMSI)?.name).toBe('HEARD');
    expect(decoder.vessel(111_111_111)).toBeUndefined();
    expect(decoder.trackedVessels).toBe(1);
  });

  it('holds at most maxVessels vessels', () => {
    const decoder = new AisDecoder({ maxVessels: 2 });
    for (const mmsi of [100_000_001, 100_000_002, 100_000_003]) decoder.decodeLine(line(staticPartA(mmsi, 'X')), T0);
    expect(decoder.trackedVessels).toBe(2);
    expect(decoder.vessel(100_000_001)).toBeUndefined();
  });
});

describe('AisDecoder: what is not a report', () => {
  it('ignores own-ship VDO sentences and other NMEA sentences', () => {
    const decoder = new AisDecoder();
    expect(decoder.decodeLine(line(classAPosition(), { formatter: 'VDO' }), T0)).toEqual({
      ok: true,
      kind: 'ignored',
      reason: 'own-ship',
    });
    const gga = '$GPGGA,184353.07,1929.045,S,02410.506,E,1,04,2.6,100.00,M,-33.9,M,,0000*6D';
    expect(decoder.decodeLine(gga, T0)).toMatchObject({ kind: 'ignored', reason: 'own-ship' });
  });

  it('ignores base stations, binary, safety and SAR messages; refuses types that do not exist', () => {
    const decoder = new AisDecoder();
    for (const type of [4, 6, 8, 9, 11, 12, 14, 15, 17, 20, 22, 23, 25, 26]) {
      expect(decoder.decodeLine(line(otherMessage(type)), T0)).toMatchObject({ reason: 'ais-no-craft-position' });
    }
    for (const type of [0, 28, 63]) {
      expect(decoder.decodeLine(line(otherMessage(type)), T0)).toMatchObject({ ok: false, code: 'AIS_PAYLOAD' });
    }
  });

  it('counts bad input by code: checksum, syntax, armouring, empty and short payloads', () => {
    const decoder = new AisDecoder();
    const good = line(classAPosition());
    expect(decoder.decodeLine(good.replace(/\*..$/, '*00'), T0)).toMatchObject({ code: 'NMEA_CHECKSUM' });
    expect(decoder.decodeLine('garbage', T0)).toMatchObject({ code: 'NMEA_SYNTAX' });
    const body = 'AIVDM,1,1,,A,15RTgt0PAso;90TKc!M8h6g208CQ,0';
    expect(decoder.decodeLine(`!${body}*${checksum(body)}`, T0)).toMatchObject({ code: 'AIS_PAYLOAD' });
    expect(decoder.decodeLine('!AIVDM,1,1,,B,,0*25', T0)).toMatchObject({ code: 'AIS_PAYLOAD' });
    const { payload } = classAPosition().armour();
    expect(decoder.decodeLine(vdm(payload.slice(0, 10), 0), T0)).toMatchObject({ code: 'AIS_PAYLOAD' });
    expect(decoder.decodeLine(vdm(payload.slice(0, 6), 0), T0)).toMatchObject({ code: 'AIS_PAYLOAD' });
  });

  it('refuses a fallback time before 1970 when the line has no time of its own', () => {
    expect(new AisDecoder().decodeLine(line(classAPosition()), -5)).toMatchObject({ code: 'VALUE_RANGE' });
  });
});

describe('AisDecoder: event time and receiver', () => {
  const sentence = line(classAPosition());

  it('uses the fallback time for a bare sentence, rounded to whole ms', () => {
    expect(report(new AisDecoder().decodeLine(sentence, T0 + 0.4)).t).toBe(T0);
  });

  it('takes tag block c: and s: first', () => {
    const r = report(new AisDecoder().decodeLine(tagged('s:rx7,c:1700000000', sentence), T0));
    expect(r).toMatchObject({ t: 1_700_000_000_000, receiver: 'rx7' });
  });

  it('takes the $PGHP line before the sentence, once, with its base station', () => {
    const decoder = new AisDecoder();
    const stamp = new Date(Date.UTC(2010, 5, 11, 11, 46, 12, 470));
    expect(decoder.decodeLine(pghp(stamp), T0)).toEqual({ ok: true, kind: 'state' });
    expect(report(decoder.decodeLine(sentence, T0))).toMatchObject({ t: stamp.getTime(), receiver: '2190064' });
    expect(report(decoder.decodeLine(sentence, T0))).toMatchObject({ t: T0 });
  });

  it('prefers c: over $PGHP, and $PGHP over a trailing Unix time', () => {
    const decoder = new AisDecoder();
    const stamp = new Date(Date.UTC(2010, 5, 11, 11, 46, 25, 336));
    decoder.decodeLine(pghp(stamp), T0);
    expect(report(decoder.decodeLine(tagged('c:1700000000', sentence), T0)).t).toBe(1_700_000_000_000);
    decoder.decodeLine(pghp(stamp), T0);
    expect(report(decoder.decodeLine(`${sentence},1276256770`, T0)).t).toBe(stamp.getTime());
    expect(report(decoder.decodeLine(`${sentence},1276256770`, T0)).t).toBe(1_276_256_770_000);
  });

  it('drops a $PGHP stamp when the line after it is broken', () => {
    const decoder = new AisDecoder();
    decoder.decodeLine(pghp(new Date(Date.UTC(2010, 5, 11))), T0);
    decoder.decodeLine('!AIVDM,broken', T0);
    expect(report(decoder.decodeLine(sentence, T0)).t).toBe(T0);
  });

  it('gives a multi-part message the time and receiver of its first part', () => {
    const decoder = new AisDecoder();
    const [first, second] = multipartLines(extendedClassB(), 30);
    expect(decoder.decodeLine(tagged('s:rx1,c:1700000000', first!), T0)).toEqual({ ok: true, kind: 'state' });
    expect(report(decoder.decodeLine(tagged('s:rx1,c:1700000001', second!), T0))).toMatchObject({
      t: 1_700_000_000_000,
      receiver: 'rx1',
      aisType: 19,
    });
  });
});

describe('AisDecoder: multi-part messages', () => {
  it('keeps parts of several receivers and channels apart', () => {
    const decoder = new AisDecoder();
    const a = multipartLines(extendedClassB({ mmsi: 235_000_010 }), 30, { channel: 'A' });
    const b = multipartLines(extendedClassB({ mmsi: 235_000_020 }), 30, { channel: 'B' });
    const c = multipartLines(extendedClassB({ mmsi: 235_000_030 }), 30, { channel: 'A' });
    const lines = [
      tagged('s:rx1', a[0]!),
      tagged('s:rx1', b[0]!),
      tagged('s:rx2', c[0]!),
      tagged('s:rx2', c[1]!),
      tagged('s:rx1', b[1]!),
      tagged('s:rx1', a[1]!),
    ];
    const ids = lines
      .map((l) => decoder.decodeLine(l, T0))
      .flatMap((o) => (o.ok && o.kind === 'report' ? [o.report.id] : []));
    expect(ids).toEqual(['mmsi:235000030', 'mmsi:235000020', 'mmsi:235000010']);
  });

  it('joins g: groups whose later lines do not name their source', () => {
    const decoder = new AisDecoder();
    const [first, second] = multipartLines(staticVoyage(), 60, { talker: 'SA' });
    decoder.decodeLine(tagged('g:1-2-27300,s:b003669710,c:1428621738', first!), T0);
    expect(decoder.decodeLine(tagged('g:2-2-27300', second!), T0)).toEqual({ ok: true, kind: 'state' });
    expect(decoder.vessel(MMSI)?.name).toBe('SEA ENTERPRISE');
  });

  it('answers a stray later part with AIS_MULTIPART and reports unfinished groups through onIncomplete', () => {
    const incomplete: DecodeFailure[] = [];
    const decoder = new AisDecoder({ onIncomplete: (f) => incomplete.push(f) });
    const [first, second] = multipartLines(staticVoyage(), 60);
    expect(decoder.decodeLine(second!, T0)).toMatchObject({ ok: false, code: 'AIS_MULTIPART' });
    decoder.decodeLine(first!, T0);
    expect(decoder.pendingGroups).toBe(1);
    decoder.flush();
    expect(decoder.pendingGroups).toBe(0);
    expect(incomplete).toHaveLength(1);
    expect(incomplete[0]).toMatchObject({ code: 'AIS_MULTIPART' });
  });

  it('ignores own-ship parts without holding them', () => {
    const decoder = new AisDecoder();
    const [first] = multipartLines(staticVoyage(), 60, { formatter: 'VDO' });
    expect(decoder.decodeLine(first!, T0)).toMatchObject({ reason: 'own-ship' });
    expect(decoder.pendingGroups).toBe(0);
  });
});

describe('multipartKey', () => {
  const sentence = (text: string) => parseNmeaLine(text) as VdmSentence;
  const [first] = multipartLines(staticVoyage(), 60, { sequenceId: '3', channel: 'B' });

  it('keys on source or talker, channel, sequential id and count', () => {
    expect(multipartKey(sentence(first!))).toBe('s:|AI|B|3|2');
    expect(multipartKey(sentence(tagged('s:rx9', first!)))).toBe('s:rx9|AI|B|3|2');
  });

  it('keys on the g: group id when there is one', () => {
    expect(multipartKey(sentence(tagged('g:1-2-77,s:rx9', first!)))).toBe('g:77|AI|B|3|2');
  });
});
