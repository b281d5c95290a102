/**
 * Reassembly of multi-part AIS messages (IEC 61162-1 VDM: a message longer than one sentence is split over up to
 * nine sentences that share a sequential id and arrive in order, 1 … count).
 *
 * Groups are keyed by the caller (source or talker, channel, sequential id, count; or the tag block's g: group id),
 * so that interleaved messages from several receivers and channels do not mix. The time of a message is the time of
 * its first part. A group is incomplete, and reported once through `onIncomplete` as AIS_MULTIPART, when:
 *   - a new part 1 arrives for its key before it completed (the old group is superseded);
 *   - a part arrives out of order, or more than the timeout away from part 1 (by the parts' own event times);
 *   - a new group starts more than the timeout after it, by event time (expiry);
 *   - more than `maxPending` groups are waiting (the stalest goes);
 *   - `flush()` is called at the end of the input.
 * A later part that cannot be placed is itself returned as an AIS_MULTIPART failure.
 */
import { BoundedMap } from '../../collections/bounded-map.js';
import { type DecodeFailure, failure } from '../../errors.js';

/**
 * Parts of one message are sent in consecutive slots (26.7 ms each, ITU-R M.1371-5 Annex 2 §3.1) and forwarded
 * together, so they arrive within a second; 5 s also covers tag-block times in whole seconds and slow aggregators.
 */
export const FRAGMENT_TIMEOUT_MS = 5_000;

/**
 * A receiver uses at most 10 sequential ids per channel, so 20 groups can be open per source; 1,000 covers an
 * aggregated feed of 50 busy receivers with parts interleaved.
 */
export const MAX_PENDING_GROUPS = 1_000;

/** A complete message: the joined payload, the last part's fill bits, and the first part's time and receiver. */
export interface AssembledMessage {
  readonly payload: string;
  readonly fillBits: number;
  readonly timeMs: number;
  readonly receiver: string | undefined;
}

interface PendingGroup {
  /** Event time of the first part: the BoundedMap expiry clock and the message's time. */
  lastSeen: number;
  readonly key: string;
  readonly count: number;
  readonly receiver: string | undefined;
  received: number;
  payload: string;
}

export interface MultipartAssemblerOptions {
  readonly maxPending?: number;
  readonly timeoutMs?: number;
  /** Called once for every group that will never complete. */
  readonly onIncomplete?: (failure: DecodeFailure) => void;
}

export class MultipartAssembler {
  private readonly pending: BoundedMap<string, PendingGroup>;
  private readonly timeoutMs: number;
  private readonly onIncomplete: ((failure: DecodeFailure) => void) | undefined;

  constructor(options: MultipartAssemblerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? FRAGMENT_TIMEOUT_MS;
    this.onIncomplete = options.onIncomplete;
    this.pending = new BoundedMap(options.maxPending ?? MAX_PENDING_GROUPS, (_key, group) =>
      this.incomplete(group, 'timed out or evicted'),
    );
  }

  /** Groups waiting for more parts. */
  get size(): number {
    return this.pending.size;
  }

  /**
   * Add one part. `timeMs` is the part's event time: required for part 1 (the message's time), and for later parts
   * their own time when the input gives them one (undefined otherwise: they are not checked against the timeout).
   * Returns the message when this part completes it, undefined while more parts are expected, or a failure when this
   * part cannot be placed.
   */
  add(
    key: string,
    count: number,
    number: number,
    payload: string,
    fillBits: number,
    timeMs: number | undefined,
    receiver: string | undefined,
  ): AssembledMessage | DecodeFailure | undefined {
    if (number === 1) {
      const time = timeMs ?? 0;
      const previous = this.pending.get(key);
      if (previous !== undefined) {
        this.pending.delete(key);
        this.incomplete(previous, 'superseded by a new part 1');
      }
      this.pending.expireBefore(time - this.timeoutMs);
      this.pending.set(key, { lastSeen: time, key, count, receiver, received: 1, payload });
      return undefined;
    }
    const group = this.pending.get(key);
    if (group === undefined) return failure('AIS_MULTIPART', `part ${number} of ${count} arrived without part 1`);
    if (number !== group.received + 1 || (timeMs !== undefined && Math.abs(timeMs - group.lastSeen) > this.timeoutMs)) {
      this.pending.delete(key);
      this.incomplete(group, `part ${number} arrived out of order or too late`);
      return failure('AIS_MULTIPART', `part ${number} of ${count} does not continue its group`);
    }
    group.payload += payload;
    group.received = number;
    if (number < count) return undefined;
    this.pending.delete(key);
    return { payload: group.payload, fillBits, timeMs: group.lastSeen, receiver: group.receiver };
  }

  /** End of input: every waiting group is incomplete. */
  flush(): void {
    for (const group of this.pending.values()) this.incomplete(group, 'input ended');
    this.pending.clear();
  }

  private incomplete(group: PendingGroup, why: string): void {
    this.onIncomplete?.(
      failure('AIS_MULTIPART', `${group.received} of ${group.count} parts of group ${group.key}: ${why}`),
    );
  }
}
