import { bearingDeg, distanceKm, interpolate, KM_PER_NM, offsetKm } from '../core/geodesy.js';
import type { Scenario } from '../schema/scenario.js';
import type { Prng } from './prng.js';

/**
 * Flight plans and their kinematics. A flight taxis out, climbs at a constant rate while its speed rises linearly
 * from lift-off to cruise, cruises, descends at a constant rate while slowing to touch-down speed, and taxis in,
 * along the great circle between its airports. Closed forms only: the position at any time costs a few
 * trigonometric calls.
 */

/** Lift-off and touch-down ground speed of an airliner, knots (typical A320/B737 V2 and Vref). */
export const LIFTOFF_KT = 160;
export const TOUCHDOWN_KT = 140;
/** Lowest cruise level when a short route forces a lower cruise, feet. */
const MIN_CRUISE_FT = 6000;
/** Climb plus descent may take at most this share of the route; the rest is cruise. */
const MAX_CLIMB_DESCENT_SHARE = 0.9;
/** Distance from the stand to the runway, km (a taxi at 10–20 kt for the taxi time). */
const STAND_OFFSET_KM: readonly [number, number] = [0.5, 2.5];

const MS_PER_MIN = 60_000;
const MS_PER_HOUR = 3_600_000;

export interface Airport {
  readonly code: string;
  readonly lat: number;
  readonly lon: number;
  readonly elevationFt: number;
}

export interface Flight {
  readonly index: number;
  readonly icao: number;
  readonly hex: string;
  /** Callsign padded to 8 characters, as readsb writes `flight`. */
  readonly callsign: string;
  readonly from: Airport;
  readonly to: Airport;
  readonly distKm: number;
  readonly cruiseFt: number;
  readonly cruiseKt: number;
  readonly climbMs: number;
  readonly descentMs: number;
  readonly climbKm: number;
  readonly descentKm: number;
  /** Phase boundaries, epoch ms. */
  readonly tStart: number;
  readonly tTakeoff: number;
  readonly tCruise: number;
  readonly tDescent: number;
  readonly tLanding: number;
  readonly tEnd: number;
  readonly standOut: { lat: number; lon: number };
  readonly standIn: { lat: number; lon: number };
  /** Geometric minus barometric altitude at cruise, feet (temperature and pressure differ from ISA). */
  readonly geomDeltaFt: number;
}

/** Where a flight is and how it moves; one object is reused for every flight on every tick. */
export interface AircraftState {
  lat: number;
  lon: number;
  altFt: number;
  gsKt: number;
  track: number;
  vrateFpm: number;
  onGround: boolean;
  airborne: boolean;
}

export function newAircraftState(): AircraftState {
  return { lat: 0, lon: 0, altFt: 0, gsKt: 0, track: 0, vrateFpm: 0, onGround: true, airborne: false };
}

const AIRLINES = ['SAS', 'FIN', 'BTI', 'LOT', 'RYR', 'DLH', 'AFR', 'KLM', 'WZZ', 'NOZ', 'THY', 'EZY', 'AUA', 'SWR'];

interface Profile {
  cruiseFt: number;
  climbMs: number;
  descentMs: number;
  climbKm: number;
  descentKm: number;
  cruiseMs: number;
}

/** Distance covered while the speed changes linearly from v0 to v1 knots over `ms`, km. */
function rampKm(v0: number, v1: number, ms: number): number {
  return ((v0 + v1) / 2) * (ms / MS_PER_HOUR) * KM_PER_NM;
}

