import { EARTH_RADIUS_KM, latLonOf, unitVector } from '../geodesy.js';
import { FEET_TO_METRES, radioHorizonKm } from '../radio-horizon.js';
import type { EmitterOptions } from './options.js';
import { mulberry32 } from './prng.js';

/**
 * Emitter localisation: where is the jammer (or spoofer), and how sure are we?
 *
 * Model. A ground emitter at centre c with reach R (km) affects a craft at great-circle distance d when d is inside
 * its effective reach r = min(R, H), H being the radio horizon between the emitter and the craft's antenna
 * (radio-horizon.ts: an aircraft at FL330 sees it from ~425 km, a ship from ~26 km). The boundary is soft and the
 * labels are noisy, so the probability that a craft is affected is
 *
 *   P(affected) = a + b·σ((r − d) / s),   a = outsideHitRate, b = 1 − insideMissRate − outsideHitRate,
 *
 * with s = edgeKm and σ the logistic function: a craft deep inside is affected with probability 1 − insideMissRate
 * (robust receivers exist), one far outside with probability outsideHitRate (the baseline). The floors a and
 * 1 − a − b bound what one mislabelled craft can cost, so a few outliers cannot drag the centre.
 *
 * Fit. (c, R) maximise the log-likelihood of the affected (inside) and unaffected (outside) craft minus a small
 * penalty λ·R: the region stage only sends anomalous cells, so unaffected craft beyond the edge are often missing,
 * and without the penalty R could grow without bound; with it the circle wraps the affected craft as tightly as the
 * unaffected ones allow. Solved by Fisher scoring (Gauss–Newton for a likelihood) in the local (north, east, R)
 * frame, with a step limit and a backtracking line search; the centre moves along great circles, so distances are
 * exact at any latitude. Start: the spherical mean of the affected craft, R at the 90th percentile of their
 * distances from it.
 *
 * Error. A bootstrap: the craft are resampled with replacement `bootstrap` times with a PRNG seeded from the event
 * (deterministic), each resample refitted from the estimate. errorKm is the radius of the 95 % circle of the
 * resampled centres around the estimate, from their covariance (√(5.99·λmax), χ²₂ at 95 %), combined with half the
 * boundary softness in quadrature (the model's own resolution, which resampling cannot see). The bootstrap measures
 * the penalised estimator, so the radius is also never smaller than the one from the Fisher information of the
 * unpenalised likelihood (`informationSpread`), which grows without bound when the craft do not pin the centre.
 */
export interface FitSample {
  readonly lat: number;
  readonly lon: number;
  /** Feet above mean sea level (0 for vessels). */
  readonly altFt: number;
  readonly affected: boolean;
}

export interface EmitterEstimate {
  lat: number;
  lon: number;
  /** Radius (km) of the 95 % circle around the estimate. */
  errorKm: number;
  /** Fitted reach (km) for craft above the radio horizon. */
  reachKm: number;
  /** Craft used in the fit, and how many of them affected. */
  craft: number;
  affected: number;
}

/**
 * Whether a fit locates the emitter at all: an error radius wider than the fitted reach says only that the emitter is
 * somewhere within reach of the affected craft, which the area already says. Such estimates are not published.
 */
export function isLocated(estimate: EmitterEstimate): boolean {
  return estimate.errorKm <= estimate.reachKm;
}

/** χ² with 2 degrees of freedom at 95 %: the squared radius of a 95 % circle in units of variance. */
const CHI2_2DOF_95 = 5.991;
const MAX_ITERATIONS = 60;
const BOOTSTRAP_ITERATIONS = 20;
/** Largest step per iteration (km): keeps Fisher scoring inside the region where its local model holds. */
const MAX_STEP_KM = 50;
/** Converged when a step moves less than this (km). */
const STEP_TOLERANCE_KM = 0.01;
const MIN_REACH_KM = 1;
const LINE_SEARCH_HALVINGS = 12;

interface FitData {
  readonly count: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
  readonly horizon: Float64Array;
  readonly hit: Uint8Array;
}

interface Model {
  /** Emitter unit vector. */
  cx: number;
  cy: number;
  cz: number;
  reach: number;
}

