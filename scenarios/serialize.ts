/**
 * A `Scenario` back to a scenario file: what the recorder stores and what the editor shows.
 * `parseScenario(stringifyScenario(s))` equals `s`.
 */

import { stringify } from 'yaml';
import { formatDuration } from './duration.ts';
import type { ActionFile, LineFile, MachineFile, ScenarioFile } from './file-types.ts';
import { linePhysicsToFile } from './plant.ts';
import { REFERENCE_LINES, REFERENCE_MACHINES } from './reference-plant.ts';
import type { OperatorAction, Scenario } from './types.ts';

/** The file form of a scenario: durations as "1h30m" where whole seconds, the plant as "reference" if it is. */
export function scenarioToFile(s: Scenario): ScenarioFile {
  const reference =
    JSON.stringify([s.lines, s.machines]) === JSON.stringify([REFERENCE_LINES, REFERENCE_MACHINES]);
  return {
    name: s.name,
    title: s.title,
    description: s.description,
    seed: s.seed,
    start: s.start,
    duration: time(s.durationS),
    step: time(s.stepS),
    plant: reference
      ? 'reference'
      : {
          lines: s.lines.map(
            (l): LineFile => ({
              id: l.id,
              glass: l.glass,
              zones: l.zones,
              initial: { ...l.initial },
              ...(l.physics && { physics: linePhysicsToFile(l.physics) }),
            }),
          ),
          machines: s.machines.map((m): MachineFile => ({ id: m.id, profile: m.profile, initial: { ...m.initial }, age_h: m.ageH })),
        },
    disturbances: {
      ambient: { mean_c: s.disturbances.ambient.meanC, daily_amplitude_c: s.disturbances.ambient.dailyAmplitudeC },
      raw_material: { std: s.disturbances.rawMaterial.std, correlation_h: s.disturbances.rawMaterial.correlationH },
    },
    faults: s.faults.map((f) => ({ at: time(f.atS), target: f.target, type: f.type, params: { ...f.params } })),
    actions: s.actions.map(actionToFile),
    ...(s.groundTruth === null
      ? {}
      : {
          ground_truth: {
            summary: s.groundTruth.summary,
            causes: [...s.groundTruth.causes],
            expected_defects: [...s.groundTruth.expectedDefects],
            expected_failures: [...s.groundTruth.expectedFailures],
          },
        }),
  };
}

/** The scenario as YAML (or JSON) text. */
export function stringifyScenario(s: Scenario, format: 'yaml' | 'json' = 'yaml'): string {
  const file = scenarioToFile(s);
  return format === 'json' ? `${JSON.stringify(file, null, 2)}\n` : stringify(file, { lineWidth: 0 });
}

function actionToFile(a: OperatorAction): ActionFile {
  return a.kind === 'setpoint'
    ? { at: time(a.atS), setpoint: a.setpoint, value: a.value }
    : { at: time(a.atS), maintenance: a.target };
}

/** Whole seconds as a duration string; fractions as plain seconds, which round-trip exactly. */
function time(seconds: number): string | number {
  return Number.isInteger(seconds) ? formatDuration(seconds) : seconds;
}
