/**
 * An independent, minimal AIS reader for the simulator's tests (written from ITU-R M.1371 and gpsd's AIVDM notes,
 * not from the simulator's encoder): NMEA framing, de-armouring, and the fields of types 1/3, 18, 5 and 24.
 */
export interface ParsedSentence {
  tag: { station: string; time: number } | undefined;
  count: number;
  number: number;
  sequence: string;
  channel: string;
  payload: string;
  fill: number;
}

function xor(text: string): string {
  let x = 0;
  for (const ch of text) x ^= ch.charCodeAt(0);
  return x.toString(16).toUpperCase().padStart(2, '0');
}

/** Parses one line; throws when a checksum or the shape is wrong. */
export function parseLine(line: string): ParsedSentence {
  let rest = line;
  let tag: ParsedSentence['tag'];
  if (rest.startsWith('\\')) {
    const end = rest.indexOf('\\', 1);
    const block = rest.slice(1, end);
    const [body, sum] = block.split('*');
    if (xor(body!) !== sum) throw new Error(`tag block checksum ${sum} should be ${xor(body!)}: ${line}`);
    const fields = Object.fromEntries(body!.split(',').map((kv) => kv.split(':') as [string, string]));
    tag = { station: fields.s!, time: Number(fields.c) };
    rest = rest.slice(end + 1);
  }
  const m = /^!(AIVDM,\d,\d,\d?,[AB],[0-9:;<=>?@A-W`a-w]*,[0-5])\*([0-9A-F]{2})$/.exec(rest);
  if (!m) throw new Error(`not an AIVDM sentence: ${line}`);
  if (xor(m[1]!) !== m[2]) throw new Error(`sentence checksum ${m[2]} should be ${xor(m[1]!)}: ${line}`);
  const f = m[1]!.split(',');
  return {
    tag,
    count: Number(f[1]),
    number: Number(f[2]),
    sequence: f[3]!,
    channel: f[4]!,
    payload: f[5]!,
    fill: Number(f[6]),
  };
}

/** The payload as a string of '0'/'1', fill bits removed. */
export function payloadBits(payload: string, fill: number): string {
  let bits = '';
  for (const ch of payload) {
    let v = ch.charCodeAt(0) - 48;
    if (v >= 48) v -= 8;
    bits += v.toString(2).padStart(6, '0');
  }
  return bits.slice(0, bits.length - fill);
}

export class Bits {
  private pos = 0;
  constructor(readonly bits: string) {}

  u(width: number): number {
    const v = Number.parseInt(this.bits.slice(this.pos, this.pos + width), 2);
    this.pos += width;
    return v;
  }

  i(width: number): number {
    const v = this.u(width);
    return v >= 2 ** (width - 1) ? v - 2 ** width : v;
  }

  text(chars: number): string {
    let s = '';
    for (let c = 0; c < chars; c++) {
      const v = this.u(6);
      s += String.fromCharCode(v < 32 ? v + 64 : v);
    }
    return s.replace(/@+$/, '').trimEnd();
  }
}

export interface AisPositionFields {
  type: number;
  mmsi: number;
  navStatus?: number;
  sog: number;
  accuracy: number;
  lon: number;
  lat: number;
  cog: number;
  heading: number;
  second: number;
}

/** Decodes a position report (1, 2, 3 or 18) from the payload bits. */
export function decodePosition(bits: string): AisPositionFields {
  const b = new Bits(bits);
  const type = b.u(6);
  b.u(2);
  const mmsi = b.u(30);
  let navStatus: number | undefined;
  if (type === 18) b.u(8);
  else {
    navStatus = b.u(4);
    b.i(8);
  }
  const sog = b.u(10);
  const accuracy = b.u(1);
  const lon = b.i(28) / 600_000;
  const lat = b.i(27) / 600_000;
  const cog = b.u(12);
  const heading = b.u(9);
  const second = b.u(6);
  return { type, mmsi, navStatus, sog, accuracy, lon, lat, cog, heading, second };
}

/** Joins the sentences of an AIS file into messages (multi-part messages by sequence id and channel). */
export function messages(lines: readonly string[]): { tag: ParsedSentence['tag']; bits: string }[] {
  const out: { tag: ParsedSentence['tag']; bits: string }[] = [];
  const pending = new Map<string, ParsedSentence[]>();
  for (const line of lines) {
    const s = parseLine(line);
    if (s.count === 1) {
      out.push({ tag: s.tag, bits: payloadBits(s.payload, s.fill) });
      continue;
    }
    const key = `${s.tag?.station}|${s.sequence}|${s.channel}`;
    const parts = pending.get(key) ?? [];
    parts.push(s);
    pending.set(key, parts);
    if (parts.length === s.count) {
      pending.delete(key);
      const last = parts[parts.length - 1]!;
      out.push({ tag: parts[0]!.tag, bits: payloadBits(parts.map((p) => p.payload).join(''), last.fill) });
    }
  }
  return out;
}
