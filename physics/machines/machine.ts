/**
 * A rotating machine as an AssetModel: load and speed setpoints drive the profile's physics; failure
 * modes degrade it until it fails and stops; maintenance renews it.
 *
 * All mutable state is in the engine's Float64Array slice (layout in profile-compile.ts); the model
 * object only holds the compiled profile and the spec, so forking a machine is copying its words.
 * step() and read() allocate nothing.
 */
import type { AssetModel, AssetTruth, EventSink, FaultInjection, Rng, SensorChannel, SetpointSpec, StartConditions, StepContext } from '../model.ts';
import { drawLife, remainingH, startNow, updateLevel } from './degradation.ts';
import { initialSetpoints, sensorChannels, setpointSpecs } from './machine-channels.ts';
import { advanceLife, preAge } from './machine-life.ts';
import type { MachineSpec } from './machine-spec.ts';
import { M as MODE_WORDS, W as MACHINE_WORDS, type CompiledProfile } from './profile-compile.ts';
import type { MachineProfile } from './profile.ts';

/** Below this speed (fraction of rated) the machine is stopped. */
const RUNNING_MIN_SPEED = 0.005;
/** Largest setpoint, fraction of rated. */
const MAX_FRACTION = 1.1;
/** The ambient a machine outside a plant (tests, benches, the physics harness) starts in equilibrium with. */
export const INIT_AMBIENT_C = 20;

// Module-local aliases of the imported word offsets, read on every step (see machine-life.ts).
const M = MODE_WORDS;
const W = MACHINE_WORDS;

const fraction = (pct: number) => (pct > 0 ? (pct < MAX_FRACTION * 100 ? pct / 100 : MAX_FRACTION) : 0); // NaN → 0

/**
 * Writes the step inputs from setpoints `sp[spOff]` (load %) and `sp[spOff + 1]` (speed %): a failed or
 * stopped machine has zero load and speed. (Setpoints are passed as array and index, not as doubles,
 * which a call that is not inlined would box.)
 */
function setInputs(s: Float64Array, off: number, sp: Float64Array, spOff: number): void {
  const load = fraction(sp[spOff]!);
  const speed = fraction(sp[spOff + 1]!);
  const running = s[off + W.failed] === 0 && speed > RUNNING_MIN_SPEED;
  s[off + W.demand] = load;
  s[off + W.load] = running ? load : 0;
  s[off + W.speed] = running ? speed : 0;
  s[off + W.running] = running ? 1 : 0;
}

/**
 * Creates the model of one machine.
 * @example const m = createMachine({ id: 'pump_001', profile: 'pump', initial: { load: 70 }, ageH: 8000 },
 *   builtinProfiles().get('pump')!); // sensors "pump_001.vibration_rms_mm_s", setpoints "pump_001.load", ...
 */
export function createMachine(spec: MachineSpec, profile: MachineProfile): AssetModel {
  return new Machine(spec, profile);
}

/**
 * One class for every machine, so that the engine's calls (`model.step`, `model.read`) stay
 * monomorphic and inline across a fleet. Fields are immutable configuration; call methods on the model.
 */
class Machine implements AssetModel {
  readonly asset: string;
  readonly kind = 'machine' as const;
  readonly stateSize: number;
  readonly sensors: readonly SensorChannel[];
  readonly setpoints: readonly SetpointSpec[];
  readonly faultTypes: readonly string[];
  private readonly c: CompiledProfile;
  private readonly sensorsAt: number;
  private readonly initial: { readonly load: number; readonly speed: number };

  constructor(
    private readonly spec: MachineSpec,
    private readonly profile: MachineProfile,
  ) {
    const id = spec.id;
    if (typeof id !== 'string' || id === '') throw new Error(`machine spec needs an id (profile ${profile.source})`);
    if (!(spec.ageH >= 0 && Number.isFinite(spec.ageH))) throw new Error(`machine "${id}": ageH ${spec.ageH} must be a finite number >= 0`);
    this.asset = id;
    this.initial = initialSetpoints(spec);
    this.c = profile.compiled;
    this.sensorsAt = this.c.sensorsAt;
    this.stateSize = this.c.stateSize;
    this.sensors = sensorChannels(id, profile);
    this.setpoints = setpointSpecs(id, profile, this.initial);
    this.faultTypes = [...this.c.modes.map((m) => m.name), ...profile.document.faultAliases.map((a) => a.name)];
  }

