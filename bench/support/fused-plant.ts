/**
 * The engine benchmark's honest limit: the reference plant's per-tick physics and sensor sampling
 * written once more, independently of the engine's model objects, as one fused loop over flat typed
 * arrays. It never calls a model's `step`, `read` or `init`, nor `sampleSensors`, nor the physics
 * step functions: the equations of physics/glass/*.ts (PHYSICS_REFERENCE.md) are re-typed here, and
 * the machine profiles' expressions come as plain TypeScript from fused-plant-machines.ts (generated).
 *
 * What it does take from the engine, as input rather than equations:
 * - the t = 0 state (a copy of a fresh engine's arrays): initial conditions and the seeded random
 *   words, so the streams are the same xoshiro128** streams seeded the same way;
 * - engine/rng.ts's StreamRng, the generator itself (uniform and ziggurat normal draws);
 * - data tables: the layout's sensor parameter blocks, sampling groups and per-unit lists, each
 *   line's precomputed constants (lineConstants), its sensor-to-word table, the defect hazard table.
 *
 * Left out, because the benchmark injects none: faults (line and sensor), operator actions other than
 * settled setpoints (actuators are stepped as the engine does, but never move), maintenance and
 * events (the loop records that a unit was produced or a mode started, and allocates nothing).
 * Constants the engine recomputes every step (e^(−dt/τ) of fixed lags) are computed once here: the
 * same values, bit for bit.
 */
import type { Scenario } from '../../engine/scenario.ts';
import { FEATURE, SENSOR, SENSOR_WORDS, type PlantLayout } from '../../engine/layout.ts';
import { RNG_WORDS, StreamRng } from '../../engine/rng.ts';
import { cloneState, META, type EngineState } from '../../engine/state.ts';
import { FLAG_FRESH, FLAG_MISSING } from '../../engine/frame.ts';
import { BASE_HAZARD, CAUSES, CAUSE_SHARE, HAZARD_TERMS, COND } from '../../physics/glass/defects.ts';
import { lineConstants, BATCH_TRANSIT_MEAN_S, BATCH_TRANSIT_TANKS, CHEM_PER_RAW_DEV, type LineConstants } from '../../physics/glass/line-constants.ts';
import { lineSensors } from '../../physics/glass/line-sensors.ts';
import { DEFECT_COND, DEFECT_DRAWS, S, ZONES } from '../../physics/glass/line-layout.ts';
import { SP } from '../../physics/glass/line-setpoints.ts';
import { DEFECT_TYPES } from '../../physics/model.ts';
import { MACHINE_TYPES } from '../../physics/machines/machine-spec.ts';
import { FUSED_MACHINE_TYPES, machineOutputs, machineRates } from './fused-plant-machines.ts';

const TWO_PI = 2 * Math.PI;
const DAY_S = 86_400;
const NOISE = FEATURE.noise;
const DRIFT = FEATURE.drift;
const SPIKE = FEATURE.spike;
const QUANTIZE = FEATURE.quantize;
const FRESH = FLAG_FRESH;
const FRESH_MISSING = FLAG_FRESH | FLAG_MISSING;
/** Alert hysteresis (engine/sensor-model.ts CLEAR_AFTER_OK_SAMPLES). */
const CLEAR_AFTER = 3;
/** Machine state words (physics/machines/profile-compile.ts W and M). */
const W_LOAD = 0, W_SPEED = 1, W_RUNNING = 2, W_AMBIENT = 3, W_DT = 4, W_FAILED = 5, W_FAILED_MODE = 6, W_DEMAND = 7;
const M_TAU = 0, M_ONSET = 1, M_FAIL = 2, M_DUR = 3, M_P1 = 4, M_P2 = 5, M_MUL = 6, M_REPORTED = 7, M_LEVEL = 8, M_RATE = 9;

/** Per-line constants, flattened: every number the step reads, with fixed lags' factors precomputed. */
export interface FusedLine {
  readonly off: number;
  readonly spOff: number;
  readonly stream: number;
  readonly n: number;
  readonly k: LineConstants;
  readonly burnerFrac: Float64Array;
  readonly batchFrac: Float64Array;
  readonly inflowFrac: Float64Array;
  readonly ua: Float64Array;
  readonly eTank: number;
  readonly eGob: number;
  readonly eHeater: number;
  readonly eEntry: number;
  readonly ouA: number;
  readonly ouStdSq: number;
  readonly rollAlpha: number;
  readonly rollKeep: number;
  readonly wallViscLn10: number;
  readonly stressPerK: number;
  readonly eightDiffusivity: number;
}