interface Derivatives {
  /** Gradient in (north, east, reach). */
  g0: number;
  g1: number;
  g2: number;
  /** Fisher information, upper triangle: 00 01 02 11 12 22. */
  h: Float64Array;
}

class Likelihood {
  private readonly a: number;
  private readonly b: number;
  private readonly edge: number;
  private readonly penalty: number;

  constructor(
    private readonly data: FitData,
    o: EmitterOptions,
  ) {
    this.a = o.outsideHitRate;
    this.b = Math.max(1e-6, 1 - o.insideMissRate - o.outsideHitRate);
    this.edge = o.edgeKm;
    this.penalty = o.radiusPenaltyPerKm;
  }

  /** Negative log-likelihood plus penalty; fills `d` with the gradient and Fisher information when given. */
  value(m: Model, weights: Float64Array, d: Derivatives | null): number {
    const { x, y, z, horizon, hit, count } = this.data;
    const { a, b, edge } = this;
    const frame = localFrame(m);
    let f = 0;
    if (d) {
      d.g0 = 0;
      d.g1 = 0;
      d.g2 = 0;
      d.h.fill(0);
    }
    for (let i = 0; i < count; i++) {
      const w = weights[i]!;
      if (w === 0) continue;
      const px = x[i]!;
      const py = y[i]!;
      const pz = z[i]!;
      const dot = px * m.cx + py * m.cy + pz * m.cz;
      const pn = px * frame.nx + py * frame.ny + pz * frame.nz;
      const pe = px * frame.ex + py * frame.ey;
      const sideways = Math.sqrt(pn * pn + pe * pe);
      const distance = EARTH_RADIUS_KM * Math.atan2(sideways, dot);
      const h = horizon[i]!;
      const limitedByReach = m.reach < h;
      const reach = limitedByReach ? m.reach : h;
      const sig = 1 / (1 + Math.exp((distance - reach) / edge));
      const p = a + b * sig;
      const isHit = hit[i] === 1;
      f -= w * Math.log(isHit ? p : 1 - p);
      if (!d) continue;
      const slope = b * sig * (1 - sig);
      const dfdz = isHit ? -slope / p : slope / (1 - p);
      const info = (slope * slope) / (p * (1 - p));
      // ∂z/∂(north, east, reach): moving the centre towards a craft shortens its distance.
      const gn = sideways > 0 ? pn / sideways / edge : 0;
      const ge = sideways > 0 ? pe / sideways / edge : 0;
      const gr = limitedByReach ? 1 / edge : 0;
      d.g0 += w * dfdz * gn;
      d.g1 += w * dfdz * ge;
      d.g2 += w * dfdz * gr;
      const wi = w * info;
      d.h[0]! += wi * gn * gn;
      d.h[1]! += wi * gn * ge;
      d.h[2]! += wi * gn * gr;
      d.h[3]! += wi * ge * ge;
      d.h[4]! += wi * ge * gr;
      d.h[5]! += wi * gr * gr;
    }
    f += this.penalty * m.reach;
    if (d) d.g2 += this.penalty;
    return f;
  }
}

interface Frame {
  nx: number;
  ny: number;
  nz: number;
  ex: number;
  ey: number;
}

/** North and east unit vectors at the model's centre. */
function localFrame(m: Model): Frame {
  const horizontal = Math.hypot(m.cx, m.cy);
  const cosLon = horizontal > 1e-12 ? m.cx / horizontal : 1;
  const sinLon = horizontal > 1e-12 ? m.cy / horizontal : 0;
  return { nx: -m.cz * cosLon, ny: -m.cz * sinLon, nz: horizontal, ex: -sinLon, ey: cosLon };
}

/** Move the centre by (north, east) km along a great circle. */
function moved(m: Model, north: number, east: number, reach: number): Model {
  const step = Math.hypot(north, east);
  if (step === 0) return { cx: m.cx, cy: m.cy, cz: m.cz, reach };
  const f = localFrame(m);
  const angle = step / EARTH_RADIUS_KM;
  const c = Math.cos(angle);
  const s = Math.sin(angle) / step;
  const ux = north * f.nx + east * f.ex;
  const uy = north * f.ny + east * f.ey;
  const uz = north * f.nz;
  return { cx: c * m.cx + s * ux, cy: c * m.cy + s * uy, cz: c * m.cz + s * uz, reach };
}

