// Test fixtures: an independent AIS encoder (bit writer, six-bit armouring, NMEA framing with checksums), written
// from ITU-R M.1371-5 Annex 8 and IEC 61162-1, so that unit tests can make messages with chosen field values.

/** Writes big-endian bit fields and armours them into a VDM payload. */
export class PayloadWriter {
  private bits = '';

  uint(value: number, width: number): this {
    this.bits += value.toString(2).padStart(width, '0').slice(-width);
    return this;
  }

  int(value: number, width: number): this {
    return this.uint(value < 0 ? 2 ** width + value : value, width);
  }

  flag(value: boolean): this {
    return this.uint(value ? 1 : 0, 1);
  }

  /** Six-bit ASCII text, padded with '@' to `chars` characters. */
  text(value: string, chars: number): this {
    for (const char of value.padEnd(chars, '@').slice(0, chars)) {
      const code = char.charCodeAt(0);
      this.uint(code >= 64 ? code - 64 : code, 6);
    }
    return this;
  }

  get length(): number {
    return this.bits.length;
  }

  /** The armoured payload and its fill bits. */
  armour(): { payload: string; fillBits: number } {
    const fillBits = (6 - (this.bits.length % 6)) % 6;
    const bits = this.bits + '0'.repeat(fillBits);
    let payload = '';
    for (let i = 0; i < bits.length; i += 6) {
      const value = Number.parseInt(bits.slice(i, i + 6), 2);
      payload += String.fromCharCode(value < 40 ? value + 48 : value + 56);
    }
    return { payload, fillBits };
  }
}

/** XOR checksum as two upper-case hex digits. */
export function checksum(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum ^= body.charCodeAt(i);
  return sum.toString(16).toUpperCase().padStart(2, '0');
}

export interface SentenceOptions {
  talker?: string;
  formatter?: 'VDM' | 'VDO';
  count?: number;
  number?: number;
  sequenceId?: string;
  channel?: string;
}

/** `!AIVDM,…*hh` around a payload. */
export function vdm(payload: string, fillBits: number, options: SentenceOptions = {}): string {
  const body = [
    `${options.talker ?? 'AI'}${options.formatter ?? 'VDM'}`,
    options.count ?? 1,
    options.number ?? 1,
    options.sequenceId ?? '',
    options.channel ?? 'A',
    payload,
    fillBits,
  ].join(',');
  return `!${body}*${checksum(body)}`;
}

/** A tag block `\…*hh\` before a sentence. */
export function tagged(parameters: string, sentence: string): string {
  return `\\${parameters}*${checksum(parameters)}\\${sentence}`;
}

/** A single-sentence VDM line for a writer's message. */
export function line(writer: PayloadWriter, options: SentenceOptions = {}): string {
  const { payload, fillBits } = writer.armour();
  return vdm(payload, fillBits, options);
}

/** Split a long message over several sentences, as a transmitter's VDM output does. */
export function multipartLines(writer: PayloadWriter, partChars: number, options: SentenceOptions = {}): string[] {
  const { payload, fillBits } = writer.armour();
  const parts: string[] = [];
  for (let i = 0; i < payload.length; i += partChars) parts.push(payload.slice(i, i + partChars));
  return parts.map((part, i) =>
    vdm(part, i === parts.length - 1 ? fillBits : 0, {
      sequenceId: '1',
      ...options,
      count: parts.length,
      number: i + 1,
    }),
  );
}

/** Raw 1/10 000-minute value of a coordinate in degrees. */
export function tenThousandthMinutes(degrees: number): number {
  return Math.round(degrees * 600_000);
}

export interface ClassAFields {
  type?: 1 | 2 | 3;
  mmsi?: number;
  rot?: number;
  sogTenths?: number;
  accuracy?: boolean;
  lonRaw?: number;
  latRaw?: number;
  cogTenths?: number;
  heading?: number;
  second?: number;
  raim?: boolean;
}