export interface FusedMachine {
  readonly off: number;
  readonly spOff: number;
  readonly type: number;
}

/** Hazard terms flattened (physics/glass/defects.ts), per defect type in DEFECT_TYPES order. */
const N_TERMS = HAZARD_TERMS.length;
const TERM_INPUT = Int32Array.from(HAZARD_TERMS, (t) => COND[t.input]);
const TERM_THRESHOLD = Float64Array.from(HAZARD_TERMS, (t) => t.threshold);
const TERM_WIDTH = Float64Array.from(HAZARD_TERMS, (t) => t.width);
const TERM_DIR = Int32Array.from(HAZARD_TERMS, (t) => t.dir);
const TERM_PEAK = Float64Array.from(HAZARD_TERMS, (t) => t.peak);
const TERM_TYPE = Int32Array.from(HAZARD_TERMS, (t) => DEFECT_TYPES.indexOf(t.type));
const TERM_BIT = Int32Array.from(HAZARD_TERMS, (t) => 1 << CAUSES.indexOf(t.cause));
const RANDOM_BIT = 1 << CAUSES.indexOf('random');
const N_TYPES = DEFECT_TYPES.length;
const TYPE_BASE = Float64Array.from(DEFECT_TYPES, (t) => BASE_HAZARD[t]);

/** The fused reference plant: its own copy of the state arrays, advanced by `run`. */
export class FusedPlant {
  readonly st: EngineState;
  /** Ticks run since t = 0, and units produced per line (counted, not emitted). */
  tick: number;
  readonly unitsProduced: Float64Array;
  onsets = 0;
  failures = 0;
  /** The lines and machines, in model order (read by the roofline census). */
  readonly lines: FusedLine[] = [];
  readonly machines: FusedMachine[] = [];
  private readonly lags: Float64Array[];
  private readonly assetRng: StreamRng[];
  private readonly sensorRng: StreamRng[];
  private readonly envRng: StreamRng;
  /** Absolute model-state word each sensor's true value is in, and the model (random stream) it samples with. */
  private readonly sensorWord: Int32Array;
  private readonly sensorModel: Int32Array;
  private readonly groupPeriod: Int32Array;
  private readonly groupSensors: Int32Array[];
  private readonly perUnit: Int32Array[];
  private readonly unitFlag: Uint8Array;
  private readonly sampled: Int32Array;
  private sampledCount = 0;
  private readonly scratchTerm = new Float64Array(N_TERMS);
  private readonly scratchHazard = new Float64Array(N_TYPES);
  private readonly startS: number;

