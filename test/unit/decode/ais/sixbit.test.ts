import { describe, expect, it } from 'vitest';
import { armouredValue, MAX_PAYLOAD_CHARS, SixBitReader, trimSixBitText } from '../../../../src/decode/ais/sixbit.js';
import { PayloadWriter } from './ais-fixtures.js';

function reader(writer: PayloadWriter): SixBitReader {
  const { payload, fillBits } = writer.armour();
  const r = new SixBitReader();
  expect(r.load(payload, fillBits)).toBe(true);
  return r;
}

describe('armouredValue', () => {
  it('maps the two ranges of the armouring alphabet onto 0–63', () => {
    expect(armouredValue('0'.charCodeAt(0))).toBe(0);
    expect(armouredValue('W'.charCodeAt(0))).toBe(39);
    expect(armouredValue('`'.charCodeAt(0))).toBe(40);
    expect(armouredValue('w'.charCodeAt(0))).toBe(63);
  });

  it('refuses the characters between and around the ranges', () => {
    for (const char of ['/', 'X', '_', 'x', ' ', ',', '*', '!']) expect(armouredValue(char.charCodeAt(0))).toBe(-1);
  });
});

describe('SixBitReader', () => {
  it('counts 6 bits per character less the fill bits', () => {
    const r = new SixBitReader();
    expect(r.load('15RTgt0PAso;90TKcjM8h6g208CQ', 0)).toBe(true);
    expect(r.bitLength).toBe(168);
    expect(r.load('13aIkM@P00PJ@qPNL=e@0?wJ28JO', 5)).toBe(true);
    expect(r.bitLength).toBe(163);
    expect(r.load('', 0)).toBe(true);
    expect(r.bitLength).toBe(0);
  });

  it('refuses characters outside the alphabet, fill bits above 5 and oversized payloads', () => {
    const r = new SixBitReader();
    expect(r.load('15RTgt0PAso;90TKcjM8h6g208C!', 0)).toBe(false);
    expect(r.bitLength).toBe(0);
    expect(r.load('15RT', 6)).toBe(false);
    expect(r.load('1'.repeat(MAX_PAYLOAD_CHARS + 1), 0)).toBe(false);
    expect(r.load('1'.repeat(MAX_PAYLOAD_CHARS), 0)).toBe(true);
  });

  it('reads unsigned fields that straddle character boundaries', () => {
    const r = reader(new PayloadWriter().uint(5, 3).uint(0x3ffffff, 26).uint(123_456_789, 30).uint(1, 1));
    expect(r.uint(0, 3)).toBe(5);
    expect(r.uint(3, 26)).toBe(0x3ffffff);
    expect(r.uint(29, 30)).toBe(123_456_789);
    expect(r.flag(59)).toBe(true);
  });

  it('reads the MMSI and message type of a real sentence (gpsd sample: type 1, MMSI 371798000)', () => {
    const r = new SixBitReader();
    r.load('15RTgt0PAso;90TKcjM8h6g208CQ', 0);
    expect(r.uint(0, 6)).toBe(1);
    expect(r.uint(8, 30)).toBe(371_798_000);
  });

  it('reads two-complement fields: rate of turn as gpsd prints it (-127, -128, 127)', () => {
    const r = new SixBitReader();
    const turns: [string, number][] = [
      ['15RTgt0PAso;90TKcjM8h6g208CQ', -127],
      ['16SteH0P00Jt63hHaa6SagvJ087r', -128],
      ['25Cjtd0Oj;Jp7ilG7=UkKBoB0<06', 127],
      ['38Id705000rRVJhE7cl9n;160000', 0],
    ];
    for (const [payload, turn] of turns) {
      r.load(payload, 0);
      expect(r.int(42, 8)).toBe(turn);
    }
  });

  it('reads type 27 18/17-bit coordinates with their signs', () => {
    const r = reader(new PayloadWriter().int(-92_521, 18).int(52_239, 17).int(-1, 18).int(-65_536, 17));
    expect(r.int(0, 18)).toBe(-92_521);
    expect(r.int(18, 17)).toBe(52_239);
    expect(r.int(35, 18)).toBe(-1);
    expect(r.int(53, 17)).toBe(-65_536);
  });

  it('reads six-bit text, ending it at the first @ and before trailing spaces', () => {
    const r = reader(new PayloadWriter().text('R/V GULF CHALLENGER ', 20).text('AB@CD', 5).text("A_B'C", 5));
    expect(r.text(0, 20)).toBe('R/V GULF CHALLENGER');
    expect(r.rawText(0, 20)).toBe('R/V GULF CHALLENGER ');
    expect(r.text(120, 5)).toBe('AB');
    expect(r.text(150, 5)).toBe("A_B'C");
  });

  it('cuts text at the end of the payload', () => {
    const r = reader(new PayloadWriter().text('ABC', 3));
    expect(r.text(0, 20)).toBe('ABC');
    expect(r.text(12, 20)).toBe('C');
    expect(r.text(18, 20)).toBe('');
  });
});

describe('trimSixBitText', () => {
  it('keeps text without padding and leading spaces', () => {
    expect(trimSixBitText('MANI')).toBe('MANI');
    expect(trimSixBitText(' MANI  ')).toBe(' MANI');
    expect(trimSixBitText('@@@@@@@')).toBe('');
    expect(trimSixBitText('@@J130B')).toBe('');
  });
});
