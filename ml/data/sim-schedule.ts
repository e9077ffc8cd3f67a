/**
 * What a dataset run does to the plant besides running it: commands planned on a seeded schedule.
 * - injected faults, at stratified times spread over the whole run (every part of a run gets some);
 * - process excursions on the glass lines: a setpoint drifted toward (or past) the limit one defect
 *   cause reacts to, or a line fault, held 0.5–3 h, then restored; so defects have visible precursors;
 * - machine life cycles: a machine of the listed kinds gets an accelerated fault some hours after the
 *   start and after each repair, so lives run to failure within the run (see sim-record.ts).
 * Magnitudes straddle the thresholds of physics/glass/defects.ts, so not every excursion breeds defects.
 */
import type { EngineCommand } from '../../engine/commands.ts';
import type { Rng } from '../../physics/model.ts';

/** Typical parameters of each glass-line fault, from the incident library (scenarios/library/). */
export const LINE_FAULT_PARAMS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  burner_drift: { ratePerH: 30, maxC: 180 },
  pressure_oscillation: { amplitudeMPa: 12, periodS: 45 },
  mold_heater_failure: {},
  lehr_fan_failure: { extraCoolingCPerMin: 8 },
  belt_overspeed: { offsetMpm: 35 },
  batch_contamination: { severity: 2.5 },
};

/** A command to apply at a tick. */
export interface PlannedCommand {
  readonly tick: number;
  readonly command: EngineCommand;
}

interface ModelInfo {
  readonly asset: string;
  readonly kind: string;
  readonly faultTypes: readonly string[];
}

/** One excursion recipe: a setpoint range (value drawn uniformly) or a line fault with drawn params. */
interface Excursion {
  readonly setpoint?: string;
  readonly range?: readonly [number, number];
  readonly fault?: string;
  readonly params?: (rng: Rng) => Readonly<Record<string, number>>;
}

const u = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng.uniform();

// Thresholds (defects.ts): melt 1600 °C (crack) / 1450 °C (cloudiness), belt 180 m/min (deformation),
// mould 280 °C (stress fracture), lehr 7 °C/min (crack), pressure variation 15 MPa (bubble), raw 2.5σ.
const EXCURSIONS: readonly Excursion[] = [
  { setpoint: 'furnace_temp', range: [1570, 1640] },
  { setpoint: 'furnace_temp', range: [1410, 1480] },
  { setpoint: 'belt_speed', range: [170, 196] },
  { setpoint: 'mold_temp', range: [230, 310] },
  { setpoint: 'lehr_cooling_rate', range: [6, 9.5] },
  { fault: 'pressure_oscillation', params: (rng) => ({ amplitudeMPa: u(rng, 8, 20), periodS: 45 }) },
  { fault: 'batch_contamination', params: (rng) => ({ severity: u(rng, 1, 3.5) }) },
];

/** Faults at stratified random ticks over [5 %, 95 %) of the run, on random candidates. */
export function plannedFaults(count: number, models: readonly ModelInfo[], ticks: number, accelerate: number, rng: Rng): PlannedCommand[] {
  const out: PlannedCommand[] = [];
  const candidates = models.filter((m) => m.faultTypes.some((t) => m.kind === 'machine' || t in LINE_FAULT_PARAMS));
  for (let i = 0; i < count && candidates.length > 0; i++) {
    const m = candidates[Math.floor(rng.uniform() * candidates.length)]!;
    const types = m.kind === 'machine' ? m.faultTypes : m.faultTypes.filter((t) => t in LINE_FAULT_PARAMS);
    const type = types[Math.floor(rng.uniform() * types.length)]!;
    const params = m.kind === 'machine' ? { rateMultiplier: accelerate } : LINE_FAULT_PARAMS[type]!;
    // Stratified: the i-th fault falls in the i-th of `count` equal slices of the run.
    const frac = 0.05 + (0.9 * (i + rng.uniform())) / count;
    out.push({ tick: 1 + Math.floor(frac * ticks), command: { kind: 'fault', target: m.asset, type, params } });
  }
  return out;
}

/**
 * Process excursions on each line: one slot of 24/perDay hours after another, an excursion of
 * 0.5–3 h at a random point of each slot, then the setpoint restored (or the line serviced).
 */
export function plannedExcursions(lines: readonly string[], perDay: number, stepS: number, ticks: number, targetOf: (id: string) => number, rng: Rng): PlannedCommand[] {
  const out: PlannedCommand[] = [];
  if (!(perDay > 0)) return out;
  const slotH = 24 / perDay;
  const tick = (h: number) => 1 + Math.floor((h * 3600) / stepS);
  for (const line of lines) {
    for (let slot = 0; tick((slot + 1) * slotH) <= ticks; slot++) {
      const e = EXCURSIONS[Math.floor(rng.uniform() * EXCURSIONS.length)]!;
      const durH = Math.min(u(rng, 0.5, 3), 0.6 * slotH);
      const rampH = Math.min(u(rng, 0.5, 1), 0.3 * slotH);
      const startH = slot * slotH + rng.uniform() * Math.max(0, slotH - durH - rampH);
      if (e.setpoint && e.range) {
        // A drift, not a jump: the setpoint walks to its excursion value in 10-min steps over 0.5–1 h
        // (an operator pushing the pull, a drifting controller), so the approach shows before defects do.
        const id = `${line}.${e.setpoint}`;
        const from = targetOf(id);
        const to = u(rng, e.range[0], e.range[1]);
        const steps = Math.max(1, Math.round(rampH * 6));
        for (let k = 1; k <= steps; k++) out.push({ tick: tick(startH + (rampH * (k - 1)) / steps), command: { kind: 'setpoint', setpoint: id, value: from + ((to - from) * k) / steps } });
        out.push({ tick: tick(startH + rampH + durH), command: { kind: 'setpoint', setpoint: id, value: from } });
      } else if (e.fault && e.params) {
        out.push({ tick: tick(startH), command: { kind: 'fault', target: line, type: e.fault, params: e.params(rng) } });
        out.push({ tick: tick(startH + durH), command: { kind: 'maintenance', target: line } });
      }
    }
  }
  return out.sort((a, b) => a.tick - b.tick);
}

/** Machines of the cycled kinds, and the fault types a cycle may inject on each. */
export function cycledMachines(models: readonly ModelInfo[], machineType: ReadonlyMap<string, string>, kinds: readonly string[] | undefined, types: readonly string[] | undefined): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const m of models) {
    const kind = machineType.get(m.asset);
    if (m.kind !== 'machine' || kind === undefined || (kinds && !kinds.includes(kind))) continue;
    const allowed = types ? m.faultTypes.filter((t) => types.includes(t)) : m.faultTypes;
    if (allowed.length > 0) out.set(m.asset, allowed);
  }
  return out;
}
