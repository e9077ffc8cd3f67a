/**
 * A stable identity of the plant a scenario builds: its layout fingerprint (assets, setpoints,
 * sensors, step) and a 64-bit content hash of the scenario (parameters, scripted faults and actions,
 * seed), independent of key order. Computed once per scenario object; a job carries it to workers.
 */
import { buildLayout } from '../engine/layout.ts';
import { buildModels } from '../engine/plant.ts';
import { fnv1a32 } from '../engine/rng.ts';
import type { Scenario } from '../engine/scenario.ts';

/** A scenario with its identity: what a rollout job names its plant by. */
export interface PlantRef {
  /** `plantKey(scenario)`; equal keys must mean the same plant. */
  readonly key: string;
  readonly scenario: Scenario;
}

/** The same text for equal values whatever the order of their keys (undefined properties are left out, as in JSON). */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

const keys = new WeakMap<Scenario, string>();

/** @example plantKey(scenario) → "29-412-3f2a9c10:9b1e…" (fingerprint : content hash) */
export function plantKey(scenario: Scenario): string {
  let key = keys.get(scenario);
  if (key === undefined) {
    const text = canonical(scenario);
    // Two FNV-1a hashes from different offset bases: 64 bits, so distinct scenarios in one cache never collide in practice.
    const hash = fnv1a32(text).toString(16).padStart(8, '0') + fnv1a32(text, 0x9e3779b9).toString(16).padStart(8, '0');
    key = `${buildLayout(buildModels(scenario), scenario.stepS).fingerprint}:${hash}`;
    keys.set(scenario, key);
  }
  return key;
}

/** The scenario with its key, ready to send in jobs. */
export function plantRef(scenario: Scenario): PlantRef {
  return { key: plantKey(scenario), scenario };
}
