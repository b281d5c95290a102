/**
 * The alert lifecycle rules, as pure functions (the event stage applies them):
 *
 *  pending ──(anomalous on ≥ openTicks ticks, or one cell at ≥ openLevel)──▶ open
 *  pending ──(no active cell)──▶ dropped, never published (a burst)
 *  open ──(material change, ≥ minUpdateIntervalMs since the last message; a severity rise at once)──▶ update
 *  open ──(no anomalous cell for resolveAfterMs)──▶ resolved, endedAt = the last anomalous tick
 *  resolved ──(anomalous again within reopenWithinMs, within joinRings of its cells)──▶ pending under the same id,
 *             then open again by the same rule; forgotten after reopenWithinMs
 *
 * Severity rises at once and falls only after the lower level has held for severityHoldMs (then to the highest level
 * seen while it was lower): hysteresis, so a cell hovering on a band edge does not flap the alert.
 */
export interface OpenRule {
  readonly openTicks: number;
  readonly openLevel: number;
}

export function shouldOpen(ticks: number, level: number, rule: OpenRule): boolean {
  return ticks >= rule.openTicks || level >= rule.openLevel;
}

export function shouldResolve(now: number, lastAnomalousAt: number, resolveAfterMs: number): boolean {
  return now - lastAnomalousAt >= resolveAfterMs;
}

export function shouldForget(now: number, endedAt: number, reopenWithinMs: number): boolean {
  return now - endedAt > reopenWithinMs;
}

export interface SeverityState {
  /** Published level, 1–3. */
  severity: number;
  /** When the current level first fell below `severity`, −1 when it has not. */
  lowerSince: number;
  /** Highest level seen since `lowerSince`. */
  lowerMax: number;
}

export function nextSeverity(state: SeverityState, level: number, now: number, holdMs: number): SeverityState {
  if (level >= state.severity) return { severity: level, lowerSince: -1, lowerMax: 0 };
  if (state.lowerSince < 0) return { severity: state.severity, lowerSince: now, lowerMax: level };
  const lowerMax = Math.max(state.lowerMax, level);
  if (now - state.lowerSince >= holdMs) return { severity: Math.max(1, lowerMax), lowerSince: -1, lowerMax: 0 };
  return { severity: state.severity, lowerSince: state.lowerSince, lowerMax };
}

export interface UpdateRule {
  readonly minUpdateIntervalMs: number;
  readonly updateCellFraction: number;
  readonly updateCountFraction: number;
  readonly updateCountMin: number;
}

/** What the last message said, to judge whether the event changed materially since. */
export interface Published {
  at: number;
  severity: number;
  cells: string[];
  affected: number;
}

export function updateDue(last: Published, now: Published, rule: UpdateRule): boolean {
  if (now.severity > last.severity) return true;
  if (now.at - last.at < rule.minUpdateIntervalMs) return false;
  if (now.severity !== last.severity) return true;
  const before = new Set(last.cells);
  let changed = 0;
  for (const cell of now.cells) if (!before.has(cell)) changed++;
  changed += last.cells.length - (now.cells.length - changed);
  if (changed >= Math.max(1, Math.ceil(rule.updateCellFraction * last.cells.length))) return true;
  const delta = Math.abs(now.affected - last.affected);
  return delta >= Math.max(rule.updateCountMin, rule.updateCountFraction * last.affected);
}