/** Message 1/2/3 (M.1371-5 Table 46), 168 bits. */
export function classAPosition(fields: ClassAFields = {}): PayloadWriter {
  return new PayloadWriter()
    .uint(fields.type ?? 1, 6)
    .uint(0, 2)
    .uint(fields.mmsi ?? 244_123_456, 30)
    .uint(0, 4)
    .int(fields.rot ?? -128, 8)
    .uint(fields.sogTenths ?? 123, 10)
    .flag(fields.accuracy ?? true)
    .int(fields.lonRaw ?? tenThousandthMinutes(4.5), 28)
    .int(fields.latRaw ?? tenThousandthMinutes(52.25), 27)
    .uint(fields.cogTenths ?? 2245, 12)
    .uint(fields.heading ?? 224, 9)
    .uint(fields.second ?? 30, 6)
    .uint(0, 2)
    .uint(0, 3)
    .flag(fields.raim ?? false)
    .uint(0, 19);
}

export interface ClassBFields {
  mmsi?: number;
  sogTenths?: number;
  accuracy?: boolean;
  lonRaw?: number;
  latRaw?: number;
  cogTenths?: number;
  heading?: number;
  raim?: boolean;
}

/** Message 18 (M.1371-5 Table 49), 168 bits. */
export function classBPosition(fields: ClassBFields = {}): PayloadWriter {
  return new PayloadWriter()
    .uint(18, 6)
    .uint(0, 2)
    .uint(fields.mmsi ?? 235_000_001, 30)
    .uint(0, 8)
    .uint(fields.sogTenths ?? 55, 10)
    .flag(fields.accuracy ?? false)
    .int(fields.lonRaw ?? tenThousandthMinutes(-1.25), 28)
    .int(fields.latRaw ?? tenThousandthMinutes(50.5), 27)
    .uint(fields.cogTenths ?? 900, 12)
    .uint(fields.heading ?? 511, 9)
    .uint(60, 6)
    .uint(0, 2)
    .uint(0b100000, 6)
    .flag(fields.raim ?? true)
    .uint(0, 20);
}

export interface ExtendedClassBFields extends ClassBFields {
  name?: string;
  epfd?: number;
}

/** Message 19 (M.1371-5 Table 50), 312 bits. */
export function extendedClassB(fields: ExtendedClassBFields = {}): PayloadWriter {
  return new PayloadWriter()
    .uint(19, 6)
    .uint(0, 2)
    .uint(fields.mmsi ?? 235_000_002, 30)
    .uint(0, 8)
    .uint(fields.sogTenths ?? 87, 10)
    .flag(fields.accuracy ?? false)
    .int(fields.lonRaw ?? tenThousandthMinutes(-88.8), 28)
    .int(fields.latRaw ?? tenThousandthMinutes(29.5), 27)
    .uint(fields.cogTenths ?? 3359, 12)
    .uint(fields.heading ?? 511, 9)
    .uint(46, 6)
    .uint(0, 4)
    .text(fields.name ?? 'CAPT.J.RIMES', 20)
    .uint(70, 8)
    .uint(5, 9)
    .uint(21, 9)
    .uint(4, 6)
    .uint(4, 6)
    .uint(fields.epfd ?? 1, 4)
    .flag(fields.raim ?? false)
    .uint(0, 1)
    .uint(0, 1)
    .uint(0, 4);
}

export interface AidToNavigationFields {
  mmsi?: number;
  name?: string;
  extension?: string;
  lonRaw?: number;
  latRaw?: number;
  epfd?: number;
  accuracy?: boolean;
  raim?: boolean;
  virtual?: boolean;
}

