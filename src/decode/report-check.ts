import { type Report, reportSchema } from '../schema/report.js';
import { booleanProblem, numberProblem, objectProblem, stringProblem, valueProblem } from './field-problems.js';
import { fieldRules } from './field-rules.js';
import { type Outcome, reported } from './outcome.js';

/** The report's field rules, read from its zod schema at load. */
export const REPORT_RULES = fieldRules(reportSchema, 'report');
const R = REPORT_RULES;

/**
 * The `jamwatch.report/1` contract checked without zod on the hot path. zod (`reportSchema`) stays the declared
 * contract (docs and JSON Schema come from it, and the rules are read from it: field-rules.ts); this check gives its
 * verdict at a fraction of the cost (field-problems.ts): the same accept/reject, the same error code (VALUE_RANGE for
 * a value out of bounds, JSON_SHAPE for anything else) from the first bad field in schema order, and the same output:
 * a new object with the schema's keys in the schema's order, unknown keys dropped, a key present with `undefined`
 * kept. test/fuzz/report-check.test.ts proves the agreement. `jamwatch bench --only validate` on the worker bench's
 * traffic: 0.31 µs of CPU per report, zod's safeParse 1.6 µs (JSON.parse itself 1.2 µs).
 *
 * Why one block per field rather than a loop over the rules: with a constant key each read of the input and each
 * write of the output is a monomorphic property access; a loop's `value[key]` and `out[key] = x` go through V8's
 * megamorphic keyed paths and measured slower than zod itself.
 */
export function checkReport(value: unknown): Outcome {
  let p = objectProblem('report', value);
  if (p !== undefined) return p;
  const v = value as Partial<Record<keyof Report, unknown>>;
  const out: Partial<Record<keyof Report, unknown>> = {};
  let x: unknown;
  x = v.schema;
  p = valueProblem(R.schema, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'schema' in v) out.schema = x;
  x = v.src;
  p = valueProblem(R.src, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'src' in v) out.src = x;
  x = v.id;
  p = stringProblem(R.id, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'id' in v) out.id = x;
  x = v.t;
  p = numberProblem(R.t, x);
  if (p !== undefined) return p;
  if (x !== undefined || 't' in v) out.t = x;
  x = v.lat;
  p = numberProblem(R.lat, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'lat' in v) out.lat = x;
  x = v.lon;
  p = numberProblem(R.lon, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'lon' in v) out.lon = x;
  x = v.posAvailable;
  p = booleanProblem(R.posAvailable, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'posAvailable' in v) out.posAvailable = x;
  x = v.altBaro;
  p = numberProblem(R.altBaro, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'altBaro' in v) out.altBaro = x;
  x = v.altGeom;
  p = numberProblem(R.altGeom, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'altGeom' in v) out.altGeom = x;
  x = v.onGround;
  p = booleanProblem(R.onGround, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'onGround' in v) out.onGround = x;
  x = v.gs;
  p = numberProblem(R.gs, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'gs' in v) out.gs = x;
  x = v.track;
  p = numberProblem(R.track, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'track' in v) out.track = x;
  x = v.heading;
  p = numberProblem(R.heading, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'heading' in v) out.heading = x;
  x = v.nic;
  p = numberProblem(R.nic, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'nic' in v) out.nic = x;
  x = v.rc;
  p = numberProblem(R.rc, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'rc' in v) out.rc = x;
  x = v.nucp;
  p = numberProblem(R.nucp, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'nucp' in v) out.nucp = x;
  x = v.nacp;
  p = numberProblem(R.nacp, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'nacp' in v) out.nacp = x;
  x = v.sil;
  p = numberProblem(R.sil, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'sil' in v) out.sil = x;
  x = v.silType;
  p = valueProblem(R.silType, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'silType' in v) out.silType = x;
  x = v.gva;
  p = numberProblem(R.gva, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'gva' in v) out.gva = x;
  x = v.nicBaro;
  p = numberProblem(R.nicBaro, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'nicBaro' in v) out.nicBaro = x;
  x = v.adsbVersion;
  p = numberProblem(R.adsbVersion, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'adsbVersion' in v) out.adsbVersion = x;
  x = v.integrityAge;
  p = numberProblem(R.integrityAge, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'integrityAge' in v) out.integrityAge = x;
  x = v.posSource;
  p = valueProblem(R.posSource, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'posSource' in v) out.posSource = x;
  x = v.lastGoodAt;
  p = numberProblem(R.lastGoodAt, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'lastGoodAt' in v) out.lastGoodAt = x;
  x = v.lastGoodLat;
  p = numberProblem(R.lastGoodLat, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'lastGoodLat' in v) out.lastGoodLat = x;
  x = v.lastGoodLon;
  p = numberProblem(R.lastGoodLon, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'lastGoodLon' in v) out.lastGoodLon = x;
  x = v.aisAccuracy;
  p = booleanProblem(R.aisAccuracy, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'aisAccuracy' in v) out.aisAccuracy = x;
  x = v.raim;
  p = booleanProblem(R.raim, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'raim' in v) out.raim = x;
  x = v.aisClass;
  p = valueProblem(R.aisClass, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'aisClass' in v) out.aisClass = x;
  x = v.aisType;
  p = numberProblem(R.aisType, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'aisType' in v) out.aisType = x;
  x = v.epfd;
  p = numberProblem(R.epfd, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'epfd' in v) out.epfd = x;
  x = v.gnssStatus;
  p = valueProblem(R.gnssStatus, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'gnssStatus' in v) out.gnssStatus = x;
  x = v.callsign;
  p = stringProblem(R.callsign, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'callsign' in v) out.callsign = x;
  x = v.name;
  p = stringProblem(R.name, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'name' in v) out.name = x;
  x = v.receiver;
  p = stringProblem(R.receiver, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'receiver' in v) out.receiver = x;
  x = v.rxTime;
  p = numberProblem(R.rxTime, x);
  if (p !== undefined) return p;
  if (x !== undefined || 'rxTime' in v) out.rxTime = x;
  return reported(out as Report);
}
