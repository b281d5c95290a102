import { NO_ROW, type SlabLayout, type SlabRows } from '../../collections/slab.js';
import { FLAG_UNKNOWN } from './ais-rules.js';
import { MODE, type Mode, TRIGGER, type Trigger } from './track-mode.js';

/**
 * Everything the entity stage keeps about one craft, as one row of a SlabMap (see slab.ts for why rows: a class
 * instance per craft cost ~940 bytes with its boxed doubles and its Map slot; a row costs 224 bytes, ~270 with its
 * Map slot). Unknown numbers are NaN. A craft's last report time, for the idle expiry, is the map's own `lastSeen`.
 *
 * CraftState is a view, not a record: one instance per stage, pointed with `at` at the row of the craft whose report
 * is being processed, and read and written through accessors. A reference to it is good until the next `at`.
 *
 * Row layout (slots after the SlabMap's own):
 *   doubles  0 refLat · 1 refLon · 2 refT · 3 refLastT · 4 goodLat · 5 goodLon · 6 goodT · 7 goodGs · 8 goodTrack ·
 *            9 alt · 10 lastHealthyT · 11 healthyLat · 12 healthyLon · 13 healthyAlt · 14 modeSince · 15 bucket ·
 *            16 cellLat · 17 cellLon · 18 cellSafeKm
 *   ints     0 repeats · 1 counter · 2 integrityEvidence · 3 anomalies · 4 altStreak · 5 circling (a row of the
 *            stage's circling slab, or NO_ROW); 6–9 hold the small fields below, one signed byte each
 *   bytes    0 frozen · 1 degraded · 2 everGood · 3 hasIntegrity · 4 chronic · 5 sea · 6 ignored (booleans as 0/1) ·
 *            7 mode · 8 trigger · 9 accuracy · 10 raim · 11 emittedRank · 12 src
 *   refs     0 cell
 * The accessors write these slot numbers as literals, not named constants: a module constant costs an accessor 4 more
 * bytes of bytecode (a context load and its hole check), and V8 inlines accessors into a hot function out of one
 * bytecode budget per function (920 bytes in Node 20), the stage's own helpers included. With named constants the
 * budget of `process` ran out before `exclusionOf`, and the stage ran ~7 % slower (entity bench passes interleaved
 * with the literal version in one process). test/unit/core/entity/craft-state.test.ts checks that no two fields share
 * a slot.
 */

/** Int slot where the bytes of the small fields start. */
const SMALL = 6;
const SMALL_SLOTS = 4;
const U = Number.NaN;

export const CRAFT_LAYOUT: SlabLayout = {
  doubles: [U, U, U, U, U, U, U, U, U, 0, U, U, U, 0, U, -1, U, U, U],
  // the small fields hold 0 until `init` gives them their start values
  ints: [0, 0, 0, 0, 0, NO_ROW, ...new Array<number>(SMALL_SLOTS).fill(0)],
  refs: [''],
};

const NO_DOUBLES = new Float64Array(0);
const NO_INTS = new Int32Array(0);
const NO_BYTES = new Int8Array(0);

export class CraftState {
  private f: Float64Array = NO_DOUBLES;
  private fb = 0;
  private i: Int32Array = NO_INTS;
  private ib = 0;
  private b: Int8Array = NO_BYTES;
  private bb = 0;
  private r: unknown[] = [];
  private rb = 0;

  /** Point the view at `row` of `crafts` (rows of CRAFT_LAYOUT). */
  at(crafts: SlabRows, row: number): this {
    const c = crafts.chunk(row);
    this.f = c.f;
    this.fb = crafts.doubleIndex(row);
    this.i = c.i;
    this.ib = crafts.intIndex(row);
    this.b = c.b;
    this.bb = (this.ib + SMALL) * 4;
    this.r = c.r;
    this.rb = crafts.refIndex(row);
    return this;
  }

  /** Start a new craft's row: a vessel (AIS) or not, ignored by configuration or not, for good. */
  init(sea: boolean, ignored: boolean): void {
    const b = this.b;
    const k = this.bb;
    b[k + 5] = +sea;
    b[k + 6] = +ignored;
    b[k + 7] = MODE.NORMAL;
    b[k + 8] = TRIGGER.NONE;
    b[k + 9] = FLAG_UNKNOWN;
    b[k + 10] = FLAG_UNKNOWN;
    b[k + 11] = -1;
    b[k + 12] = -1;
  }

