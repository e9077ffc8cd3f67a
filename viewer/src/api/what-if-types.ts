// What-if payloads as the viewer reads them: a mirror until protocol/what-if.ts (the what-if
// engineer's move of the request/result schemas) lands; then import from there and delete this file.

/** Mean, standard deviation and 10th/90th percentiles over seeds. */
export interface Spread {
  readonly mean: number;
  readonly std: number;
  readonly p10: number;
  readonly p90: number;
}

export interface BranchSummary {
  readonly units: Spread;
  readonly defectsPer1000: Spread;
  readonly firstPassYieldPct: Spread;
  readonly unitsPerH: Spread;
  readonly energyMWh: Spread;
}

/** POST /api/digital-twin/what-if result (the parts the viewer shows). */
export interface WhatIfResult {
  readonly request: { readonly changes: readonly { setpoint: string; value: number; asset: string }[]; readonly horizonS: number; readonly seeds: readonly number[] };
  readonly startIso: string;
  readonly assets: readonly string[];
  readonly baseline: BranchSummary;
  readonly changed: BranchSummary;
  readonly delta: { readonly defectsPer1000: Spread; readonly firstPassYieldPct: Spread; readonly unitsPerH: Spread; readonly energyMWh: Spread };
  readonly timeToEffect: { readonly tS: number | null; readonly quantity: string | null; readonly resolutionS: number };
  readonly wallMs: number;
}
