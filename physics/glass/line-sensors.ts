/**
 * The sensor channels of a glass line and the state word each one reads. Limits follow the line's
 * normal ranges (melt 1400-1600 °C, belt ≤ 180 m/min, mould ≥ 280 °C, pressure variation ≤ 15 MPa,
 * cooling ≤ 7 °C/min); noise is typical of the instrument named in each comment.
 */
import type { Bounds, NoiseSpec, SamplePeriod, SensorChannel, StatusLimits } from '../model.ts';
import { centreToSurfaceK, residualStressMPa } from './annealing.ts';
import type { LineConstants } from './line-constants.ts';
import { S, ZONES } from './line-layout.ts';
import { log10ViscosityPaS } from './viscosity.ts';

interface Def {
  readonly group: string;
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  readonly limits: StatusLimits;
  readonly noise: NoiseSpec;
  /** State word offset the true value is read from. */
  readonly word: number;
}

const lim = (warning: Bounds, error: Bounds, critical: Bounds): StatusLimits => ({ warning, error, critical });
const round = (x: number, step: number): number => Math.round(x / step) * step;
const PERIOD: Readonly<Record<string, SamplePeriod>> = {
  furnace: { kind: 'periodic', periodS: 60 },
  forming: { kind: 'periodic', periodS: 1 },
  annealing: { kind: 'periodic', periodS: 2 },
  inspection: { kind: 'per_unit' },
};

