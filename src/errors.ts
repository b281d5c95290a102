/**
 * The closed list of error codes. Every code is documented here once; `docs/errors.md` is checked against this list
 * by a test. Input codes describe bad input: on the hot path they travel as values (`DecodeFailure`), are counted
 * per code, logged once per kind and dead-lettered; they never stop the process. Operational codes are thrown as
 * `JamwatchError`.
 */
export const INPUT_ERRORS = {
  MODES_CRC: 'Mode S frame failed its CRC-24 parity check (noise or a corrupted frame)',
  MODES_LENGTH: 'Mode S frame is not 7 or 14 bytes, or its downlink format does not match its length',
  MODES_FIELD: 'Mode S frame decodes to an impossible value (CPR out of range, unknown type code)',
  BEAST_FRAMING: 'Beast stream had bytes outside a frame or an unknown frame type; resynchronised at the next 0x1a',
  AVR_SYNTAX: 'AVR line is not `*<hex>;` or `@<12 hex timestamp><hex>;`',
  SBS_SYNTAX: 'SBS-1 BaseStation line has the wrong number of fields or an unparsable value',
  NMEA_SYNTAX: 'NMEA sentence is malformed (missing fields, bad tag block)',
  NMEA_CHECKSUM: 'NMEA sentence or tag block checksum does not match',
  AIS_PAYLOAD: 'AIS payload has bad six-bit armouring or is too short for its message type',
  AIS_MULTIPART: 'AIS multi-part message is incomplete: a fragment arrived out of order or timed out',
  JSON_SYNTAX: 'JSON input could not be parsed',
  JSON_SHAPE: 'JSON input parsed but does not have the expected shape (wrong or missing fields)',
  VALUE_RANGE: 'a value is outside its physical range (absurd coordinates, altitude or time)',
  MESSAGE_TOO_LARGE: 'message exceeds the configured size limit',
  UNKNOWN_FORMAT: 'input format could not be recognised; pass --format',
} as const;

export const OPERATIONAL_ERRORS = {
  CONFIG_INVALID: 'a configuration value is invalid: the message names the key, the value and what is accepted',
  CONFIG_FILE: 'a configuration file could not be read or parsed',
  KAFKA_UNREACHABLE: 'Kafka brokers could not be reached or authenticated',
  INFLUX_UNREACHABLE: 'InfluxDB could not be reached or authenticated',
  INFLUX_WRITE: 'InfluxDB rejected or failed a write',
  INFLUX_QUERY: 'an InfluxDB query (aggregate backfill, gpsjam export) failed: the message gives InfluxDB’s answer',
  INPUT_OPEN: 'an input file or source could not be opened',
  OUTPUT_WRITE: 'an output file could not be written',
  USAGE: 'the command line is wrong',
} as const;

export type InputErrorCode = keyof typeof INPUT_ERRORS;
export type OperationalErrorCode = keyof typeof OPERATIONAL_ERRORS;
export type ErrorCode = InputErrorCode | OperationalErrorCode;

export function describeError(code: ErrorCode): string {
  return (INPUT_ERRORS as Record<string, string>)[code] ?? (OPERATIONAL_ERRORS as Record<string, string>)[code]!;
}

/** Bad input as a value: what was wrong (`code`) and where (`detail`). */
export interface DecodeFailure {
  readonly ok: false;
  readonly code: InputErrorCode;
  readonly detail: string;
}

export function failure(code: InputErrorCode, detail: string): DecodeFailure {
  return { ok: false, code, detail };
}

export class JamwatchError extends Error {
  readonly code: OperationalErrorCode;
  readonly retriable: boolean;

  constructor(code: OperationalErrorCode, message: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'JamwatchError';
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}
