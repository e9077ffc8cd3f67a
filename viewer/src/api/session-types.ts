// Session, scenario, what-if and alert-settings payloads (mirrors of twin-api shapes).

/** A training session's position (GET /api/sessions/:id, `state` channel with kind "session"). */
export interface SessionView {
  readonly id: string;
  readonly source: { readonly kind: 'scenario'; readonly scenario: string } | { readonly kind: 'recording'; readonly recordingId: number } | { readonly kind: 'branch'; readonly from: string; readonly atS: number };
  readonly scenario: string;
  readonly t: string;
  readonly tS: number;
  readonly startS: number;
  readonly endS: number;
  readonly running: boolean;
  readonly finished: boolean;
  readonly speed: number | 'max';
  readonly recording: boolean;
  readonly timelineMarks: number;
}

/** GET /api/sessions/:id/timeline item. */
export interface TimelineMark {
  readonly tS: number;
  readonly type: 'defect' | 'fault_onset' | 'failure' | 'maintenance' | 'setpoint_changed' | string;
  readonly asset: string;
  readonly label: string;
}

export interface ScenarioSummary {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly durationS: number;
}

export interface RecordingSummary {
  readonly id: number;
  readonly name: string;
  readonly scenario?: string;
  readonly durationS?: number;
}

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

/** GET /api/settings/alerts (the scalar parts the form edits; lists are edited as JSON). */
export interface AlertSettings {
  readonly thresholds: readonly Record<string, unknown>[];
  readonly rateRules: readonly Record<string, unknown>[];
  readonly hysteresis: { readonly deadbandFraction: number; readonly clearSamples: number; readonly openSamples: number };
  readonly coolDownS: number;
  readonly updateIntervalS: number;
  readonly anomaly: { readonly severity: string; readonly clearReports: number };
}