/** Channels in read order, and for each the state word (relative to `off`) that holds its true value. */
export function lineSensors(k: LineConstants): { channels: SensorChannel[]; words: Int32Array } {
  const defs: Def[] = [];
  const meltLimits = lim([1400, 1600], [1350, 1650], [1300, 1700]);
  // Type B thermocouples in the melt: ±1.5 °C, slow drift from ageing.
  const thermocouple: NoiseSpec = { std: 1.5, driftPerSqrtH: 0.3, quantum: 0.1, dropoutProb: 0.001 };
  for (let i = 0; i < k.zoneCount; i++) {
    const where = i === 0 ? ' (charging end)' : i === k.zoneCount - 1 ? ' (throat)' : '';
    defs.push({ group: 'furnace', name: `zone${i + 1}_temp`, unit: '°C', description: `Melt temperature, zone ${i + 1} of ${k.zoneCount}${where}`, limits: meltLimits, noise: thermocouple, word: ZONES + i });
  }
  const pNom = k.nominalBurnerMW;
  const etaAt = (tempC: number): number => round(log10ViscosityPaS(tempC, k.vft), 0.01);
  const gob = k.forming.nominalGobC;
  const wall = k.forming.nominalWallMm;
  const stressAt = (coolingCPerMin: number): number =>
    round(residualStressMPa(centreToSurfaceK(coolingCPerMin, wall, k.elastic), k.elastic), 0.001);
  const wallLimits = lim([0.9 * wall, 1.1 * wall], [0.8 * wall, 1.2 * wall], [0.65 * wall, 1.35 * wall]);
  defs.push(
    { group: 'furnace', name: 'crown_temp', unit: '°C', description: 'Crown (roof) refractory temperature above the hot spot', limits: lim([1450, 1660], [1400, 1690], [1350, 1720]), noise: { std: 2, driftPerSqrtH: 0.3, quantum: 0.1 }, word: S.crownC },
    { group: 'furnace', name: 'melt_level', unit: 'mm', description: 'Melt depth held by the batch charger', limits: lim([1190, 1210], [1180, 1220], [1160, 1240]), noise: { std: 0.2, quantum: 0.1, dropoutProb: 0.001 }, word: S.levelMm },
    { group: 'furnace', name: 'burner_power', unit: 'MW', description: 'Fuel power of the burners', limits: lim([round(0.7 * pNom, 0.1), round(1.3 * pNom, 0.1)], [round(0.5 * pNom, 0.1), round(1.5 * pNom, 0.1)], [round(0.3 * pNom, 0.1), round(1.7 * pNom, 0.1)]), noise: { std: 0.01 * pNom, quantum: 0.01 }, word: S.burnerMW },
    // Viscosity is computed from the throat thermocouple, so its limits are the melt limits through VFT.
    { group: 'furnace', name: 'glass_viscosity', unit: 'log10 Pa·s', description: 'Glass viscosity at the throat (VFT of the throat temperature)', limits: lim([etaAt(1600), etaAt(1400)], [etaAt(1650), etaAt(1350)], [etaAt(1700), etaAt(1300)]), noise: { std: 0.005 }, word: S.throatLog10EtaPaS },
    // An online analyser on the batch conveyor (PGNAA or XRF, as used for raw-mix control) reports how
    // far the batch is from its recipe each minute; it is how a plant sees raw-material trouble coming
    // before stains and bubbles reach inspection.
    { group: 'furnace', name: 'batch_deviation', unit: 'σ', description: 'Batch chemistry deviation from the recipe (online batch analyser), in σ of the raw-material variation', limits: lim([null, 2], [null, 2.5], [null, 3.5]), noise: { std: 0.1, quantum: 0.01, dropoutProb: 0.001 }, word: S.batchDevSigma },
    { group: 'forming', name: 'belt_speed', unit: 'm/min', description: 'Conveyor belt speed (encoder)', limits: lim([60, 180], [30, 190], [null, 195]), noise: { std: 0.3, quantum: 0.1 }, word: S.beltSpeedMpm },
    { group: 'forming', name: 'mold_temp', unit: '°C', description: 'Mould temperature (pyrometer)', limits: lim([280, 560], [240, 580], [200, 600]), noise: { std: 2, driftPerSqrtH: 0.5, quantum: 0.5 }, word: S.moldC },
    { group: 'forming', name: 'forming_pressure', unit: 'MPa', description: 'Forming pressure (transducer)', limits: lim([15, 80], [10, 90], [5, 98]), noise: { std: 0.3, quantum: 0.01 }, word: S.pressureMPa },
    { group: 'forming', name: 'pressure_variation', unit: 'MPa', description: 'Rolling peak-to-peak swing of the forming pressure (2√2·σ over 30 s)', limits: lim([null, 15], [null, 25], [null, 40]), noise: { std: 0.1 }, word: S.pressureVariationMPa },
    { group: 'forming', name: 'gob_temp', unit: '°C', description: 'Gob temperature leaving the forehearth (pyrometer)', limits: lim([gob - 60, gob + 60], [gob - 100, gob + 100], [gob - 150, gob + 150]), noise: { std: 3, driftPerSqrtH: 0.5, quantum: 0.5 }, word: S.gobC },
    { group: 'forming', name: 'wall_thickness', unit: 'mm', description: 'Wall (ribbon) thickness being formed (laser gauge)', limits: wallLimits, noise: { std: 0.02, quantum: 0.005 }, word: S.wallMm },
    { group: 'annealing', name: 'lehr_entry_temp', unit: '°C', description: 'Lehr soak temperature at entry', limits: lim([560, 600], [545, 615], [530, 630]), noise: { std: 1, quantum: 0.1 }, word: S.lehrEntryC },
    { group: 'annealing', name: 'lehr_exit_temp', unit: '°C', description: 'Ware temperature at the lehr exit', limits: lim([null, 150], [null, 200], [null, 250]), noise: { std: 1, quantum: 0.1 }, word: S.lehrExitC },
    { group: 'annealing', name: 'cooling_rate', unit: '°C/min', description: 'Cooling rate through the annealing range', limits: lim([0.5, 7], [0.3, 10], [null, 13]), noise: { std: 0.05, quantum: 0.01 }, word: S.coolingCPerMin },
    { group: 'annealing', name: 'residual_stress', unit: 'MPa', description: 'Residual surface stress, (2/3)·E·α·ΔT/(1−ν) with ΔT = q·d²/(8a)', limits: lim([null, stressAt(7)], [null, stressAt(10)], [null, stressAt(13)]), noise: { std: 0.002 }, word: S.stressMPa },
    { group: 'inspection', name: 'unit_defects', unit: 'count', description: 'Defects found on the last unit (one defect rejects the unit and is reported as a defect event; several on one unit raise the status)', limits: lim([null, 1.5], [null, 2.5], [null, 4.5]), noise: { std: 0 }, word: S.unitDefects },
    { group: 'inspection', name: 'unit_thickness', unit: 'mm', description: 'Wall thickness of the last unit', limits: wallLimits, noise: { std: 0.01, quantum: 0.005 }, word: S.unitThicknessMm },
    { group: 'inspection', name: 'defect_severity_max', unit: '1', description: 'Worst defect severity on the last unit (0 = none)', limits: lim([null, 0.5], [null, 0.75], [null, 0.9]), noise: { std: 0 }, word: S.unitSeverityMax },
  );
  const channels = defs.map(
    (d): SensorChannel => ({
      id: `${k.asset}.${d.group}.${d.name}`,
      asset: k.asset,
      assetKind: 'line',
      group: d.group,
      name: d.name,
      unit: d.unit,
      description: d.description,
      period: PERIOD[d.group] as SamplePeriod,
      limits: d.limits,
      noise: d.noise,
    }),
  );
  return { channels, words: Int32Array.from(defs.map((d) => d.word)) };
}
