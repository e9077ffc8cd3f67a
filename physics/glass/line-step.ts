/**
 * One step of a glass line: furnace → forming → annealing → inspection, reading and writing only
 * the line's state slice. Allocation-free except for the event objects of defects.
 */
import { DEFECT_TYPES, type EventSink, type Rng, type StepContext } from '../model.ts';
import { centreToSurfaceK, LEHR, lehrEntryTargetC, lehrExitC, residualStressMPa } from './annealing.ts';
import { causesOfMask, COND, DRAW, DRAW_WORDS, drawUnitDefects } from './defects.ts';
import {
  peakToPeakFromVariance,
  forehearthGobC,
  lagToward,
  ouStep,
  oscillationMPa,
  stepMoldC,
  unitPitchM,
  updateRollingStats,
  wallThicknessMm,
} from './forming.ts';
import { hotspotZone, meanZoneTempC, stepFurnaceZones } from './furnace.ts';
import {
  BATCH_TRANSIT_MEAN_S,
  BATCH_TRANSIT_TANKS,
  burnerFeedforwardMW,
  CHEM_PER_RAW_DEV,
  pullForBeltKgPerS,
  type LineConstants,
} from './line-constants.ts';
import { DEFECT_COND, DEFECT_DRAWS, S, ZONES } from './line-layout.ts';
import { SP } from './line-setpoints.ts';
import { piStep } from './pi-controller.ts';

const TWO_PI = 2 * Math.PI;
const MAX_BELT_MPM = 200;
/** Unit-to-unit wall thickness scatter, relative (unconfirmed). */
const UNIT_THICKNESS_SCATTER = 0.01;

/**
 * Advances the line in `s[off ..]` by ctx.dtS with setpoint actual values `sp[spOff ..]`. The stages
 * hand their results to the next through the state words they write. (Separate functions also let V8
 * inline each stage's small helpers: in one large function its inlining budget ran out, and every
 * helper call that was left boxed its double arguments and result.)
 */
export function stepLine(
  k: LineConstants,
  s: Float64Array,
  off: number,
  sp: Float64Array,
  spOff: number,
  ctx: StepContext,
  rng: Rng,
  out: EventSink,
): void {
  s[off + S.ambientC] = ctx.ambientC;
  stepFurnace(k, s, off, sp, spOff, ctx);
  stepGobAndMould(k, s, off, sp, spOff, ctx);
  stepPressureAndWall(k, s, off, sp, spOff, ctx, rng);
  stepLehr(k, s, off, sp, spOff, ctx);
  inspectUnits(k, s, off, ctx, rng, out);
}

/** Belt and pull, then the furnace: burner PI on the (possibly drifting) thermocouple, batch charger PI on the level. */
function stepFurnace(k: LineConstants, s: Float64Array, off: number, sp: Float64Array, spOff: number, ctx: StepContext): void {
  const dtS = ctx.dtS;
  const ambientC = ctx.ambientC;
  const f = k.furnace;

  // Belt, and the pull it draws from the furnace.
  let belt = (sp[spOff + SP.beltSpeed] as number) + (s[off + S.fBeltOverspeed] ? (s[off + S.beltOffsetMpm] as number) : 0);
  belt = belt < 0 ? 0 : belt > MAX_BELT_MPM ? MAX_BELT_MPM : belt;
  s[off + S.beltSpeedMpm] = belt;
  const pull = pullForBeltKgPerS(k, belt);
  s[off + S.pullKgPerS] = pull;

  if (s[off + S.fBurnerDrift]) {
    const maxC = s[off + S.driftMaxC] as number;
    const drift = (s[off + S.tcDriftC] as number) + ((s[off + S.driftRatePerH] as number) * dtS) / 3600;
    s[off + S.tcDriftC] = drift > maxC ? maxC : drift < -maxC ? -maxC : drift;
  }
  const measuredC = (s[off + S.meanMeltC] as number) - (s[off + S.tcDriftC] as number);
  // PI trim around a feedforward on the pull, so belt-speed changes do not upset the melt.
  const ffMW = burnerFeedforwardMW(k, pull);
  const errC = (sp[spOff + SP.furnaceTemp] as number) - measuredC;
  const burnerMW = ffMW + piStep(s, off + S.burnerIntegralMW, errC, f.burnerKpMWPerK, f.burnerTiS, f.burnerMinMW - ffMW, f.burnerMaxMW - ffMW, dtS);
  s[off + S.burnerMW] = burnerMW;
  const levelErr = f.levelSetpointMm - (s[off + S.levelMm] as number);
  const charge = piStep(s, off + S.chargerIntegralKgPerS, levelErr, f.chargerKpKgPerSPerMm, f.chargerTiS, 0, f.chargerMaxKgPerS, dtS);
  s[off + S.chargeKgPerS] = charge;
  s[off + S.levelMm] = (s[off + S.levelMm] as number) + (charge - pull) * dtS * k.levelMmPerKg;
  const chemFactor = 1 + CHEM_PER_RAW_DEV * ctx.rawMaterialDev;
  // Contamination adds to the batch's distance from its recipe whichever way the raw materials lean.
  let batch = Math.abs(ctx.rawMaterialDev) + (s[off + S.fBatchContamination] ? (s[off + S.contaminationSeverity] as number) : 0);
  s[off + S.batchDevSigma] = batch;
  for (let i = 0; i < BATCH_TRANSIT_TANKS; i++) {
    batch = lagToward(s[off + S.batchTransit + i] as number, batch, BATCH_TRANSIT_MEAN_S / BATCH_TRANSIT_TANKS, dtS);
    s[off + S.batchTransit + i] = batch;
  }
  const z = off + ZONES;
  const n = k.zoneCount;
  stepFurnaceZones(s, z, k.zones, f, burnerMW, charge, pull, ambientC, chemFactor, dtS);
  const throatC = s[z + n - 1] as number;
  s[off + S.meanMeltC] = meanZoneTempC(s, z, n);
  s[off + S.crownC] = crownTempC(k, s, z, burnerMW);
  s[off + S.throatLog10EtaPaS] = k.vft.a + k.vft.bC / (throatC - k.vft.t0C);
}

