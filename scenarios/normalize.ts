/** From a schema-valid file to a `Scenario`: times in seconds, defaults filled, references checked. */

import { AssetIndex } from './asset-index.ts';
import {
  DEFAULT_DISTURBANCES,
  DEFAULT_SEED,
  DEFAULT_START,
  DEFAULT_STEP_S,
  MAX_DURATION_S,
  MAX_STEP_S,
} from './defaults.ts';
import { formatDuration, parseDuration } from './duration.ts';
import { normalizeActions, normalizeFaults } from './events.ts';
import { MACHINE_PROFILE_FAULTS } from './faults.ts';
import type { DisturbancesFile, GroundTruthFile, ScenarioFile } from './file-types.ts';
import { normalizePlant } from './plant.ts';
import type { PathIssue } from './scenario-error.ts';
import { didYouMean } from './suggest.ts';
import type { TimeFrame } from './times.ts';
import { formatTimestamp, parseTimestamp } from './timestamp.ts';
import type { Disturbances, GroundTruthNote, Scenario } from './types.ts';

export type Normalized = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly issues: PathIssue[] };

/** The scenario a schema-valid file describes, or every semantic problem found in it. */
export function normalizeScenario(file: ScenarioFile): Normalized {
  const issues: PathIssue[] = [];
  const startMs = checkStart(file.start ?? DEFAULT_START, issues);
  const stepS = checkStep(file.step ?? DEFAULT_STEP_S, issues);
  const durationS = checkDuration(file.duration, stepS, issues);
  const frame: TimeFrame | undefined =
    startMs !== undefined && durationS !== undefined ? { startMs, durationS } : undefined;
  const { lines, machines } = normalizePlant(file.plant, issues);
  const assets = new AssetIndex(lines, machines);
  const faults = normalizeFaults(file.faults ?? [], assets, frame, issues);
  const actions = normalizeActions(file.actions ?? [], assets, frame, issues);
  const groundTruth = file.ground_truth === undefined ? null : normalizeGroundTruth(file.ground_truth, assets, issues);
  if (issues.length > 0 || startMs === undefined || durationS === undefined || stepS === undefined) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    scenario: {
      name: file.name,
      title: file.title ?? file.name,
      description: file.description ?? '',
      seed: file.seed ?? DEFAULT_SEED,
      start: formatTimestamp(startMs),
      durationS,
      stepS,
      lines,
      machines,
      disturbances: normalizeDisturbances(file.disturbances),
      faults,
      actions,
      groundTruth,
    },
  };
}

function checkStart(start: string, issues: PathIssue[]): number | undefined {
  const ms = parseTimestamp(start);
  if (ms === undefined) issues.push({ at: ['start'], message: `is not a real date and time (got "${start}")` });
  return ms;
}

function checkStep(step: string | number, issues: PathIssue[]): number | undefined {
  const s = parseDuration(step);
  const problem =
    s === undefined || !(s > 0)
      ? 'must be greater than 0'
      : s > MAX_STEP_S
        ? `must be at most 60s (got ${formatDuration(s)})`
        : !isWholeMultiple(MAX_STEP_S, s)
          ? `must divide 60s evenly, like 0.5s, 1s, 5s, 10s, 30s or 60s (got ${formatDuration(s)})`
          : undefined;
  if (problem === undefined) return s;
  issues.push({ at: ['step'], message: problem });
  return undefined;
}

function checkDuration(duration: string | number, stepS: number | undefined, issues: PathIssue[]): number | undefined {
  const s = parseDuration(duration);
  const problem =
    s === undefined || !(s > 0)
      ? 'must be greater than 0'
      : s > MAX_DURATION_S
        ? `must be at most 30 days (${formatDuration(MAX_DURATION_S)}; got ${formatDuration(s)})`
        : stepS !== undefined && !isWholeMultiple(s, stepS)
          ? `must be a whole number of steps (step is ${formatDuration(stepS)})`
          : undefined;
  if (problem === undefined) return s;
  issues.push({ at: ['duration'], message: problem });
  return undefined;
}

/** True if a / b is an integer, allowing for binary fractions like 0.1 s. */
function isWholeMultiple(a: number, b: number): boolean {
  const q = a / b;
  return Math.abs(q - Math.round(q)) < 1e-6 * Math.max(1, q);
}

function normalizeDisturbances(d: DisturbancesFile | undefined): Disturbances {
  const base = DEFAULT_DISTURBANCES;
  return {
    ambient: {
      meanC: d?.ambient?.mean_c ?? base.ambient.meanC,
      dailyAmplitudeC: d?.ambient?.daily_amplitude_c ?? base.ambient.dailyAmplitudeC,
    },
    rawMaterial: {
      std: d?.raw_material?.std ?? base.rawMaterial.std,
      correlationH: d?.raw_material?.correlation_h ?? base.rawMaterial.correlationH,
    },
  };
}

/** Expected failures name machines of the plant, optionally with a failure mode: "pump_003:bearing_wear". */
function normalizeGroundTruth(g: GroundTruthFile, assets: AssetIndex, issues: PathIssue[]): GroundTruthNote {
  const failures = g.expected_failures ?? [];
  failures.forEach((f, i) => {
    const [id = '', mode] = f.split(':');
    const kind = assets.kindOf(id);
    const profile = assets.builtinProfileOf(id);
    const modes = profile === undefined ? [] : MACHINE_PROFILE_FAULTS[profile].modes;
    const at = ['ground_truth', 'expected_failures', i];
    if (kind === undefined) issues.push({ at, message: assets.unknownMessage(id) });
    else if (kind === 'line') issues.push({ at, message: `"${id}" is a line; expected failures name machines` });
    else if (mode !== undefined && profile !== undefined && !modes.includes(mode)) {
      issues.push({ at, message: `${profile} "${id}" has no failure mode "${mode}"${didYouMean(mode, modes)}; its failure modes: ${modes.join(', ')}` });
    }
  });
  return {
    summary: g.summary,
    causes: [...(g.causes ?? [])],
    expectedDefects: [...(g.expected_defects ?? [])],
    expectedFailures: [...failures],
  };
}
