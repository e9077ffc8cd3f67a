import { describe, expect, it } from 'vitest';
import type { TwinEvent } from '../engine/events.ts';
import { createEngine } from '../engine/plant.ts';
import { listScenarios, loadLibraryScenario } from '../scenarios/library.ts';
import type { Scenario } from '../scenarios/types.ts';

/** Runs a scenario to its end and counts defects by type and failures by asset:mode. */
function outcome(scenario: Scenario) {
  const engine = createEngine(scenario);
  const defects = new Map<string, number>();
  const failures = new Set<string>();
  engine.events$.subscribe((e: TwinEvent) => {
    if (e.type === 'defect') defects.set(e.defect, (defects.get(e.defect) ?? 0) + 1);
    if (e.type === 'failure') {
      failures.add(`${e.asset}:${e.mode}`);
      failures.add(e.asset);
    }
  });
  engine.runUntil(scenario.durationS);
  return { defects, failures };
}

describe('the incident library reproduces its ground truth', () => {
  const incidents = listScenarios()
    .map((entry) => loadLibraryScenario(entry.name))
    .filter((s) => s.groundTruth && (s.groundTruth.expectedDefects.length > 0 || s.groundTruth.expectedFailures.length > 0));

  it('ships at least 7 incidents with a write-up and ground truth', () => {
    expect(incidents.length).toBeGreaterThanOrEqual(7);
    for (const s of incidents) {
      expect(s.description.length, s.name).toBeGreaterThan(80);
      expect(s.groundTruth!.causes.length, s.name).toBeGreaterThan(0);
    }
  });

  for (const scenario of incidents) {
    it(`${scenario.name}: its expected defects rise above the same plant without the incident, and its failures happen`, () => {
      const calm: Scenario = { ...scenario, faults: [], actions: [] };
      const withIncident = outcome(scenario);
      const without = outcome(calm);
      for (const d of scenario.groundTruth!.expectedDefects) {
        const a = withIncident.defects.get(d) ?? 0;
        const b = without.defects.get(d) ?? 0;
        expect(a, `${d}: ${a} with the incident vs ${b} without`).toBeGreaterThan(1.5 * b + 5);
      }
      for (const f of scenario.groundTruth!.expectedFailures) {
        expect([...withIncident.failures], f).toContain(f);
      }
    }, 120_000);
  }
});