/** Forming, first half: forehearth → gob, then the mould and its heater. */
function stepGobAndMould(k: LineConstants, s: Float64Array, off: number, sp: Float64Array, spOff: number, ctx: StepContext): void {
  const dtS = ctx.dtS;
  const ambientC = ctx.ambientC;
  const f = k.furnace;
  const fp = k.forming;
  const throatC = s[off + ZONES + k.zoneCount - 1] as number;
  const pull = s[off + S.pullKgPerS] as number;
  const gobTarget = forehearthGobC(throatC, ambientC, pull, f.cpJPerKgK, k.forehearthWPerK, k.forehearthMaxDropK);
  const gobC = lagToward(s[off + S.gobC] as number, gobTarget, fp.forehearthTauS, dtS);
  s[off + S.gobC] = gobC;
  const moldC = s[off + S.moldC] as number;
  const heaterCmdW = s[off + S.fMoldHeaterFailure]
    ? 0
    : piStep(s, off + S.heaterIntegralW, (sp[spOff + SP.moldTemp] as number) - moldC, fp.heaterKpWPerK, fp.heaterTiS, 0, fp.heaterMaxW, dtS);
  const heaterW = lagToward(s[off + S.heaterW] as number, heaterCmdW, fp.heaterLagS, dtS);
  s[off + S.heaterW] = heaterW;
  s[off + S.moldC] = stepMoldC(fp, moldC, heaterW, s[off + S.beltSpeedMpm] as number, gobC, ambientC, dtS);
}

/** Forming, second half: forming pressure (process noise, an oscillation fault), its rolling amplitude, and the wall it forms. */
function stepPressureAndWall(
  k: LineConstants,
  s: Float64Array,
  off: number,
  sp: Float64Array,
  spOff: number,
  ctx: StepContext,
  rng: Rng,
): void {
  const dtS = ctx.dtS;
  const fp = k.forming;
  const noise = ouStep(s[off + S.pressureNoiseMPa] as number, fp.pressureNoiseMPa, fp.pressureNoiseTauS, dtS, rng.normal());
  s[off + S.pressureNoiseMPa] = noise;
  let osc = 0;
  if (s[off + S.fPressureOscillation]) {
    let phase = (s[off + S.oscPhaseRad] as number) + (TWO_PI * dtS) / (s[off + S.oscPeriodS] as number);
    if (phase >= TWO_PI) phase %= TWO_PI;
    s[off + S.oscPhaseRad] = phase;
    osc = oscillationMPa(s[off + S.oscAmplitudeMPa] as number, phase);
  }
  let pressure = (sp[spOff + SP.formingPressure] as number) + noise + osc;
  pressure = pressure < 0 ? 0 : pressure > 100 ? 100 : pressure;
  s[off + S.pressureMPa] = pressure;
  updateRollingStats(s, off + S.pressureMeanMPa, off + S.pressureVarMPa2, pressure, dtS, fp.variationWindowS);
  s[off + S.pressureVariationMPa] = peakToPeakFromVariance(s[off + S.pressureVarMPa2] as number);
  const gobLog10Eta = k.vft.a + k.vft.bC / ((s[off + S.gobC] as number) - k.vft.t0C);
  s[off + S.wallMm] = wallThicknessMm(fp, s[off + S.beltSpeedMpm] as number, pressure, gobLog10Eta - k.nominalGobLog10Eta);
}

