/**
 * Recognises an input format from its first bytes, so that `feed`, `decode` and `replay` work without `--format`.
 * Text inputs are judged on their first few lines that are not blank or `#` comments.
 */
export const INPUT_FORMATS = ['beast', 'avr', 'sbs', 'nmea', 'readsb', 'aisstream', 'report'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

const BEAST_ESCAPE = 0x1a;
const LINES_TO_JUDGE = 5;

export function detectFormat(head: Uint8Array): InputFormat | undefined {
  if (head.length >= 2 && head[0] === BEAST_ESCAPE && head[1]! >= 0x31 && head[1]! <= 0x34) return 'beast';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 64 * 1024));
  if (text.includes('\uFFFD') && head.includes(BEAST_ESCAPE)) return 'beast';
  // JSON documents may be pretty-printed over many lines: judge them on the whole head.
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') return jsonFormat(text);
  let judged = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const format = formatOfLine(line);
    if (format) return format;
    if (++judged >= LINES_TO_JUDGE) break;
  }
  return undefined;
}

function formatOfLine(line: string): InputFormat | undefined {
  const first = line[0];
  if (first === '*' || first === '@' || first === ':') return /^[*@:][0-9A-Fa-f]+;?$/.test(line) ? 'avr' : undefined;
  if (first === '!' || first === '\\' || line.startsWith('$PGHP')) return 'nmea';
  if (/^(?:\S+,)?(MSG|SEL|ID|AIR|STA|CLK),/.test(line)) return 'sbs';
  return undefined;
}

function jsonFormat(text: string): InputFormat | undefined {
  if (text.includes('"jamwatch.report/1"')) return 'report';
  if (text.includes('"MessageType"') && text.includes('"MetaData"')) return 'aisstream';
  if (/"(aircraft|ac|trace|hex)"\s*:/.test(text)) return 'readsb';
  return undefined;
}