  /**
   * @param start a fresh engine's state at t = 0 (copied, not shared); `layout` is that engine's
   * (only its data tables are read).
   */
  constructor(
    private readonly scenario: Scenario,
    private readonly layout: PlantLayout,
    start: EngineState,
  ) {
    this.st = cloneState(start);
    this.tick = start.meta[META.tick]!;
    const nModels = layout.models.length;
    if (nModels !== scenario.lines.length + scenario.machines.length) throw new Error('layout and scenario disagree on the asset count');
    const dtS = scenario.stepS;
    const sensorWord = new Int32Array(layout.sensors.length);
    scenario.lines.forEach((spec, i) => {
      const k = lineConstants(spec);
      const z = k.zones;
      const f = k.furnace;
      const fp = k.forming;
      const g = k.elastic;
      const ouA = Math.exp(-dtS / fp.pressureNoiseTauS);
      const alpha = 1 - Math.exp(-dtS / fp.variationWindowS);
      if (fp.wallSpeedExp !== 0.5) throw new Error(`${spec.id}: the fused loop assumes a square-root belt-speed law`);
      this.lines.push({
        off: layout.stateOff[i]!,
        spOff: layout.spOff[i]!,
        stream: i,
        n: k.zoneCount,
        k,
        burnerFrac: Float64Array.from(z.burnerFrac),
        batchFrac: Float64Array.from(z.batchFrac),
        inflowFrac: Float64Array.from(z.inflowFrac),
        ua: Float64Array.from(z.uaWPerK),
        eTank: Math.exp(-dtS / (BATCH_TRANSIT_MEAN_S / BATCH_TRANSIT_TANKS)),
        eGob: Math.exp(-dtS / fp.forehearthTauS),
        eHeater: Math.exp(-dtS / fp.heaterLagS),
        eEntry: Math.exp(-dtS / 600),
        ouA,
        ouStdSq: fp.pressureNoiseMPa * Math.sqrt(1 - ouA * ouA),
        rollAlpha: alpha,
        rollKeep: 1 - alpha,
        wallViscLn10: fp.wallViscosityExp * Math.LN10,
        stressPerK: (2 / 3) * ((g.youngPa * g.expansionPerK) / (1 - g.poisson) / 1e6),
        eightDiffusivity: 8 * g.diffusivityM2PerS,
      });
      const words = lineSensors(k).words;
      let local = 0;
      for (let s = 0; s < layout.sensors.length; s++) if (layout.sensorModel[s] === i) sensorWord[s] = layout.stateOff[i]! + words[local++]!;
    });
    scenario.machines.forEach((m, j) => {
      const i = scenario.lines.length + j;
      const type = MACHINE_TYPES.indexOf(m.profile as never);
      if (type < 0) throw new Error(`machine ${m.id}: profile "${m.profile}" has no fused code (built-in types only)`);
      const t = FUSED_MACHINE_TYPES[type]!;
      if (layout.models[i]!.stateSize !== t.stateSize) throw new Error(`machine ${m.id}: state size differs from the generated ${t.type} code; regenerate fused-plant-machines.ts`);
      this.machines.push({ off: layout.stateOff[i]!, spOff: layout.spOff[i]!, type });
      let local = 0;
      for (let s = 0; s < layout.sensors.length; s++) if (layout.sensorModel[s] === i) sensorWord[s] = layout.stateOff[i]! + t.sensorsAt + local++;
    });
    this.lags = FUSED_MACHINE_TYPES.map((t) => Float64Array.from(t.tauS, (tau) => -Math.expm1(-dtS / tau)));
    this.sensorWord = sensorWord;
    this.sensorModel = layout.sensorModel;
    this.groupPeriod = Int32Array.from(layout.periodGroups, (g) => g.periodTicks);
    this.groupSensors = layout.periodGroups.map((g) => g.sensors);
    this.perUnit = layout.perUnit.map((l) => l);
    this.unitFlag = new Uint8Array(nModels);
    this.unitsProduced = new Float64Array(scenario.lines.length);
    this.assetRng = Array.from({ length: nModels }, (_, i) => new StreamRng(this.st.rng, i * 2 * RNG_WORDS));
    this.sensorRng = Array.from({ length: nModels }, (_, i) => new StreamRng(this.st.rng, (i * 2 + 1) * RNG_WORDS));
    this.envRng = new StreamRng(this.st.rng, nModels * 2 * RNG_WORDS);
    this.sampled = new Int32Array(layout.sensors.length);
    for (let k = 0; k < this.st.flags.length; k++) if (this.st.flags[k]! & FRESH) this.sampled[this.sampledCount++] = k;
    this.startS = Date.parse(scenario.start) / 1000;
  }