/** Solve the 3×3 symmetric system H·v = −g (Cramer's rule) with a small ridge for flat directions. */
function newtonStep(d: Derivatives): [number, number, number] {
  const h = d.h;
  const ridge = 1e-6 * (h[0]! + h[3]! + h[5]!) + 1e-9;
  const a = h[0]! + ridge;
  const b = h[1]!;
  const c = h[2]!;
  const e = h[3]! + ridge;
  const f = h[4]!;
  const i = h[5]! + ridge;
  const det = a * (e * i - f * f) - b * (b * i - f * c) + c * (b * f - e * c);
  const r0 = -d.g0;
  const r1 = -d.g1;
  const r2 = -d.g2;
  const v0 = (r0 * (e * i - f * f) - b * (r1 * i - f * r2) + c * (r1 * f - e * r2)) / det;
  const v1 = (a * (r1 * i - f * r2) - r0 * (b * i - f * c) + c * (b * r2 - r1 * c)) / det;
  const v2 = (a * (e * r2 - r1 * f) - b * (b * r2 - r1 * c) + r0 * (b * f - e * c)) / det;
  return [v0, v1, v2];
}

function clampStep(v: number): number {
  return v > MAX_STEP_KM ? MAX_STEP_KM : v < -MAX_STEP_KM ? -MAX_STEP_KM : Number.isFinite(v) ? v : 0;
}

function optimise(lik: Likelihood, start: Model, weights: Float64Array, iterations: number): Model {
  let model = start;
  const d: Derivatives = { g0: 0, g1: 0, g2: 0, h: new Float64Array(6) };
  for (let iter = 0; iter < iterations; iter++) {
    const f = lik.value(model, weights, d);
    const [n0, e0, r0] = newtonStep(d);
    let north = clampStep(n0);
    let east = clampStep(e0);
    let reach = clampStep(r0);
    let accepted: Model | undefined;
    for (let k = 0; k < LINE_SEARCH_HALVINGS; k++) {
      const candidate = moved(model, north, east, Math.max(MIN_REACH_KM, model.reach + reach));
      if (lik.value(candidate, weights, null) < f) {
        accepted = candidate;
        break;
      }
      north /= 2;
      east /= 2;
      reach /= 2;
    }
    if (accepted === undefined) break;
    model = accepted;
    if (Math.hypot(north, east, reach) < STEP_TOLERANCE_KM) break;
  }
  return model;
}

function prepare(samples: readonly FitSample[], o: EmitterOptions): FitData {
  const count = Math.min(samples.length, o.maxCraft);
  const data: FitData = {
    count,
    x: new Float64Array(count),
    y: new Float64Array(count),
    z: new Float64Array(count),
    horizon: new Float64Array(count),
    hit: new Uint8Array(count),
  };
  for (let i = 0; i < count; i++) {
    // Evenly spaced when there are more samples than the fit takes: deterministic and unbiased in order.
    const s = samples[Math.floor((i * samples.length) / count)]!;
    const [vx, vy, vz] = unitVector(s.lat, s.lon);
    data.x[i] = vx;
    data.y[i] = vy;
    data.z[i] = vz;
    const antenna = Math.max(o.receiverMinHeightM, s.altFt * FEET_TO_METRES);
    data.horizon[i] = radioHorizonKm(o.emitterHeightM, antenna);
    data.hit[i] = s.affected ? 1 : 0;
  }
  return data;
}

function startingModel(data: FitData): Model {
  let sx = 0;
  let sy = 0;
  let sz = 0;
  for (let i = 0; i < data.count; i++) {
    if (data.hit[i] !== 1) continue;
    sx += data.x[i]!;
    sy += data.y[i]!;
    sz += data.z[i]!;
  }
  const norm = Math.hypot(sx, sy, sz);
  const cx = sx / norm;
  const cy = sy / norm;
  const cz = sz / norm;
  const distances: number[] = [];
  for (let i = 0; i < data.count; i++) {
    if (data.hit[i] !== 1) continue;
    const dot = data.x[i]! * cx + data.y[i]! * cy + data.z[i]! * cz;
    distances.push(EARTH_RADIUS_KM * Math.acos(Math.min(1, Math.max(-1, dot))));
  }
  distances.sort((p, q) => p - q);
  const reach = distances[Math.floor(0.9 * (distances.length - 1))] ?? MIN_REACH_KM;
  return { cx, cy, cz, reach: Math.max(MIN_REACH_KM, reach) };
}

