/**
 * NMEA 0183 framing of AIS payloads (IEC 61162-1):
 *   `\s:<station>,c:<unix seconds>*hh\!AIVDM,<fragments>,<fragment no>,<sequence id>,<channel>,<payload>,<fill>*hh`
 * The optional NMEA 4 tag block before the sentence carries the receiving station (s:) and the receive time (c:,
 * Unix seconds); its checksum covers the text between the backslash and '*'. The sentence checksum is the XOR of
 * every character between '!' and '*', as two upper-case hex digits. A payload longer than one sentence holds is
 * split into fragments that share a sequence id (0–9); only the last fragment has fill bits.
 */

/** Payload characters per fragment: keeps each sentence within the 82-character NMEA limit. */
export const MAX_FRAGMENT_CHARS = 60;

export function nmeaChecksum(body: string): string {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return x.toString(16).toUpperCase().padStart(2, '0');
}

export function tagBlock(station: string, unixS: number): string {
  const body = `s:${station},c:${unixS}`;
  return `\\${body}*${nmeaChecksum(body)}\\`;
}

/** The sentences of one AIS message, each preceded by the tag block (when given). */
export function aivdmSentences(
  payload: string,
  fill: number,
  channel: 'A' | 'B',
  sequenceId: number,
  tag: string,
): string[] {
  const count = Math.max(1, Math.ceil(payload.length / MAX_FRAGMENT_CHARS));
  const seq = count > 1 ? String(sequenceId % 10) : '';
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const part = payload.slice(i * MAX_FRAGMENT_CHARS, (i + 1) * MAX_FRAGMENT_CHARS);
    const body = `AIVDM,${count},${i + 1},${seq},${channel},${part},${i === count - 1 ? fill : 0}`;
    lines.push(`${tag}!${body}*${nmeaChecksum(body)}`);
  }
  return lines;
}
