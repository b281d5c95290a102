import type { Scenario } from '../../schema/scenario.js';
import type { Prng } from '../prng.js';
import { aivdmSentences, tagBlock } from './nmea.js';
import type { BitWriter } from './sixbit.js';

/**
 * The AIS feed as receivers deliver it: each message heard by the nearest receiver in range, sometimes also by a
 * second one (a duplicate with its own s: tag), sometimes lost to a slot collision, sometimes delivered late (its c:
 * time older than the lines around it). Channels alternate A/B; multi-part messages get sequence ids 0–9.
 */
interface Late {
  release: number;
  lines: string[];
}

export class AisFeed {
  private readonly late: Late[] = [];
  private channel = 0;
  private sequence = 0;
  sentences = 0;

  constructor(
    private readonly nuisances: Scenario['nuisances'],
    private readonly rng: Prng,
  ) {}

  /**
   * Sends one message at time t (ms) heard by `receivers` (nearest first); writes its lines to `out` or queues them
   * as late. Returns true when at least one copy got through.
   */
  send(t: number, bits: BitWriter, receivers: readonly ({ id: string } | undefined)[], out: string[]): boolean {
    const first = receivers[0];
    if (!first || this.rng.chance(this.nuisances.aisLossFraction)) return false;
    const { payload, fill } = bits.armour();
    const channel = this.channel++ % 2 === 0 ? 'A' : 'B';
    const sequence = this.sequence;
    if (payload.length > 60) this.sequence = (this.sequence + 1) % 10;
    const unixS = Math.floor(t / 1000);
    this.emit(t, aivdmSentences(payload, fill, channel, sequence, tagBlock(first.id, unixS)), out);
    const second = receivers[1];
    if (second && this.rng.chance(this.nuisances.aisDuplicateFraction)) {
      this.emit(t, aivdmSentences(payload, fill, channel, sequence, tagBlock(second.id, unixS)), out);
    }
    return true;
  }

  private emit(t: number, lines: string[], out: string[]): void {
    this.sentences += lines.length;
    if (this.rng.chance(this.nuisances.aisLateFraction)) {
      const release = t + this.rng.inRange(this.nuisances.aisLateDelayS) * 1000;
      let i = this.late.length;
      while (i > 0 && this.late[i - 1]!.release > release) i--;
      this.late.splice(i, 0, { release, lines });
      return;
    }
    for (const line of lines) out.push(line);
  }

  /** Lines of late messages whose delivery time has come (all of them when t is +∞). */
  release(t: number, out: string[]): void {
    while (this.late.length > 0 && this.late[0]!.release <= t) {
      for (const line of this.late.shift()!.lines) out.push(line);
    }
  }
}
