import type { Outcome } from '../decode/outcome.js';

/**
 * Counts of what the decoders made of the input, per kind: reports, state-only messages, ignored by reason, bad
 * input by code. Every frame or line read lands in exactly one count, so nothing disappears unseen.
 */
export class InputStats {
  reports = 0;
  state = 0;
  readonly ignored = new Map<string, number>();
  readonly invalid = new Map<string, number>();

  count(outcome: Outcome): void {
    if (!outcome.ok) this.invalid.set(outcome.code, (this.invalid.get(outcome.code) ?? 0) + 1);
    else if (outcome.kind === 'report') this.reports++;
    else if (outcome.kind === 'state') this.state++;
    else this.ignored.set(outcome.reason, (this.ignored.get(outcome.reason) ?? 0) + 1);
  }

  /** Back to zero: for a driver that moves the counts elsewhere (the worker's metrics) after each batch. */
  reset(): void {
    this.reports = 0;
    this.state = 0;
    this.ignored.clear();
    this.invalid.clear();
  }

  get invalidTotal(): number {
    let total = 0;
    for (const n of this.invalid.values()) total += n;
    return total;
  }

  get ignoredTotal(): number {
    let total = 0;
    for (const n of this.ignored.values()) total += n;
    return total;
  }

  get total(): number {
    return this.reports + this.state + this.ignoredTotal + this.invalidTotal;
  }

  toJSON() {
    return {
      total: this.total,
      reports: this.reports,
      state: this.state,
      ignored: Object.fromEntries(this.ignored),
      invalid: Object.fromEntries(this.invalid),
    };
  }
}