/** Annealing lehr: entry temperature, cooling rate (a failed fan adds to it), exit temperature, residual stress. */
function stepLehr(k: LineConstants, s: Float64Array, off: number, sp: Float64Array, spOff: number, ctx: StepContext): void {
  const gobC = s[off + S.gobC] as number;
  const entryC = lagToward(s[off + S.lehrEntryC] as number, lehrEntryTargetC(gobC - k.forming.nominalGobC), LEHR.entryTauS, ctx.dtS);
  s[off + S.lehrEntryC] = entryC;
  const extra = s[off + S.fLehrFanFailure] ? (s[off + S.extraCoolingCPerMin] as number) : 0;
  const cooling = Math.max(LEHR.minCoolingCPerMin, (sp[spOff + SP.lehrCoolingRate] as number) * k.lehrCoolingGain + extra);
  s[off + S.coolingCPerMin] = cooling;
  s[off + S.lehrExitC] = lehrExitC(entryC, cooling, ctx.ambientC);
  s[off + S.stressMPa] = residualStressMPa(centreToSurfaceK(cooling, s[off + S.wallMm] as number, k.elastic), k.elastic);
}

/** Inspection: count units along the belt; each finished unit is inspected for defects. */
function inspectUnits(k: LineConstants, s: Float64Array, off: number, ctx: StepContext, rng: Rng, out: EventSink): void {
  const belt = s[off + S.beltSpeedMpm] as number;
  let toNext = (s[off + S.toNextUnitM] as number) - (belt / 60) * ctx.dtS;
  if (toNext > 0) {
    s[off + S.toNextUnitM] = toNext;
    return;
  }
  const c = off + DEFECT_COND;
  s[c + COND.furnaceTempC] = s[off + S.meanMeltC] as number;
  s[c + COND.beltSpeedMpm] = belt;
  s[c + COND.moldTempC] = s[off + S.moldC] as number;
  s[c + COND.pressureVariationMPa] = s[off + S.pressureVariationMPa] as number;
  s[c + COND.coolingRateCPerMin] = s[off + S.coolingCPerMin] as number;
  // The glass being formed now was charged hours ago: defects follow the batch that has come through.
  s[c + COND.rawMaterialDev] = s[off + S.batchTransit + BATCH_TRANSIT_TANKS - 1] as number;
  const wallMm = s[off + S.wallMm] as number;
  while (toNext <= 0) {
    produceUnit(k, s, off, wallMm, rng, out);
    toNext += unitPitchM(k.forming, rng.uniform());
  }
  s[off + S.toNextUnitM] = toNext;
}

/** Crown temperature, °C: the hottest zone plus a rise proportional to the burner power. */
export function crownTempC(k: LineConstants, s: Float64Array, zonesOff: number, burnerMW: number): number {
  return (s[zonesOff + hotspotZone(s, zonesOff, k.zoneCount)] as number) + (k.crownRiseAtNominalK * burnerMW) / k.nominalBurnerMW;
}

function produceUnit(k: LineConstants, s: Float64Array, off: number, wallMm: number, rng: Rng, out: EventSink): void {
  const unitId = (s[off + S.unitCount] as number) + 1;
  s[off + S.unitCount] = unitId;
  const d = off + DEFECT_DRAWS;
  const count = drawUnitDefects(s, off + DEFECT_COND, s, d, rng);
  let severityMax = 0;
  for (let i = 0; i < DEFECT_TYPES.length; i++) {
    const w = d + i * DRAW_WORDS;
    if (s[w + DRAW.drawn] && (s[w + DRAW.severity] as number) > severityMax) severityMax = s[w + DRAW.severity] as number;
  }
  s[off + S.unitDefects] = count;
  s[off + S.unitSeverityMax] = severityMax;
  s[off + S.unitThicknessMm] = wallMm * (1 + UNIT_THICKNESS_SCATTER * rng.normal());
  out.unitProduced(k.asset, unitId);
  if (count === 0) return;
  for (let i = 0; i < DEFECT_TYPES.length; i++) {
    const w = d + i * DRAW_WORDS;
    if (!s[w + DRAW.drawn]) continue;
    out.defect({
      asset: k.asset,
      unitId,
      type: DEFECT_TYPES[i]!,
      x: s[w + DRAW.x] as number,
      y: s[w + DRAW.y] as number,
      severity: s[w + DRAW.severity] as number,
      causes: causesOfMask(s[w + DRAW.causeMask] as number),
    });
  }
}
