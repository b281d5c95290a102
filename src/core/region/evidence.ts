import type { AnomalousCell } from '../../schema/cell.js';
import { EVIDENCE, type EvidenceFlag } from '../../schema/observation.js';
import { GROUP_AIR_HIGH, GROUP_AIR_LOW, GROUP_SEA } from './craft-group.js';
import type { WindowTally } from './window-tally.js';

/**
 * Evidence of an anomalous cell: the reasons in words and the figures behind them (DESIGN.md, Alert `evidence`).
 * Codes ending in a count of craft (`COUNT_CODES`) may be summed across cells by the event stage; ratios may not.
 */
export type Evidence = AnomalousCell['evidence'][number];

/** Code and wording of each observation evidence flag, as a count of craft. JUMP reads `JUMPS`, as on gnss_cell. */
const FLAG_EVIDENCE: Record<EvidenceFlag, { code: string; text: string }> = {
  NACP_LOW: { code: 'NACP_LOW', text: 'craft with a low position accuracy (NACp)' },
  NIC_LOW: { code: 'NIC_LOW', text: 'craft with a low integrity containment (NIC)' },
  NO_POSITION: { code: 'NO_POSITION', text: 'craft sending no position while airborne or under way' },
  LOST_FIX: { code: 'LOST_FIX', text: 'craft that lost their GNSS fix' },
  GNSS_STATUS: { code: 'GNSS_STATUS', text: 'vessels reporting a position that is not from GNSS' },
  ACCURACY_DROP: { code: 'ACCURACY_DROP', text: 'vessels whose position accuracy dropped' },
  JUMP: { code: 'JUMPS', text: 'craft whose position jumped faster than they can move' },
  FROZEN: { code: 'FROZEN', text: 'craft whose position froze while moving' },
  ALT_MISMATCH: { code: 'ALT_MISMATCH', text: 'aircraft whose GNSS and barometric altitudes disagree' },
  ON_LAND: { code: 'ON_LAND', text: 'vessels reported on land' },
  CIRCLING: { code: 'CIRCLING', text: 'vessels drawing circles' },
  CONVERGING: { code: 'CONVERGING', text: 'craft converging on one false position' },
};

/** EVIDENCE flags in bit order, matching `WindowTally.flags`. */
const FLAGS_BY_BIT = (Object.keys(EVIDENCE) as EvidenceFlag[]).sort((a, b) => EVIDENCE[a] - EVIDENCE[b]);

export const COUNT_CODES: ReadonlySet<string> = new Set([
  'DEGRADED',
  'SPOOFED',
  ...Object.values(FLAG_EVIDENCE).map((e) => e.code),
]);

export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)} %`;
}

/** Rounded for the message; the decision used the full value. */
export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export function cellEvidence(tally: WindowTally, baseline: number, gpsjam: number): Evidence[] {
  const out: Evidence[] = [];
  const ratio = tally.totalAffected / tally.total;
  out.push({
    code: 'AFFECTED_RATIO',
    text: `${tally.totalAffected} of ${tally.total} craft affected (${percent(ratio)}) against a learned ${percent(baseline)}`,
    value: round4(ratio),
  });
  out.push({ code: 'BASELINE', text: 'learned share of affected craft in quiet times', value: round4(baseline) });
  const degraded = tally.totalAffected - tally.totalSpoofed;
  if (degraded > 0) out.push({ code: 'DEGRADED', text: 'craft with degraded GNSS', value: degraded });
  if (tally.totalSpoofed > 0)
    out.push({ code: 'SPOOFED', text: 'craft with a spoofed position', value: tally.totalSpoofed });
  groupRatio(out, 'AIR_HIGH_RATIO', 'aircraft at or above the altitude band', tally, GROUP_AIR_HIGH);
  groupRatio(out, 'AIR_LOW_RATIO', 'aircraft below the altitude band', tally, GROUP_AIR_LOW);
  groupRatio(out, 'SEA_RATIO', 'vessels', tally, GROUP_SEA);
  for (let bit = 0; bit < FLAGS_BY_BIT.length; bit++) {
    const count = tally.flags[bit]!;
    if (count === 0) continue;
    const flag = FLAG_EVIDENCE[FLAGS_BY_BIT[bit]!];
    out.push({ code: flag.code, text: flag.text, value: count });
  }
  out.push({
    code: 'GPSJAM_RATIO',
    text: "gpsjam.org's (bad − 1)/(bad + good) on the same window",
    value: round4(gpsjam),
  });
  return out;
}

function groupRatio(out: Evidence[], code: string, what: string, tally: WindowTally, group: number): void {
  const craft = tally.craft[group]!;
  if (craft === 0) return;
  const affected = tally.affected[group]!;
  out.push({ code, text: `${affected} of ${craft} ${what} affected`, value: round4(affected / craft) });
}
