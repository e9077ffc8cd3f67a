/**
 * A glass production line (furnace, forming, annealing lehr, inspection) as an AssetModel. All
 * state lives in the engine's Float64Array slice (layout in line-layout.ts); the model object holds
 * only constants precomputed here, so forking a line is copying its slice.
 */
import type { AssetModel, AssetTruth, EventSink, FaultInjection, Rng, SensorChannel, SetpointSpec, StepContext } from '../model.ts';
import { centreToSurfaceK, LEHR, lehrEntryTargetC, lehrExitC, residualStressMPa } from './annealing.ts';
import {
  forehearthGobC,
  moldHeaterForTempW,
  peakToPeakFromVariance,
  stepMoldC,
  unitPitchM,
  wallThicknessMm,
} from './forming.ts';
import { burnerPowerForMeanTempMW, furnaceSteadyStateC, meanZoneTempC } from './furnace.ts';
import { burnerFeedforwardMW, lineConstants, pullForBeltKgPerS, REFERENCE, type LineConstants } from './line-constants.ts';
import { activeFaultNames, clearLineFaults, FAULT_TYPES, injectLineFault } from './line-faults.ts';
import { lineStateSize, S, ZONES } from './line-layout.ts';
import { lineSensors } from './line-sensors.ts';
import { lineSetpoints, SP } from './line-setpoints.ts';
import type { GlassLineSpec } from './line-spec.ts';
import { crownTempC, stepLine } from './line-step.ts';
import { log10ViscosityPaS } from './viscosity.ts';

/**
 * Creates the model of one glass line. Throws on a bad spec (zones, glass, initial setpoints).
 * @example const line = createGlassLine({ id: 'Line_A', glass: 'container', zones: 8, initial: {} });
 */
export function createGlassLine(spec: GlassLineSpec): AssetModel {
  return new GlassLine(spec);
}

const TRUTH_NONE = { rulH: null, health: null } as const;

/**
 * One class for every line, with its methods on the prototype: the engine's `model.read` and
 * `model.step` call sites then see one function per model kind (line, machine) and V8 can inline
 * them, where per-line closures made those sites megamorphic. Fields are immutable configuration.
 */
class GlassLine implements AssetModel {
  readonly asset: string;
  readonly kind = 'line' as const;
  readonly stateSize: number;
  readonly sensors: readonly SensorChannel[];
  readonly setpoints: readonly SetpointSpec[];
  readonly faultTypes: readonly string[] = FAULT_TYPES;
  private readonly k: LineConstants;
  /** State word (relative to `off`) each sensor reads. */
  private readonly words: Int32Array;
  private readonly initial: Float64Array;

  constructor(spec: GlassLineSpec) {
    this.k = lineConstants(spec);
    this.asset = spec.id;
    this.stateSize = lineStateSize(spec.zones);
    this.setpoints = Object.freeze(lineSetpoints(spec).map((x) => Object.freeze(x)));
    const { channels, words } = lineSensors(this.k);
    this.sensors = Object.freeze(channels.map((x) => Object.freeze(x)));
    this.words = words;
    this.initial = steadyState(this.k, this.setpoints.map((x) => x.initial));
  }

  init(s: Float64Array, off: number, rng: Rng): void {
    s.set(this.initial, off);
    // Start part-way to the first unit, and with the pressure noise in its stationary distribution.
    s[off + S.toNextUnitM] = unitPitchM(this.k.forming, rng.uniform()) * rng.uniform();
    s[off + S.pressureNoiseMPa] = this.k.forming.pressureNoiseMPa * rng.normal();
  }

  step(s: Float64Array, off: number, sp: Float64Array, spOff: number, ctx: StepContext, rng: Rng, out: EventSink): void {
    stepLine(this.k, s, off, sp, spOff, ctx, rng, out);
  }

  read(s: Float64Array, off: number, i: number): number {
    return s[off + this.words[i]!]!;
  }

  truth(s: Float64Array, off: number): AssetTruth {
    return { ...TRUTH_NONE, activeFaults: activeFaultNames(s, off) };
  }

