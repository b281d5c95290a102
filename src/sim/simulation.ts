import type { Scenario } from '../schema/scenario.js';
import type { Truth } from '../schema/truth.js';
import { type AirContext, drawTraits, SimAircraft } from './aircraft.js';
import { AisFeed } from './ais/feed.js';
import { Coverage } from './coverage.js';
import { activeEmitters, compileEmitters, type Emitter } from './emitters.js';
import { type Flight, newAircraftState, planFlights } from './flights.js';
import { Prng } from './prng.js';
import { formatSnapshot, newReadsbEntry } from './readsb-json.js';
import { createVessels, newVesselState } from './sea-traffic.js';
import { TruthRecorder } from './truth-recorder.js';
import { type SeaContext, SimVessel } from './vessel.js';

/**
 * The simulation loop: one tick per second of scenario time. Each tick moves every flight and lets readsb hear it
 * (an aircraft.json snapshot every `snapshotIntervalS`), and sends the AIS messages that are due. Lines come out in
 * delivery order as a generator, so a six-hour day with millions of reports never sits in memory; the ground truth
 * is complete once the generator is exhausted. Deterministic: the same scenario and seed give the same lines.
 */
export interface SimLine {
  readonly feed: 'adsb' | 'ais';
  /** Delivery time, epoch ms (for AIS, a late message's c: time is older). */
  readonly t: number;
  readonly text: string;
}

const TICK_MS = 1000;
const MS_PER_MIN = 60_000;
/** readsb keeps listing an aircraft for up to 60 s after its last message; after its flight ends it is gone. */
const LINGER_MS = 60_000;

export class Simulation {
  readonly seed: number;
  readonly startMs: number;
  readonly endMs: number;
  private readonly emitters: Emitter[];
  private readonly recorder: TruthRecorder;
  private result: Truth | undefined;
  private started = false;

  constructor(
    readonly scenario: Scenario,
    seed?: number,
  ) {
    this.seed = seed ?? scenario.seed;
    this.startMs = Date.parse(scenario.start);
    this.endMs = this.startMs + scenario.durationMin * MS_PER_MIN;
    this.emitters = compileEmitters(scenario);
    this.recorder = new TruthRecorder(scenario, this.emitters);
  }

  /** The feed lines in delivery order. Can be iterated once. */
  *lines(): Generator<SimLine> {
    if (this.started) throw new Error('a Simulation can be run once; create a new one');
    this.started = true;
    const scenario = this.scenario;
    const root = new Prng(this.seed);
    const flights: Flight[] = planFlights(scenario, root.derive('flights'));
    const traitRng = root.derive('traits');
    const gnssRng = root.derive('gnss');
    const feed = new AisFeed(scenario.nuisances, root.derive('ais-feed'));
    const vessels = createVessels(scenario, root.derive('vessels')).map((v) => new SimVessel(v, this.startMs, gnssRng));
    const snapshotMs = (scenario.air?.snapshotIntervalS ?? 1) * 1000;
    const air: AirContext = {
      emitters: [],
      coverage: new Coverage(scenario, 'adsb'),
      truth: this.recorder,
      rng: root.derive('air'),
      state: newAircraftState(),
    };
    const out: string[] = [];
    const sea: SeaContext = {
      emitters: [],
      startMs: this.startMs,
      antennaM: scenario.sea?.shipAntennaM ?? 10,
      coverage: new Coverage(scenario, 'ais'),
      feed,
      truth: this.recorder,
      rng: root.derive('sea'),
      state: newVesselState(),
      out,
    };
    const entry = newReadsbEntry();
    const active: SimAircraft[] = [];
    const listedIds = new Set<string>();
    const nuisances: Truth['nuisances'] = { chronicBad: [], version0: [], mlat: [], degradedOnEntry: [] };
    const heardVessels = new Set<number>();
    let nextFlight = 0;
    let messages = 0;
    let snapshots = 0;
    let entries = 0;

    for (let t = this.startMs; t < this.endMs; t += TICK_MS) {
      const emitters = activeEmitters(this.emitters, t);
      air.emitters = emitters;
      sea.emitters = emitters;
      while (nextFlight < flights.length && flights[nextFlight]!.tStart <= t) {
        const f = flights[nextFlight++]!;
        active.push(new SimAircraft(f, drawTraits(f, scenario.nuisances, scenario.area, traitRng), gnssRng));
      }
      const snapshot = scenario.air !== undefined && (t - this.startMs) % snapshotMs === 0;
      const list: string[] = [];
      let kept = 0;
      for (const ac of active) {
        if (t <= ac.flight.tEnd) {
          messages += ac.step(t, air);
        } else if (t > ac.flight.tEnd + LINGER_MS) {
          continue;
        }
        active[kept++] = ac;
        if (snapshot && ac.listed(t)) {
          list.push(ac.entry(t, entry));
          if (!listedIds.has(ac.id)) {
            listedIds.add(ac.id);
            noteNuisances(ac, nuisances);
          }
        }
      }
      active.length = kept;
      if (snapshot) {
        snapshots++;
        entries += list.length;
        yield { feed: 'adsb', t, text: formatSnapshot(t, messages, list) };
      }
      for (const v of vessels) {
        if (t < v.nextAt) continue;
        const before = out.length;
        v.step(t, sea);
        if (out.length > before) heardVessels.add(v.vessel.index);
      }
      feed.release(t, out);
      for (const text of out) yield { feed: 'ais', t, text };
      out.length = 0;
    }
    feed.release(Number.POSITIVE_INFINITY, out);
    for (const text of out) yield { feed: 'ais', t: this.endMs, text };
    this.result = this.recorder.build(
      this.seed,
      {
        flights: listedIds.size,
        vessels: heardVessels.size,
        adsbSnapshots: snapshots,
        adsbEntries: entries,
        aisSentences: feed.sentences,
      },
      nuisances,
    );
  }

  /** The ground truth; available once `lines()` has been consumed to the end. */
  truth(): Truth {
    if (!this.result) throw new Error('the ground truth is complete only after all lines were read');
    return this.result;
  }
}

function noteNuisances(ac: SimAircraft, n: Truth['nuisances']): void {
  const tr = ac.traits;
  if (tr.chronicBad) n.chronicBad.push(ac.id);
  if (tr.version === 0) n.version0.push(ac.id);
  if (tr.mlat) n.mlat.push(ac.id);
  if (tr.degradedUntil > Number.NEGATIVE_INFINITY) n.degradedOnEntry.push(ac.id);
}

export interface SimulationResult {
  adsbLines: string[];
  aisLines: string[];
  truth: Truth;
}

/** Runs a whole scenario in memory: for tests and short scenarios (use `Simulation.lines()` for long ones). */
export function simulate(scenario: Scenario, seed?: number): SimulationResult {
  const sim = new Simulation(scenario, seed);
  const adsbLines: string[] = [];
  const aisLines: string[] = [];
  for (const line of sim.lines()) (line.feed === 'adsb' ? adsbLines : aisLines).push(line.text);
  return { adsbLines, aisLines, truth: sim.truth() };
}