  /** Advances `ticks` base steps. */
  run(ticks: number): void {
    const st = this.st;
    const s = st.model;
    const sp = st.spActual;
    const target = st.spTarget;
    const dtS = this.scenario.stepS;
    const { meanC, dailyAmplitudeC } = this.scenario.disturbances.ambient;
    const raw = this.scenario.disturbances.rawMaterial;
    const rawA = raw.std > 0 ? Math.exp(-dtS / Math.max(raw.correlationH * 3600, dtS)) : 0;
    const rawStdSq = raw.std * Math.sqrt(1 - rawA * rawA);
    const sps = this.layout.setpoints;
    const lines = this.lines;
    const machines = this.machines;
    for (let n = 0; n < ticks; n++) {
      const tick = this.tick;
      const tS = tick * dtS;
      // Environment: the daily ambient sinusoid (zero crossing 09:00) and the raw-material OU process.
      const secondOfDay = (((this.startS + tS) % DAY_S) + DAY_S) % DAY_S;
      const ambientC = meanC + dailyAmplitudeC * Math.sin((TWO_PI * (secondOfDay - 9 * 3600)) / DAY_S);
      const rawDev = raw.std > 0 ? st.meta[META.rawMaterialDev]! * rawA + rawStdSq * this.envRng.normal() : 0;
      st.meta[META.rawMaterialDev] = rawDev;
      // Actuators: first-order lag with a rate limit; settled ones cost one compare.
      for (let j = 0; j < sps.length; j++) {
        if (sp[j] === target[j]) continue;
        sp[j] = actuate(sp[j]!, target[j]!, dtS, sps[j]!.lagS, sps[j]!.rateLimitPerS);
      }
      for (let i = 0; i < lines.length; i++) this.stepLine(lines[i]!, s, sp, ambientC, rawDev, dtS);
      for (let i = 0; i < machines.length; i++) this.stepMachine(machines[i]!, s, sp, ambientC, dtS);
      this.tick = tick + 1;
      this.sample(this.tick);
    }
    st.meta[META.tick] = this.tick;
  }

