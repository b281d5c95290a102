import type { DecodeFailure } from '../errors.js';
import type { Report } from '../schema/report.js';

/**
 * What a decoder makes of one frame, line or message. Bad input is a value, not an exception.
 * - `report`: a position event (or a "no position" event) of a craft.
 * - `state`: a valid message that only updated a craft's state (identification, velocity, status, static data).
 * - `ignored`: a valid message that carries no craft position (ground stations, DF20/21 replies, AIS base stations
 *   and safety messages): counted per reason, never dead-lettered.
 * - a `DecodeFailure`: bad input, counted per code and dead-lettered.
 */
export type Outcome = ReportOutcome | StateOutcome | IgnoredOutcome | DecodeFailure;

/** Where a decoder that makes several outcomes from one input (a JSON document, a trace) hands each of them. */
export type OutcomeSink = (outcome: Outcome) => void;

export interface ReportOutcome {
  readonly ok: true;
  readonly kind: 'report';
  readonly report: Report;
}

export interface StateOutcome {
  readonly ok: true;
  readonly kind: 'state';
}

export interface IgnoredOutcome {
  readonly ok: true;
  readonly kind: 'ignored';
  readonly reason: IgnoredReason;
}

export const IGNORED_REASONS = {
  'modes-not-extended-squitter': 'Mode S reply without ADS-B content (DF0/4/5/11/16/20/21/24, Mode A/C)',
  'modes-ground-station': 'DF18 from a fixed ground station or a non-aircraft emitter (TC 24, surface vehicles)',
  'modes-unused-type': 'ADS-B message type that jamwatch does not use (reserved, test, emergency/priority)',
  'ais-no-craft-position': 'AIS message with no vessel position (base station, safety, binary, channel management)',
  'own-ship': 'AIVDO own-ship or receiver GPS sentence, not a report heard from another craft',
  duplicate: 'the same message heard by another receiver within a second',
  'no-position-yet': 'position message that cannot be decoded yet (waiting for the CPR pair or a reference)',
  'non-icao-address':
    'craft with a non-ICAO address (readsb/SBS hex starting with "~": TIS-B track files, anonymous ADS-B)',
  'sbs-status-line': 'SBS-1 record that is not a MSG line (STA, ID, AIR, SEL, CLK): no craft data that jamwatch uses',
} as const;

export type IgnoredReason = keyof typeof IGNORED_REASONS;

/** Shared constant: state-only outcomes carry no data, so one object serves every call on the hot path. */
export const STATE: StateOutcome = Object.freeze({ ok: true, kind: 'state' });

const ignoredCache = new Map<IgnoredReason, IgnoredOutcome>();

export function ignored(reason: IgnoredReason): IgnoredOutcome {
  let outcome = ignoredCache.get(reason);
  if (!outcome) {
    outcome = Object.freeze({ ok: true, kind: 'ignored', reason });
    ignoredCache.set(reason, outcome);
  }
  return outcome;
}

export function reported(report: Report): ReportOutcome {
  return { ok: true, kind: 'report', report };
}