/** Message 21 (M.1371-5 Table 73), 272 bits plus the name extension. */
export function aidToNavigation(fields: AidToNavigationFields = {}): PayloadWriter {
  const writer = new PayloadWriter()
    .uint(21, 6)
    .uint(0, 2)
    .uint(fields.mmsi ?? 992_351_000, 30)
    .uint(1, 5)
    .text(fields.name ?? 'NORTH CARDINAL', 20)
    .flag(fields.accuracy ?? true)
    .int(fields.lonRaw ?? tenThousandthMinutes(1.5), 28)
    .int(fields.latRaw ?? tenThousandthMinutes(51.0), 27)
    .uint(0, 30)
    .uint(fields.epfd ?? 7, 4)
    .uint(12, 6)
    .uint(0, 1)
    .uint(0, 8)
    .flag(fields.raim ?? false)
    .flag(fields.virtual ?? false)
    .uint(0, 1)
    .uint(0, 1);
  if (fields.extension !== undefined) writer.text(fields.extension, fields.extension.length);
  return writer;
}

export interface LongRangeFields {
  mmsi?: number;
  accuracy?: boolean;
  raim?: boolean;
  lonRaw?: number;
  latRaw?: number;
  sog?: number;
  cog?: number;
  notGnss?: boolean;
}

/** Message 27 (M.1371-5 Table 85), 96 bits. Positions in 1/10 minute. */
export function longRange(fields: LongRangeFields = {}): PayloadWriter {
  return new PayloadWriter()
    .uint(27, 6)
    .uint(0, 2)
    .uint(fields.mmsi ?? 230_108_610, 30)
    .flag(fields.accuracy ?? false)
    .flag(fields.raim ?? false)
    .uint(0, 4)
    .int(fields.lonRaw ?? Math.round(24.96 * 600), 18)
    .int(fields.latRaw ?? Math.round(60.16 * 600), 17)
    .uint(fields.sog ?? 12, 6)
    .uint(fields.cog ?? 275, 9)
    .flag(fields.notGnss ?? false)
    .uint(0, 1);
}

export interface StaticVoyageFields {
  mmsi?: number;
  callsign?: string;
  name?: string;
  epfd?: number;
}

/** Message 5 (M.1371-5 Table 48), 424 bits. */
export function staticVoyage(fields: StaticVoyageFields = {}): PayloadWriter {
  return new PayloadWriter()
    .uint(5, 6)
    .uint(0, 2)
    .uint(fields.mmsi ?? 244_123_456, 30)
    .uint(2, 2)
    .uint(9_266_633, 30)
    .text(fields.callsign ?? 'PDAB', 7)
    .text(fields.name ?? 'SEA ENTERPRISE', 20)
    .uint(70, 8)
    .uint(13, 9)
    .uint(15, 9)
    .uint(1, 6)
    .uint(6, 6)
    .uint(fields.epfd ?? 1, 4)
    .uint(3, 4)
    .uint(29, 5)
    .uint(11, 5)
    .uint(0, 6)
    .uint(68, 8)
    .text('VLISSINGEN', 20)
    .uint(0, 1)
    .uint(0, 1);
}

/** Message 24 part A (M.1371-5 Table 78), 160 bits. */
export function staticPartA(mmsi: number, name: string): PayloadWriter {
  return new PayloadWriter().uint(24, 6).uint(0, 2).uint(mmsi, 30).uint(0, 2).text(name, 20);
}

/** Message 24 part B (M.1371-5 Table 79), 168 bits; `epfd` undefined writes the 160-bit form without it. */
export function staticPartB(mmsi: number, callsign: string, epfd: number | undefined): PayloadWriter {
  const writer = new PayloadWriter()
    .uint(24, 6)
    .uint(0, 2)
    .uint(mmsi, 30)
    .uint(1, 2)
    .uint(37, 8)
    .text('GRM', 3)
    .uint(1, 4)
    .uint(5, 20)
    .text(callsign, 7)
    .uint(8, 9)
    .uint(3, 9)
    .uint(3, 6)
    .uint(1, 6);
  if (epfd !== undefined) writer.uint(epfd, 4).uint(0, 2);
  return writer;
}

/** A message of another type: just the header and some bits. */
export function otherMessage(type: number, mmsi = 2_190_048, bits = 168): PayloadWriter {
  return new PayloadWriter()
    .uint(type, 6)
    .uint(0, 2)
    .uint(mmsi, 30)
    .uint(0, bits - 38);
}