  private stepLine(L: FusedLine, s: Float64Array, sp: Float64Array, ambientC: number, rawDev: number, dtS: number): void {
    const o = L.off;
    const q = L.spOff;
    const k = L.k;
    const f = k.furnace;
    const fp = k.forming;
    s[o + S.ambientC] = ambientC;

    // Furnace. Belt and pull: the forming station draws glass in proportion to its speed.
    let belt = sp[q + SP.beltSpeed]!;
    belt = belt < 0 ? 0 : belt > 200 ? 200 : belt;
    s[o + S.beltSpeedMpm] = belt;
    const pull = (f.nominalPullKgPerS * belt) / 150;
    s[o + S.pullKgPerS] = pull;
    // Burner: PI on the mean melt temperature around a pull feedforward, conditional-integration anti-windup.
    const ffMW = k.burnerFeedforwardMWPerKgPerS * (pull - f.nominalPullKgPerS);
    const errC = sp[q + SP.furnaceTemp]! - (s[o + S.meanMeltC]! - s[o + S.tcDriftC]!);
    const burnerMW = ffMW + pi(s, o + S.burnerIntegralMW, errC, f.burnerKpMWPerK, f.burnerTiS, f.burnerMinMW - ffMW, f.burnerMaxMW - ffMW, dtS);
    s[o + S.burnerMW] = burnerMW;
    // Batch charger: PI on the melt level; the level integrates charge minus pull.
    const charge = pi(s, o + S.chargerIntegralKgPerS, f.levelSetpointMm - s[o + S.levelMm]!, f.chargerKpKgPerSPerMm, f.chargerTiS, 0, f.chargerMaxKgPerS, dtS);
    s[o + S.chargeKgPerS] = charge;
    s[o + S.levelMm] = s[o + S.levelMm]! + (charge - pull) * dtS * k.levelMmPerKg;
    const chemFactor = 1 + CHEM_PER_RAW_DEV * rawDev;
    // Batch deviation through three tanks in series (the melt's residence-time distribution).
    let batch = Math.abs(rawDev);
    s[o + S.batchDevSigma] = batch;
    for (let i = 0; i < BATCH_TRANSIT_TANKS; i++) {
      batch = batch + (s[o + S.batchTransit + i]! - batch) * L.eTank;
      s[o + S.batchTransit + i] = batch;
    }
    // Zone chain: each zone's exact exponential step toward its equilibrium, neighbours held, swept charging end → throat.
    const z = o + ZONES;
    const n = L.n;
    const qBurnerW = burnerMW * 1e6 * f.burnerEfficiency;
    const batchW = charge * f.cpJPerKgK;
    const chemW = charge * f.chemJPerKg * chemFactor;
    const flowW = pull * f.cpJPerKgK;
    const mix = k.zones.mixWPerK;
    const cap = k.zones.capJPerK;
    for (let i = 0; i < n; i++) {
      const ua = L.ua[i]!;
      const bw = batchW * L.batchFrac[i]!;
      let loss = ua + bw;
      let src = qBurnerW * L.burnerFrac[i]! + ua * ambientC + bw * f.batchTempC - chemW * L.batchFrac[i]!;
      if (i > 0) {
        const g = flowW * L.inflowFrac[i]! + mix;
        loss += g;
        src += g * s[z + i - 1]!;
      }
      if (i < n - 1) {
        loss += mix;
        src += mix * s[z + i + 1]!;
      }
      const eq = src / loss;
      s[z + i] = eq + (s[z + i]! - eq) * Math.exp((-loss * dtS) / cap);
    }
    const throatC = s[z + n - 1]!;
    let sum = 0;
    let hot = 0;
    for (let i = 0; i < n; i++) {
      sum += s[z + i]!;
      if (i > 0 && s[z + i]! > s[z + hot]!) hot = i;
    }
    s[o + S.meanMeltC] = sum / n;
    s[o + S.crownC] = s[z + hot]! + (k.crownRiseAtNominalK * burnerMW) / k.nominalBurnerMW;
    s[o + S.throatLog10EtaPaS] = k.vft.a + k.vft.bC / (throatC - k.vft.t0C);

    // Forehearth → gob: exponential cooling along the channel, floored by its burners; first-order lag.
    const fhFlow = pull * f.cpJPerKgK;
    const cooled = ambientC + (throatC - ambientC) * (fhFlow > 0 ? Math.exp(-k.forehearthWPerK / fhFlow) : 0);
    const gobTarget = Math.max(cooled, throatC - k.forehearthMaxDropK);
    const gobC = gobTarget + (s[o + S.gobC]! - gobTarget) * L.eGob;
    s[o + S.gobC] = gobC;
    // Mould: heater PI through the element's lag, then the mould's exact lumped step.
    const moldC = s[o + S.moldC]!;
    const cmdW = pi(s, o + S.heaterIntegralW, sp[q + SP.moldTemp]! - moldC, fp.heaterKpWPerK, fp.heaterTiS, 0, fp.heaterMaxW, dtS);
    const heaterW = cmdW + (s[o + S.heaterW]! - cmdW) * L.eHeater;
    s[o + S.heaterW] = heaterW;
    const gGlass = fp.moldGlassWPerK * (belt / 150);
    const gMold = gGlass + fp.moldLossWPerK;
    const moldEq = (heaterW + gGlass * gobC + fp.moldLossWPerK * ambientC) / gMold;
    s[o + S.moldC] = moldEq + (moldC - moldEq) * Math.exp((-gMold * dtS) / fp.moldCapJPerK);

    // Forming pressure: setpoint plus Ornstein-Uhlenbeck process noise; rolling EW mean and variance.
    const noise = s[o + S.pressureNoiseMPa]! * L.ouA + L.ouStdSq * this.assetRng[L.stream]!.normal();
    s[o + S.pressureNoiseMPa] = noise;
    let pressure = sp[q + SP.formingPressure]! + noise;
    pressure = pressure < 0 ? 0 : pressure > 100 ? 100 : pressure;
    s[o + S.pressureMPa] = pressure;
    const diff = pressure - s[o + S.pressureMeanMPa]!;
    const incr = L.rollAlpha * diff;
    s[o + S.pressureMeanMPa] = s[o + S.pressureMeanMPa]! + incr;
    const variance = L.rollKeep * (s[o + S.pressureVarMPa2]! + diff * incr);
    s[o + S.pressureVarMPa2] = variance;
    s[o + S.pressureVariationMPa] = 2 * Math.SQRT2 * Math.sqrt(Math.max(0, variance));
    // Wall thickness: power law in belt speed (square root), pressure and gob viscosity.
    const dEta = k.vft.a + k.vft.bC / (gobC - k.vft.t0C) - k.nominalGobLog10Eta;
    const factors = Math.exp(fp.wallPressureExp * Math.log(40 / Math.max(pressure, 1)) + L.wallViscLn10 * dEta);
    const wallMm = fp.nominalWallMm * Math.sqrt(150 / Math.max(belt, 5)) * factors;
    s[o + S.wallMm] = wallMm;

    // Lehr: entry lags the gob, controlled then fast cooling, residual stress (2/3)·E·α·ΔT/(1−ν), ΔT = q·d²/(8a).
    const entryTarget = 580 + 0.05 * (gobC - fp.nominalGobC);
    const entryC = entryTarget + (s[o + S.lehrEntryC]! - entryTarget) * L.eEntry;
    s[o + S.lehrEntryC] = entryC;
    const cooling = Math.max(0.1, sp[q + SP.lehrCoolingRate]!);
    s[o + S.coolingCPerMin] = cooling;
    const afterControlled = Math.max(ambientC, entryC - cooling * 30);
    s[o + S.lehrExitC] = ambientC + (afterControlled - ambientC) * 0.2;
    const d = wallMm / 1000;
    s[o + S.stressMPa] = L.stressPerK * (((cooling / 60) * d * d) / L.eightDiffusivity);

    // Inspection: units along the belt; each finished one is inspected.
    let toNext = s[o + S.toNextUnitM]! - (belt / 60) * dtS;
    if (toNext > 0) {
      s[o + S.toNextUnitM] = toNext;
      return;
    }
    const c = o + DEFECT_COND;
    s[c + COND.furnaceTempC] = s[o + S.meanMeltC]!;
    s[c + COND.beltSpeedMpm] = belt;
    s[c + COND.moldTempC] = s[o + S.moldC]!;
    s[c + COND.pressureVariationMPa] = s[o + S.pressureVariationMPa]!;
    s[c + COND.coolingRateCPerMin] = cooling;
    s[c + COND.rawMaterialDev] = s[o + S.batchTransit + BATCH_TRANSIT_TANKS - 1]!;
    const rng = this.assetRng[L.stream]!;
    while (toNext <= 0) {
      this.inspectUnit(L, s, wallMm, rng);
      toNext += fp.unitPitchM * (1 - fp.unitPitchJitter + 2 * fp.unitPitchJitter * rng.uniform());
    }
    s[o + S.toNextUnitM] = toNext;
  }