  get sea(): boolean {
    return this.b[this.bb + 5] !== 0;
  }
  get ignored(): boolean {
    return this.b[this.bb + 6] !== 0;
  }

  // The kinematic reference: the last distinct position of the current position source.
  get src(): number {
    return this.b[this.bb + 12]!;
  }
  set src(v: number) {
    this.b[this.bb + 12] = v;
  }
  get refLat(): number {
    return this.f[this.fb]!;
  }
  get refLon(): number {
    return this.f[this.fb + 1]!;
  }
  /** First and latest report of the reference position (they differ when it repeats). */
  get refT(): number {
    return this.f[this.fb + 2]!;
  }
  get refLastT(): number {
    return this.f[this.fb + 3]!;
  }
  set refLastT(v: number) {
    this.f[this.fb + 3] = v;
  }
  get repeats(): number {
    return this.i[this.ib]!;
  }
  set repeats(v: number) {
    this.i[this.ib] = v;
  }
  get frozen(): boolean {
    return this.b[this.bb] !== 0;
  }
  set frozen(v: boolean) {
    this.b[this.bb] = +v;
  }

  // The last good position: trustworthy (not spoofed, not frozen), with the velocity reported there.
  get goodLat(): number {
    return this.f[this.fb + 4]!;
  }
  get goodLon(): number {
    return this.f[this.fb + 5]!;
  }
  get goodT(): number {
    return this.f[this.fb + 6]!;
  }
  get goodGs(): number {
    return this.f[this.fb + 7]!;
  }
  get goodTrack(): number {
    return this.f[this.fb + 8]!;
  }
  /** Last known altitude, ft (barometric when known). */
  get alt(): number {
    return this.f[this.fb + 9]!;
  }
  set alt(v: number) {
    this.f[this.fb + 9] = v;
  }

  // Integrity (ADS-B NIC/NACp, AIS fix flags).
  get counter(): number {
    return this.i[this.ib + 1]!;
  }
  set counter(v: number) {
    this.i[this.ib + 1] = v;
  }
  get degraded(): boolean {
    return this.b[this.bb + 1] !== 0;
  }
  set degraded(v: boolean) {
    this.b[this.bb + 1] = +v;
  }
  /** EVIDENCE bits of the bad reports behind the current degradation. */
  get integrityEvidence(): number {
    return this.i[this.ib + 2]!;
  }
  set integrityEvidence(v: number) {
    this.i[this.ib + 2] = v;
  }
  /** The craft has been healthy at least once since it appeared: a later loss happened here. */
  get everGood(): boolean {
    return this.b[this.bb + 2] !== 0;
  }
  set everGood(v: boolean) {
    this.b[this.bb + 2] = +v;
  }
  /** The craft sends NIC/NACp at all (or readsb judged it); without, only its track can be judged. */
  get hasIntegrity(): boolean {
    return this.b[this.bb + 3] !== 0;
  }
  set hasIntegrity(v: boolean) {
    this.b[this.bb + 3] = +v;
  }
  /** Last healthy report (ms), and where it was (NaN when it had no position): the edge of an emitter's reach. */
  get lastHealthyT(): number {
    return this.f[this.fb + 10]!;
  }
  set lastHealthyT(v: number) {
    this.f[this.fb + 10] = v;
  }
  get healthyLat(): number {
    return this.f[this.fb + 11]!;
  }
  get healthyLon(): number {
    return this.f[this.fb + 12]!;
  }
  get healthyAlt(): number {
    return this.f[this.fb + 13]!;
  }
  /** AIS position-accuracy and RAIM flags of the last report that had them (FLAG_*). */
  get accuracy(): number {
    return this.b[this.bb + 9]!;
  }
  set accuracy(v: number) {
    this.b[this.bb + 9] = v;
  }
  get raim(): number {
    return this.b[this.bb + 10]!;
  }
  set raim(v: number) {
    this.b[this.bb + 10] = v;
  }