/** Fit an emitter to craft samples; undefined when fewer than `minAffected` craft are affected. */
export function fitEmitter(
  samples: readonly FitSample[],
  o: EmitterOptions,
  seed: number,
): EmitterEstimate | undefined {
  const data = prepare(samples, o);
  let affected = 0;
  for (let i = 0; i < data.count; i++) affected += data.hit[i]!;
  if (affected < o.minAffected) return undefined;
  const lik = new Likelihood(data, o);
  const ones = new Float64Array(data.count).fill(1);
  const best = optimise(lik, startingModel(data), ones, MAX_ITERATIONS);
  const spread = Math.max(
    bootstrapSpread(lik, data.count, best, o.bootstrap, seed),
    informationSpread(lik, ones, best),
  );
  const position = latLonOf(best.cx, best.cy, best.cz);
  const softness = o.edgeKm / 2;
  return {
    lat: position.lat,
    lon: position.lon,
    errorKm: Math.sqrt(spread * spread + softness * softness),
    reachKm: best.reach,
    craft: data.count,
    affected,
  };
}

/** Radius (km) of a 95 % circle from a 2×2 covariance: √(5.99·λmax). */
function circle95(snn: number, sne: number, see: number): number {
  const half = (snn + see) / 2;
  const largest = half + Math.sqrt(((snn - see) / 2) ** 2 + sne * sne);
  return Math.sqrt(CHI2_2DOF_95 * largest);
}

/**
 * Radius (km) of the 95 % circle from the Fisher information of the likelihood without the penalty, the reach
 * marginalised out. When the craft do not pin the centre down (affected craft on one side only, no unaffected craft
 * around them: moving the centre away while growing the reach changes nothing), the information is nearly singular
 * in that direction and the radius is large: the bootstrap alone would report the penalty's confidence, not the
 * data's.
 */
function informationSpread(lik: Likelihood, weights: Float64Array, best: Model): number {
  const d: Derivatives = { g0: 0, g1: 0, g2: 0, h: new Float64Array(6) };
  lik.value(best, weights, d);
  const h = d.h;
  const ridge = 1e-9 * (h[0]! + h[3]! + h[5]!) + 1e-12;
  const a = h[0]! + ridge;
  const b = h[1]!;
  const c = h[2]!;
  const e = h[3]! + ridge;
  const f = h[4]!;
  const i = h[5]! + ridge;
  const det = a * (e * i - f * f) - b * (b * i - f * c) + c * (b * f - e * c);
  // The (north, east) block of the inverse: cofactors over the determinant.
  const snn = (e * i - f * f) / det;
  const sne = -(b * i - c * f) / det;
  const see = (a * i - c * c) / det;
  return circle95(snn, sne, see);
}

/** Radius (km) of the 95 % circle of bootstrap refits around `best`; 0 without resamples. */
function bootstrapSpread(lik: Likelihood, count: number, best: Model, resamples: number, seed: number): number {
  if (resamples === 0) return 0;
  const random = mulberry32(seed);
  const weights = new Float64Array(count);
  const frame = localFrame(best);
  let snn = 0;
  let sne = 0;
  let see = 0;
  for (let r = 0; r < resamples; r++) {
    weights.fill(0);
    for (let i = 0; i < count; i++) weights[Math.floor(random() * count)]!++;
    const m = optimise(lik, best, weights, BOOTSTRAP_ITERATIONS);
    const north = EARTH_RADIUS_KM * (m.cx * frame.nx + m.cy * frame.ny + m.cz * frame.nz);
    const east = EARTH_RADIUS_KM * (m.cx * frame.ex + m.cy * frame.ey);
    snn += north * north;
    sne += north * east;
    see += east * east;
  }
  return circle95(snn / resamples, sne / resamples, see / resamples);
}