  /** One unit: competing logistic hazards per defect type, then the draws (defects.ts's order of draws). */
  private inspectUnit(L: FusedLine, s: Float64Array, wallMm: number, rng: StreamRng): void {
    const o = L.off;
    const c = o + DEFECT_COND;
    const unitId = s[o + S.unitCount]! + 1;
    s[o + S.unitCount] = unitId;
    this.unitsProduced[L.stream]!++;
    const ex = this.scratchTerm;
    const hz = this.scratchHazard;
    for (let i = 0; i < N_TYPES; i++) hz[i] = TYPE_BASE[i]!;
    for (let j = 0; j < N_TERMS; j++) {
      const x = s[c + TERM_INPUT[j]!]!;
      const dir = TERM_DIR[j]!;
      const e = (dir === 0 ? Math.abs(x) - TERM_THRESHOLD[j]! : dir * (x - TERM_THRESHOLD[j]!)) / TERM_WIDTH[j]!;
      ex[j] = e;
      const t = TERM_TYPE[j]!;
      hz[t] = hz[t]! + TERM_PEAK[j]! / (1 + Math.exp(-e));
    }
    const d0 = o + DEFECT_DRAWS;
    let count = 0;
    let severityMax = 0;
    for (let i = 0; i < N_TYPES; i++) {
      const w = d0 + i * 5;
      const total = hz[i]!;
      if (rng.uniform() >= 1 - Math.exp(-total)) {
        s[w] = 0;
        continue;
      }
      // Rare path (a defect): which causes hold at least CAUSE_SHARE of the hazard, and how far past.
      let mask = TYPE_BASE[i]! >= CAUSE_SHARE * total ? RANDOM_BIT : 0;
      let zMax = 0;
      for (let j = 0; j < N_TERMS; j++) {
        if (TERM_TYPE[j] !== i) continue;
        if (TERM_PEAK[j]! / (1 + Math.exp(-ex[j]!)) >= CAUSE_SHARE * total) mask |= TERM_BIT[j]!;
      }
      for (let j = 0; j < N_TERMS; j++) if (TERM_TYPE[j] === i && mask & TERM_BIT[j]!) zMax = Math.max(zMax, ex[j]!);
      s[w] = 1;
      s[w + 1] = rng.uniform();
      s[w + 2] = rng.uniform();
      const severity = Math.min(1, 0.1 + 0.3 * rng.uniform() + 0.6 * (1 - Math.exp(-zMax / 2)));
      s[w + 3] = severity;
      s[w + 4] = mask;
      if (severity > severityMax) severityMax = severity;
      count++;
    }
    s[o + S.unitDefects] = count;
    s[o + S.unitSeverityMax] = severityMax;
    s[o + S.unitThicknessMm] = wallMm * (1 + 0.01 * rng.normal());
    this.unitFlag[L.stream] = 1;
  }

