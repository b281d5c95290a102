import { describe, expect, it } from 'vitest';
import { parseAvrLine } from '../../../src/decode/avr.js';

const HEX = '8D4840D6202CC371C32CE0576098';

function bytes(hex: string): number[] {
  return [...Buffer.from(hex, 'hex')];
}

describe('parseAvrLine', () => {
  it('parses a frame without time', () => {
    const frame = parseAvrLine(`*${HEX};`);
    if (!frame.ok) throw new Error(frame.detail);
    expect([...frame.data]).toEqual(bytes(HEX));
    expect(frame.counter).toBeUndefined();
  });

  it('parses a frame with a 12 MHz counter', () => {
    const frame = parseAvrLine(`@00029065E1A6${HEX};`);
    expect(frame).toMatchObject({ ok: true, counter: 0x00029065e1a6 });
    expect(parseAvrLine(`@FFFFFFFFFFFF${HEX};`)).toMatchObject({ counter: 2 ** 48 - 1 });
  });

  it('tolerates lower case, the colon prefix, CR and surrounding spaces', () => {
    for (const line of [`*${HEX.toLowerCase()};`, `:${HEX};`, `*${HEX};\r`, `  *${HEX}; \r\n`]) {
      const frame = parseAvrLine(line);
      if (!frame.ok) throw new Error(`${line}: ${frame.detail}`);
      expect([...frame.data]).toEqual(bytes(HEX));
    }
  });

  it('parses short frames and Mode A/C', () => {
    expect(parseAvrLine('*5D4601FB8BC9B1;')).toMatchObject({ ok: true });
    const modeAc = parseAvrLine('*2000;');
    expect(modeAc.ok && modeAc.data.length).toBe(2);
  });

  it('fails lines that break the grammar with AVR_SYNTAX', () => {
    for (const line of [
      '',
      ';',
      `${HEX};`,
      `*${HEX}`,
      `#${HEX};`,
      `*${HEX.slice(1)};`,
      `*${HEX.slice(0, -1)}G;`,
      `@0290;`,
      `@00029065E1AZ${HEX};`,
      '*;',
    ]) {
      expect(parseAvrLine(line)).toMatchObject({ ok: false, code: 'AVR_SYNTAX' });
    }
  });

  it('fails well-formed hex of a length no Mode S frame has with MODES_LENGTH', () => {
    expect(parseAvrLine('*8D4840D6;')).toMatchObject({ ok: false, code: 'MODES_LENGTH' });
    expect(parseAvrLine(`*${HEX}00;`)).toMatchObject({ ok: false, code: 'MODES_LENGTH' });
  });

  it('does not mistake non-ASCII characters for hex digits', () => {
    expect(parseAvrLine(`*${HEX.slice(0, -1)}é;`)).toMatchObject({ ok: false, code: 'AVR_SYNTAX' });
  });
});