  // Spoofing.
  get mode(): Mode {
    return this.b[this.bb + 7]! as Mode;
  }
  set mode(v: Mode) {
    this.b[this.bb + 7] = v;
  }
  get trigger(): Trigger {
    return this.b[this.bb + 8]! as Trigger;
  }
  set trigger(v: Trigger) {
    this.b[this.bb + 8] = v;
  }
  get modeSince(): number {
    return this.f[this.fb + 14]!;
  }
  set modeSince(v: number) {
    this.f[this.fb + 14] = v;
  }
  /** EVIDENCE bits of standing anomalies: ALT_MISMATCH, CIRCLING, CONVERGING. */
  get anomalies(): number {
    return this.i[this.ib + 3]!;
  }
  set anomalies(v: number) {
    this.i[this.ib + 3] = v;
  }
  get altStreak(): number {
    return this.i[this.ib + 4]!;
  }
  set altStreak(v: number) {
    this.i[this.ib + 4] = v;
  }
  /** Row of the vessel's accumulated turn in the stage's circling slab (NO_ROW: none, see circling.ts). */
  get circling(): number {
    return this.i[this.ib + 5]!;
  }
  set circling(v: number) {
    this.i[this.ib + 5] = v;
  }

  // Emission.
  /** The time bucket of the last report (−1: none yet). */
  get bucket(): number {
    return this.f[this.fb + 15]!;
  }
  set bucket(v: number) {
    this.f[this.fb + 15] = v;
  }
  /** Worst status rank sent in the current bucket (−1: none yet). */
  get emittedRank(): number {
    return this.b[this.bb + 11]!;
  }
  set emittedRank(v: number) {
    this.b[this.bb + 11] = v;
  }
  get chronic(): boolean {
    return this.b[this.bb + 4] !== 0;
  }
  set chronic(v: boolean) {
    this.b[this.bb + 4] = +v;
  }
  /** Cell cache (see cell-locator.ts): the last cell, its centre and a radius inside which a position stays in it. */
  get cell(): string {
    return this.r[this.rb] as string;
  }
  set cell(v: string) {
    this.r[this.rb] = v;
  }
  get cellLat(): number {
    return this.f[this.fb + 16]!;
  }
  set cellLat(v: number) {
    this.f[this.fb + 16] = v;
  }
  get cellLon(): number {
    return this.f[this.fb + 17]!;
  }
  set cellLon(v: number) {
    this.f[this.fb + 17] = v;
  }
  get cellSafeKm(): number {
    return this.f[this.fb + 18]!;
  }
  set cellSafeKm(v: number) {
    this.f[this.fb + 18] = v;
  }

  setRef(lat: number, lon: number, t: number): void {
    const f = this.f;
    const b = this.fb;
    f[b] = lat;
    f[b + 1] = lon;
    f[b + 2] = t;
    f[b + 3] = t;
    this.i[this.ib] = 0;
  }

  setGood(lat: number, lon: number, t: number, gs: number | undefined, track: number | undefined): void {
    const f = this.f;
    const b = this.fb;
    f[b + 4] = lat;
    f[b + 5] = lon;
    f[b + 6] = t;
    f[b + 7] = gs ?? U;
    f[b + 8] = track ?? U;
  }

  markHealthy(t: number, lat: number, lon: number, alt: number): void {
    this.b[this.bb + 2] = 1;
    const f = this.f;
    const b = this.fb;
    f[b + 10] = t;
    f[b + 11] = lat;
    f[b + 12] = lon;
    f[b + 13] = alt;
  }

  /** Forget the track and any episode (a landing: the next flight starts afresh); the circling row is the caller's. */
  resetTrack(): void {
    const f = this.f;
    const b = this.fb;
    f[b] = U;
    f[b + 1] = U;
    const i = this.i;
    const k = this.ib;
    i[k] = 0;
    i[k + 1] = 0;
    i[k + 2] = 0;
    i[k + 3] = 0;
    i[k + 4] = 0;
    const s = this.b;
    const j = this.bb;
    s[j + 12] = -1;
    s[j] = 0;
    s[j + 1] = 0;
    s[j + 7] = MODE.NORMAL;
    s[j + 8] = TRIGGER.NONE;
  }
}