function profile(
  distKm: number,
  cruiseFt: number,
  cruiseKt: number,
  from: Airport,
  to: Airport,
  climbFpm: number,
  descentFpm: number,
): Profile {
  let ft = cruiseFt;
  for (;;) {
    const climbMs = (Math.max(0, ft - from.elevationFt) / climbFpm) * MS_PER_MIN;
    const descentMs = (Math.max(0, ft - to.elevationFt) / descentFpm) * MS_PER_MIN;
    const climbKm = rampKm(LIFTOFF_KT, cruiseKt, climbMs);
    const descentKm = rampKm(cruiseKt, TOUCHDOWN_KT, descentMs);
    if (climbKm + descentKm <= MAX_CLIMB_DESCENT_SHARE * distKm || ft <= MIN_CRUISE_FT) {
      const cruiseKm = Math.max(0, distKm - climbKm - descentKm);
      const cruiseMs = (cruiseKm / KM_PER_NM / cruiseKt) * MS_PER_HOUR;
      return { cruiseFt: ft, climbMs, descentMs, climbKm, descentKm, cruiseMs };
    }
    ft = Math.max(MIN_CRUISE_FT, ft * 0.85);
  }
}

/** A unique 24-bit ICAO address from the European blocks (0x300000–0x4fffff). */
function newIcao(rng: Prng, used: Set<number>): number {
  for (;;) {
    const icao = rng.int(0x300000, 0x4fffff);
    if (!used.has(icao)) {
      used.add(icao);
      return icao;
    }
  }
}

/**
 * Every flight that is on the ground or in the air during the scenario: Poisson departures per route, starting
 * early enough that the sky is already full at the start. Sorted by the time the flight appears.
 */
export function planFlights(scenario: Scenario, rng: Prng, usedIcao: Set<number> = new Set()): Flight[] {
  const air = scenario.air;
  if (!air) return [];
  const startMs = Date.parse(scenario.start);
  const endMs = startMs + scenario.durationMin * MS_PER_MIN;
  const airports = new Map(air.airports.map((a) => [a.code, a]));
  const flights: Flight[] = [];
  for (const route of air.routes) {
    if (route.departuresPerHour <= 0) continue;
    const from = airports.get(route.from)!;
    const to = airports.get(route.to)!;
    const distKm = distanceKm(from.lat, from.lon, to.lat, to.lon);
    const nominal = profile(distKm, route.cruiseFt[0], route.cruiseKt[0], from, to, air.climbFpm, air.descentFpm);
    const longestMs =
      2 * air.taxiMin[1] * MS_PER_MIN + nominal.climbMs + nominal.cruiseMs + nominal.descentMs + MS_PER_HOUR;
    const meanGapMs = MS_PER_HOUR / route.departuresPerHour;
    for (let t = startMs - longestMs + rng.exponential(meanGapMs); t < endMs; t += rng.exponential(meanGapMs)) {
      const cruiseFt = Math.round(rng.inRange(route.cruiseFt) / 1000) * 1000;
      const cruiseKt = rng.inRange(route.cruiseKt);
      const p = profile(distKm, cruiseFt, cruiseKt, from, to, air.climbFpm, air.descentFpm);
      const taxiOutMs = rng.inRange(air.taxiMin) * MS_PER_MIN;
      const taxiInMs = rng.inRange(air.taxiMin) * MS_PER_MIN * 0.6;
      const tStart = Math.round(t);
      const tTakeoff = tStart + taxiOutMs;
      const tCruise = tTakeoff + p.climbMs;
      const tDescent = tCruise + p.cruiseMs;
      const tLanding = tDescent + p.descentMs;
      const tEnd = Math.round(tLanding + taxiInMs);
      const icao = newIcao(rng, usedIcao);
      const airline = route.airline ?? rng.pick(AIRLINES);
      const callsign = `${airline}${rng.int(1, 9899)}`.padEnd(8, ' ');
      const standOut = offsetStand(from, rng);
      const standIn = offsetStand(to, rng);
      const geomDeltaFt = rng.uniform(-300, 700);
      if (tEnd < startMs) continue;
      flights.push({
        index: 0,
        icao,
        hex: icao.toString(16).padStart(6, '0'),
        callsign,
        from,
        to,
        distKm,
        cruiseFt: p.cruiseFt,
        cruiseKt,
        climbMs: p.climbMs,
        descentMs: p.descentMs,
        climbKm: p.climbKm,
        descentKm: p.descentKm,
        tStart,
        tTakeoff,
        tCruise,
        tDescent,
        tLanding,
        tEnd,
        standOut,
        standIn,
        geomDeltaFt,
      });
    }
  }
  flights.sort((a, b) => a.tStart - b.tStart || a.icao - b.icao);
  return flights.map((f, index) => ({ ...f, index }));
}