  injectFault(s: Float64Array, off: number, fault: FaultInjection, _rng: Rng, out: EventSink): void {
    injectLineFault(s, off, this.asset, fault, out);
  }

  maintain(s: Float64Array, off: number, _rng: Rng, out: EventSink): void {
    clearLineFaults(s, off);
    out.maintenance(this.asset, 'line_service');
  }
}

/** The state of a line resting at steady state at setpoint values `sp` and the reference ambient. */
function steadyState(k: LineConstants, sp: readonly number[]): Float64Array {
  const s = new Float64Array(ZONES + k.zoneCount);
  const f = k.furnace;
  const fp = k.forming;
  const ambientC = REFERENCE.ambientC;
  const belt = sp[SP.beltSpeed] as number;
  const pull = pullForBeltKgPerS(k, belt);
  const burnerMW = Math.min(f.burnerMaxMW, Math.max(f.burnerMinMW, burnerPowerForMeanTempMW(k.zones, f, sp[SP.furnaceTemp] as number, pull, ambientC)));
  const zones = furnaceSteadyStateC(k.zones, f, burnerMW, pull, pull, ambientC);
  s.set(zones, ZONES);
  const n = k.zoneCount;
  const throatC = zones[n - 1] as number;
  s[S.ambientC] = ambientC;
  s[S.beltSpeedMpm] = belt;
  s[S.pullKgPerS] = pull;
  s[S.burnerMW] = burnerMW;
  s[S.burnerIntegralMW] = burnerMW - burnerFeedforwardMW(k, pull);
  s[S.meanMeltC] = meanZoneTempC(s, ZONES, n);
  s[S.crownC] = crownTempC(k, s, ZONES, burnerMW);
  s[S.throatLog10EtaPaS] = log10ViscosityPaS(throatC, k.vft);
  s[S.levelMm] = f.levelSetpointMm;
  s[S.chargerIntegralKgPerS] = pull;
  s[S.chargeKgPerS] = pull;

  const gobC = forehearthGobC(throatC, ambientC, pull, f.cpJPerKgK, k.forehearthWPerK, k.forehearthMaxDropK);
  s[S.gobC] = gobC;
  const heaterW = Math.min(fp.heaterMaxW, Math.max(0, moldHeaterForTempW(fp, sp[SP.moldTemp] as number, belt, gobC, ambientC)));
  s[S.heaterW] = heaterW;
  s[S.heaterIntegralW] = heaterW;
  s[S.moldC] = stepMoldC(fp, sp[SP.moldTemp] as number, heaterW, belt, gobC, ambientC, Infinity);
  const pressure = sp[SP.formingPressure] as number;
  s[S.pressureMPa] = pressure;
  s[S.pressureMeanMPa] = pressure;
  // Stationary variance of an OU process seen through the rolling window: σ²·W/(W + τ).
  s[S.pressureVarMPa2] = (fp.pressureNoiseMPa ** 2 * fp.variationWindowS) / (fp.variationWindowS + fp.pressureNoiseTauS);
  s[S.pressureVariationMPa] = peakToPeakFromVariance(s[S.pressureVarMPa2] as number);
  const wallMm = wallThicknessMm(fp, belt, pressure, log10ViscosityPaS(gobC, k.vft) - k.nominalGobLog10Eta);
  s[S.wallMm] = wallMm;

  const entryC = lehrEntryTargetC(gobC - fp.nominalGobC);
  const cooling = Math.max(LEHR.minCoolingCPerMin, (sp[SP.lehrCoolingRate] as number) * k.lehrCoolingGain);
  s[S.lehrEntryC] = entryC;
  s[S.coolingCPerMin] = cooling;
  s[S.lehrExitC] = lehrExitC(entryC, cooling, ambientC);
  s[S.stressMPa] = residualStressMPa(centreToSurfaceK(cooling, wallMm, k.elastic), k.elastic);
  s[S.unitThicknessMm] = wallMm;
  return s;
}