  private stepMachine(m: FusedMachine, s: Float64Array, sp: Float64Array, ambientC: number, dtS: number): void {
    const o = m.off;
    machineInputs(s, o, sp, m.spOff);
    s[o + W_AMBIENT] = ambientC;
    s[o + W_DT] = dtS;
    const modes = FUSED_MACHINE_TYPES[m.type]!.modes;
    const dtH = s[o + W_RUNNING] === 1 ? dtS / 3600 : 0;
    if (dtH > 0) machineRates(m.type, s, o);
    let first = -1;
    let firstFrac = Infinity;
    for (let i = 0; i < modes.length; i++) {
      const b = o + modes[i]!.at;
      const floor = modes[i]!.rateFloor;
      const raw = s[b + M_RATE]!;
      const r = dtH > 0 ? (raw > floor ? raw : floor) * s[b + M_MUL]! : 0;
      s[b + M_RATE] = r;
      const need = s[b + M_FAIL]! - s[b + M_TAU]!;
      if (r > 0 && need <= r * dtH && need / (r * dtH) < firstFrac) {
        first = i;
        firstFrac = need / (r * dtH);
      }
    }
    const frac = first >= 0 ? firstFrac : 1;
    for (let i = 0; i < modes.length; i++) {
      const b = o + modes[i]!.at;
      const tau = i === first ? s[b + M_FAIL]! : s[b + M_TAU]! + s[b + M_RATE]! * dtH * frac;
      s[b + M_TAU] = tau;
      if (s[b + M_REPORTED] === 0 && tau >= s[b + M_ONSET]!) {
        s[b + M_REPORTED] = 1;
        this.onsets++;
      }
      // Degradation level: exponential θ·(e^(βΔ) − 1) or power (Δ/D)^n after onset, 1 at failure.
      const delta = tau - s[b + M_ONSET]!;
      let level = 0;
      if (tau >= s[b + M_FAIL]!) level = 1;
      else if (delta > 0) {
        level = modes[i]!.exponential ? s[b + M_P2]! * Math.expm1(s[b + M_P1]! * delta) : Math.pow(delta / s[b + M_DUR]!, s[b + M_P1]!);
        if (level >= 1) level = 1 - Number.EPSILON;
      }
      s[b + M_LEVEL] = level;
    }
    if (first >= 0) {
      s[o + modes[first]!.at + M_LEVEL] = 1;
      s[o + W_FAILED] = 1;
      s[o + W_FAILED_MODE] = first;
      this.failures++;
      machineInputs(s, o, sp, m.spOff);
    }
    machineOutputs(m.type, s, o, this.lags[m.type]!);
  }