  init(s: Float64Array, off: number, rng: Rng, start: StartConditions): void {
    const { c, initial } = this;
    s.fill(0, off, off + c.stateSize);
    s[off + W.failedMode] = -1;
    s[off + W.ambientC] = start.ambientC;
    for (const m of c.modes) drawLife(s, off + m.at, m, rng);
    if (this.spec.ageH > 0) {
      // Age accrued at the initial operating point, or at the defaults if the machine starts stopped.
      const ageing = fraction(initial.speed) > RUNNING_MIN_SPEED ? initial : { load: 80, speed: 100 };
      setInputs(s, off, Float64Array.of(ageing.load, ageing.speed), 0);
      this.settle(s, off);
      preAge(s, off, c, this.spec.ageH, rng);
    }
    setInputs(s, off, Float64Array.of(initial.load, initial.speed), 0);
    this.settle(s, off);
  }

  step(s: Float64Array, off: number, sp: Float64Array, spOff: number, ctx: StepContext, _rng: Rng, out: EventSink): void {
    setInputs(s, off, sp, spOff);
    s[off + W.ambientC] = ctx.ambientC;
    s[off + W.dtS] = ctx.dtS;
    if (advanceLife(s, off, this.c, this.asset, out) >= 0) setInputs(s, off, sp, spOff); // now failed: stopped
    this.c.outputs(s, off);
  }

  read(s: Float64Array, off: number, k: number): number {
    return s[off + this.sensorsAt + k]!;
  }

  truth(s: Float64Array, off: number): AssetTruth {
    const failed = s[off + W.failed] !== 0;
    let rulH = Infinity;
    let worst = 0;
    const activeFaults: string[] = [];
    for (const m of this.c.modes) {
      const b = off + m.at;
      rulH = Math.min(rulH, remainingH(s, b));
      worst = Math.max(worst, s[b + M.level]!);
      if (s[b + M.tauH]! >= s[b + M.onsetH]!) activeFaults.push(m.name);
    }
    return { rulH: failed ? 0 : rulH, health: failed ? 0 : 1 - worst, activeFaults };
  }

  injectFault(s: Float64Array, off: number, fault: FaultInjection, _rng: Rng, out: EventSink): void {
    const id = this.asset;
    const alias = this.profile.document.faultAliases.find((a) => a.name === fault.type);
    const mode = this.c.modes.find((m) => m.name === (alias ? alias.mode : fault.type));
    if (mode === undefined) {
      throw new Error(`machine "${id}" (${this.profile.type}): unknown fault type "${fault.type}"; accepted: ${this.faultTypes.join(', ')}`);
    }
    for (const k of Object.keys(fault.params)) {
      if (k !== 'rateMultiplier') throw new Error(`machine "${id}": fault "${fault.type}": unknown parameter "${k}" (accepted: rateMultiplier)`);
    }
    const rateMultiplier = fault.params['rateMultiplier'] ?? alias?.rateMultiplier ?? 1;
    if (!(rateMultiplier >= 1 && Number.isFinite(rateMultiplier))) {
      throw new Error(`machine "${id}": fault "${fault.type}": rateMultiplier ${rateMultiplier} must be a finite number >= 1 (a fault never slows wear)`);
    }
    const b = off + mode.at;
    startNow(s, b, rateMultiplier);
    updateLevel(s, b, mode.growth);
    out.faultOnset(id, mode.name, { cause: 'injected', type: fault.type, rateMultiplier });
  }

  maintain(s: Float64Array, off: number, rng: Rng, out: EventSink): void {
    const kind = s[off + W.failed] !== 0 ? 'corrective' : 'preventive';
    for (const m of this.c.modes) drawLife(s, off + m.at, m, rng);
    s[off + W.failed] = 0;
    s[off + W.failedMode] = -1;
    out.maintenance(this.asset, kind);
  }

  /** Runs the outputs to equilibrium (infinite time step) at the current inputs and degradation. */
  private settle(s: Float64Array, off: number): void {
    s[off + W.dtS] = Infinity;
    for (let i = 0; i < 4; i++) this.c.outputs(s, off);
    s[off + W.dtS] = 0;
  }
}