function offsetStand(airport: Airport, rng: Prng): { lat: number; lon: number } {
  const km = rng.inRange(STAND_OFFSET_KM);
  const angle = rng.uniform(0, 2 * Math.PI);
  return offsetKm(airport.lat, airport.lon, km * Math.cos(angle), km * Math.sin(angle));
}

/** Writes the flight's true state at time t into `out` (t within [tStart, tEnd]). */
export function flightStateAt(f: Flight, t: number, out: AircraftState): void {
  if (t < f.tTakeoff || t >= f.tLanding) {
    const outbound = t < f.tTakeoff;
    const airport = outbound ? f.from : f.to;
    const stand = outbound ? f.standOut : f.standIn;
    const t0 = outbound ? f.tStart : f.tLanding;
    const t1 = outbound ? f.tTakeoff : f.tEnd;
    // Outbound: stand → runway (the airport reference point); inbound: runway → stand.
    const frac = Math.min(1, Math.max(0, (t - t0) / Math.max(1, t1 - t0)));
    const g = outbound ? frac : 1 - frac;
    out.lat = stand.lat + (airport.lat - stand.lat) * g;
    out.lon = stand.lon + (airport.lon - stand.lon) * g;
    const km = distanceKm(stand.lat, stand.lon, airport.lat, airport.lon);
    out.gsKt = km / KM_PER_NM / ((t1 - t0) / MS_PER_HOUR);
    out.track = outbound
      ? bearingDeg(stand.lat, stand.lon, airport.lat, airport.lon)
      : bearingDeg(airport.lat, airport.lon, stand.lat, stand.lon);
    out.altFt = airport.elevationFt;
    out.vrateFpm = 0;
    out.onGround = true;
    out.airborne = false;
    return;
  }
  let km: number;
  if (t < f.tCruise) {
    const tau = t - f.tTakeoff;
    const frac = f.climbMs > 0 ? tau / f.climbMs : 1;
    out.gsKt = LIFTOFF_KT + (f.cruiseKt - LIFTOFF_KT) * frac;
    km = rampKm(LIFTOFF_KT, out.gsKt, tau);
    out.altFt = f.from.elevationFt + (f.cruiseFt - f.from.elevationFt) * frac;
    out.vrateFpm = f.climbMs > 0 ? ((f.cruiseFt - f.from.elevationFt) / f.climbMs) * MS_PER_MIN : 0;
  } else if (t < f.tDescent) {
    out.gsKt = f.cruiseKt;
    km = f.climbKm + ((t - f.tCruise) / MS_PER_HOUR) * f.cruiseKt * KM_PER_NM;
    out.altFt = f.cruiseFt;
    out.vrateFpm = 0;
  } else {
    const tau = t - f.tDescent;
    const frac = f.descentMs > 0 ? tau / f.descentMs : 1;
    out.gsKt = f.cruiseKt + (TOUCHDOWN_KT - f.cruiseKt) * frac;
    const cruiseEndKm = f.distKm - f.descentKm;
    km = cruiseEndKm + rampKm(f.cruiseKt, out.gsKt, tau);
    out.altFt = f.cruiseFt + (f.to.elevationFt - f.cruiseFt) * frac;
    out.vrateFpm = f.descentMs > 0 ? -((f.cruiseFt - f.to.elevationFt) / f.descentMs) * MS_PER_MIN : 0;
  }
  const frac = Math.min(1, Math.max(0, km / f.distKm));
  const p = interpolate(f.from.lat, f.from.lon, f.to.lat, f.to.lon, frac);
  out.lat = p.lat;
  out.lon = p.lon;
  out.track =
    frac < 0.999
      ? bearingDeg(p.lat, p.lon, f.to.lat, f.to.lon)
      : bearingDeg(f.from.lat, f.from.lon, f.to.lat, f.to.lon);
  out.onGround = false;
  out.airborne = true;
}