  /** This tick's samples: periodic groups due now (shortest period first), then per-unit sensors of lines that produced a unit. */
  private sample(tick: number): void {
    const st = this.st;
    const flags = st.flags;
    for (let i = 0; i < this.sampledCount; i++) flags[this.sampled[i]!]! &= ~FRESH;
    let n = 0;
    for (let g = 0; g < this.groupPeriod.length; g++) {
      if (tick % this.groupPeriod[g]! !== 0) continue;
      const list = this.groupSensors[g]!;
      for (let j = 0; j < list.length; j++) this.sampled[n++] = list[j]!;
    }
    for (let i = 0; i < this.unitFlag.length; i++) {
      if (this.unitFlag[i] === 0) continue;
      this.unitFlag[i] = 0;
      const list = this.perUnit[i]!;
      for (let j = 0; j < list.length; j++) this.sampled[n++] = list[j]!;
    }
    this.sampledCount = n;
    const s = st.model;
    const p = this.layout.sensorParams;
    const features = this.layout.sensorFeatures;
    for (let j = 0; j < n; j++) {
      const k = this.sampled[j]!;
      const rng = this.sensorRng[this.sensorModel[k]!]!;
      const f = features[k]!;
      const b = k * SENSOR_WORDS;
      // Measurement: true value + bias, random-walk drift, Gaussian noise, spikes, quantization, dropout.
      let v = s[this.sensorWord[k]!]! + p[b + SENSOR.bias]!;
      if (f & DRIFT) {
        const drift = st.drift[k]! + p[b + SENSOR.driftStep]! * rng.normal();
        st.drift[k] = drift;
        v = v + drift;
      }
      if (f & NOISE) v += p[b + SENSOR.std]! * rng.normal();
      if (f & SPIKE) {
        const u = rng.uniform();
        const spikeP = p[b + SENSOR.spikeProb]!;
        if (u < spikeP) v += (u < 0.5 * spikeP ? -1 : 1) * p[b + SENSOR.spikeAbs]!;
      }
      if (f & QUANTIZE) v = Math.floor(v * p[b + SENSOR.invQuantum]! + 0.5) * p[b + SENSOR.quantum]!;
      const dropP = p[b + SENSOR.dropoutProb]!;
      if (dropP > 0 && rng.uniform() < dropP) {
        st.values[k] = NaN;
        flags[k] = FRESH_MISSING;
        continue;
      }
      st.values[k] = v;
      flags[k] = FRESH;
      // Status against the limits, then alert hysteresis (raise on a rise, clear after CLEAR_AFTER OK samples).
      let status = 0;
      if (v < p[b + SENSOR.warnLo]! || v > p[b + SENSOR.warnHi]!) {
        status = 1;
        if (v < p[b + SENSOR.errorLo]! || v > p[b + SENSOR.errorHi]!) {
          status = 2;
          if (v < p[b + SENSOR.critLo]! || v > p[b + SENSOR.critHi]!) status = 3;
        }
      }
      st.status[k] = status;
      const level = st.alertLevel[k]!;
      if (status > level) {
        st.alertLevel[k] = status;
        st.okRun[k] = 0;
      } else if (level > 0) {
        const run = status === 0 ? st.okRun[k]! + 1 : 0;
        if (run >= CLEAR_AFTER) {
          st.alertLevel[k] = 0;
          st.okRun[k] = 0;
        } else st.okRun[k] = run;
      }
    }
  }
}

/** 110 % as the machine model writes it (1.1 × 100, one ulp above 110). */
const MAX_PCT = 1.1 * 100;

/** Load and speed from the setpoints (fractions, capped at 110 %); a failed or stopped machine has neither. */
function machineInputs(s: Float64Array, o: number, sp: Float64Array, q: number): void {
  const lp = sp[q]!;
  const vp = sp[q + 1]!;
  const load = lp > 0 ? (lp < MAX_PCT ? lp / 100 : 1.1) : 0;
  const speed = vp > 0 ? (vp < MAX_PCT ? vp / 100 : 1.1) : 0;
  const running = s[o + W_FAILED] === 0 && speed > 0.005;
  s[o + W_DEMAND] = load;
  s[o + W_LOAD] = running ? load : 0;
  s[o + W_SPEED] = running ? speed : 0;
  s[o + W_RUNNING] = running ? 1 : 0;
}

/** PI with output limits and conditional integration (the integrator stops while saturated in the error's direction). */
function pi(s: Float64Array, at: number, err: number, kp: number, tiS: number, min: number, max: number, dtS: number): number {
  const integral = s[at]!;
  const raw = kp * err + integral;
  if (!((raw >= max && err > 0) || (raw <= min && err < 0))) {
    const next = integral + (kp * err * dtS) / tiS;
    s[at] = next < min ? min : next > max ? max : next;
  }
  return raw < min ? min : raw > max ? max : raw;
}

/** First-order lag with a rate limit, snapped to the target within float noise. */
function actuate(actual: number, target: number, dtS: number, lagS: number, ratePerS: number): number {
  let delta = (target - actual) * (lagS > 0 ? 1 - Math.exp(-dtS / lagS) : 1);
  const maxDelta = ratePerS * dtS;
  delta = delta > maxDelta ? maxDelta : delta < -maxDelta ? -maxDelta : delta;
  const next = actual + delta;
  return Math.abs(target - next) < 1e-9 * (1 + Math.abs(target)) ? target : next;
}
