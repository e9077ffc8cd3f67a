import { Subject, type Observable } from 'rxjs';
import { STATUS_NAMES, type AssetModel, type DefectCause, type DefectType, type EventSink } from '../physics/model.ts';
import type { Scenario } from './scenario.ts';
import { actuate } from './actuators.ts';
import { EngineError, type AppliedCommand, type EngineCommand } from './commands.ts';
import { ambientAt, stepRawMaterial } from './environment.ts';
import type { CommandOrigin, DefectTruth, HiddenOnset, TwinEvent } from './events.ts';
import type { Frame, TruthFrame } from './frame.ts';
import { buildLayout, FEATURE, type PlantLayout } from './layout.ts';
import { RNG_WORDS, seedStream, StreamRng } from './rng.ts';
import { applySensorFault, hasFaultState, sampleSensors, SENSOR_FAULT_TYPES, FLAG_FRESH } from './sensor-model.ts';
import { buildSchedule, cursorForTick, type ScheduledCommand } from './schedule.ts';
import { allocateState, cloneState, copyStateInto, META, type EngineState } from './state.ts';
import { decodeSnapshot, type EngineSnapshot } from './snapshot.ts';
import { setpointProblem } from '../physics/setpoint-bounds.ts';

const EMPTY_EVENTS: readonly TwinEvent[] = Object.freeze([]);

/**
 * Seeds every random stream from `seed` and the stream's label; a reseed mid-run (`atTick`) adds
 * the tick to the label so two reseeds of different moments never share their futures.
 */
function reseedStreams(st: EngineState, layout: PlantLayout, seed: number, atTick: number | null): void {
  const suffix = atTick === null ? '' : `@${atTick}`;
  layout.models.forEach((m, i) => {
    seedStream(st.rng, i * 2 * RNG_WORDS, seed, `asset:${m.asset}${suffix}`);
    seedStream(st.rng, (i * 2 + 1) * RNG_WORDS, seed, `sensors:${m.asset}${suffix}`);
  });
  seedStream(st.rng, layout.models.length * 2 * RNG_WORDS, seed, `environment${suffix}`);
}

/** How a fork differs from its parent. */
export interface ForkOptions {
  /** Another script of faults and operator actions (a branch). */
  readonly scenario?: Scenario;
  /** Fresh random streams: same present, another future (Monte-Carlo what-if). */
  readonly seed?: number;
  /** A coarser base step for fast look-ahead (models are stable up to 60 s). */
  readonly stepS?: number;
  /** false: skip sensor sampling (what-if runs that only need events and model state). */
  readonly sensors?: boolean;
}

/** What the engine needs to know about its run, beyond the models. */
export interface RunSpec {
  readonly scenario: Scenario;
  readonly models: readonly AssetModel[];
}

/** A setpoint as the outside world sees it. */
export interface SetpointView {
  readonly id: string;
  readonly asset: string;
  readonly name: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** Actuator time constant, s, and largest change of the actual value per second: the target is reached after them. */
  readonly lagS: number;
  readonly rateLimitPerS: number;
  readonly target: number;
  readonly actual: number;
}

/**
 * The twin engine: advances every asset model by one fixed base step per tick, samples sensors at
 * their own rates, and emits one frame per tick. Deterministic: its only inputs are the scenario
 * (with its seed) and the commands applied to it; it never reads a clock. Drive it with a
 * `SimClock` (paced or virtual) or call `step()` / `runUntil()` directly.
 *
 * @example
 * const engine = TwinEngine.create({ scenario, models });
 * engine.frames$.subscribe((f) => console.log(f.tS, f.sampledCount));
 * engine.runFor(3600);
 */
export class TwinEngine {
  readonly layout: PlantLayout;
  readonly scenario: Scenario;
  /** Epoch milliseconds of t = 0 (from the scenario's start time, not the wall clock). */
  readonly startMs: number;

  private readonly st: EngineState;
  private readonly schedule: readonly ScheduledCommand[];
  private cursor: number;
  private readonly assetRng: StreamRng[];
  private readonly sensorRng: StreamRng[];
  private readonly envRng: StreamRng;

  private readonly framesSubject = new Subject<Frame>();
  private readonly eventsSubject = new Subject<TwinEvent>();
  private readonly truthSubject = new Subject<TruthFrame>();
  private readonly commandsSubject = new Subject<AppliedCommand>();

  /** One frame per tick. The frame's arrays are reused: copy what you keep (see `copyFrame`). */
  readonly frames$: Observable<Frame> = this.framesSubject.asObservable();
  /** Every event, as it happens. */
  readonly events$: Observable<TwinEvent> = this.eventsSubject.asObservable();
  /** Ground truth per tick: predictors must never read it; labels and evaluation do. */
  readonly truth$: Observable<TruthFrame> = this.truthSubject.asObservable();
  /** Every command applied, with its tick: what a recorder needs to replay the run. */
  readonly commands$: Observable<AppliedCommand> = this.commandsSubject.asObservable();

  // Per-tick scratch, reused to keep the hot path free of allocation.
  private readonly sampled: Int32Array;
  private sampledCount = 0;
  /** Per sample (parallel to `sampled`): true value, feature bits, model (its sensor stream), alert transition. */
  private readonly trueValues: Float64Array;
  private readonly sampleFeatures: Uint8Array;
  private readonly sampleStream: Int32Array;
  private readonly alerts: Int8Array;
  /** Per sensor, the layout's FEATURE bits plus `fault` while it has fault state (see refreshFault). */
  private readonly features: Uint8Array;
  private tickEvents: TwinEvent[] = [];
  private tickDefects: DefectTruth[] = [];
  private tickOnsets: HiddenOnset[] = [];
  private readonly unitsThisTick: Uint8Array;
  private injecting = false;
  private muted = false;
  /** Whether sensors are sampled each tick (forks for look-ahead may switch it off). */
  private sensing = true;
  private readonly sink: EventSink;
  private readonly ctx: { tS: number; dtS: number; ambientC: number; rawMaterialDev: number };

  private constructor(layout: PlantLayout, scenario: Scenario, state: EngineState, schedule?: readonly ScheduledCommand[]) {
    this.layout = layout;
    this.scenario = scenario;
    this.startMs = Date.parse(scenario.start);
    this.st = state;
    this.schedule = schedule ?? buildSchedule(scenario, layout.stepS);
    this.cursor = cursorForTick(this.schedule, this.tick);
    const n = layout.models.length;
    this.assetRng = Array.from({ length: n }, (_, i) => new StreamRng(state.rng, i * 2 * RNG_WORDS));
    this.sensorRng = Array.from({ length: n }, (_, i) => new StreamRng(state.rng, (i * 2 + 1) * RNG_WORDS));
    this.envRng = new StreamRng(state.rng, n * 2 * RNG_WORDS);
    this.sampled = new Int32Array(layout.sensors.length);
    this.trueValues = new Float64Array(layout.sensors.length);
    this.sampleFeatures = new Uint8Array(layout.sensors.length);
    this.sampleStream = new Int32Array(layout.sensors.length);
    this.alerts = new Int8Array(layout.sensors.length);
    this.features = layout.sensorFeatures.slice();
    for (let k = 0; k < this.features.length; k++) this.refreshFault(k);
    this.unitsThisTick = new Uint8Array(n);
    this.ctx = { tS: 0, dtS: layout.stepS, ambientC: 20, rawMaterialDev: 0 };
    this.sink = this.makeSink();
    this.rebuildSampled();
  }

  /** Builds a plant at t = 0 from its scenario and models. */
  static create(spec: RunSpec): TwinEngine {
    const { scenario, models } = spec;
    const layout = buildLayout(models, scenario.stepS);
    const st = allocateState(layout);
    reseedStreams(st, layout, scenario.seed, null);
    layout.setpoints.forEach((sp, j) => {
      st.spTarget[j] = sp.initial;
      st.spActual[j] = sp.initial;
    });
    const engine = new TwinEngine(layout, scenario, st);
    const start = { ambientC: ambientAt(scenario.disturbances.ambient, engine.startMs, 0) };
    models.forEach((m, i) => m.init(st.model, layout.stateOff[i]!, engine.assetRng[i]!, start));
    engine.sampleInitial();
    return engine;
  }

  get tick(): number {
    return this.st.meta[META.tick]!;
  }
  get tS(): number {
    return this.tick * this.layout.stepS;
  }
  get stepS(): number {
    return this.layout.stepS;
  }
  get durationS(): number {
    return this.scenario.durationS;
  }
  /** Latest measured values (live view; copy to keep). */
  get values(): Float64Array {
    return this.st.values;
  }
  get status(): Uint8Array {
    return this.st.status;
  }

  /** ISO 8601 UTC timestamp of simulated time `tS`. */
  isoAt(tS: number = this.tS): string {
    return new Date(this.startMs + tS * 1000).toISOString();
  }

  /** Advances `n` base steps. */
  step(n = 1): void {
    for (let i = 0; i < n; i++) this.tickOnce();
  }

  /** Runs until simulated time reaches at least `tS`. */
  runUntil(tS: number): void {
    const target = Math.ceil(tS / this.layout.stepS - 1e-9);
    while (this.tick < target) this.tickOnce();
  }

  runFor(seconds: number): void {
    this.runUntil(this.tS + seconds);
  }

  /** Advances `n` steps without emitting frames, events or truth (seeking, fast-forwarding). */
  stepSilently(n: number): void {
    this.muted = true;
    try {
      this.step(n);
    } finally {
      this.muted = false;
    }
  }

  /** Applies a command before the next tick. Throws EngineError naming what is wrong. */
  apply(command: EngineCommand, origin: CommandOrigin = 'external'): void {
    switch (command.kind) {
      case 'setpoint':
        this.applySetpoint(command.setpoint, command.value, origin);
        break;
      case 'fault':
        this.applyFault(command.target, command.type, command.params);
        break;
      case 'maintenance':
        this.applyMaintenance(command.target);
        break;
    }
    if (this.commandsSubject.observed) this.commandsSubject.next({ tick: this.tick, command, origin });
  }

  /** Actual (post-actuator) value of a setpoint. */
  setpointActual(id: string): number {
    const j = this.layout.setpointIndex.get(id);
    if (j === undefined) throw new EngineError('UNKNOWN_SETPOINT', `unknown setpoint "${id}"`);
    return this.st.spActual[j]!;
  }

  /** Shorthand for `apply({ kind: 'setpoint', ... })`. */
  setSetpoint(id: string, value: number): void {
    this.apply({ kind: 'setpoint', setpoint: id, value });
  }

  setpoints(): SetpointView[] {
    return this.layout.setpoints.map((sp, j) => ({
      id: sp.id,
      asset: sp.asset,
      name: sp.name,
      unit: sp.unit,
      min: sp.min,
      max: sp.max,
      lagS: sp.lagS,
      rateLimitPerS: sp.rateLimitPerS,
      target: this.st.spTarget[j]!,
      actual: this.st.spActual[j]!,
    }));
  }

  /** The current ground truth, computed on demand (the truth$ stream gives it per tick). */
  truth(): TruthFrame {
    return this.buildTruth();
  }

  /** A self-contained copy of the whole mutable state. */
  snapshot(): EngineSnapshot {
    return {
      fingerprint: this.layout.fingerprint,
      scenario: this.scenario.name,
      stepS: this.layout.stepS,
      tick: this.tick,
      state: cloneState(this.st),
    };
  }

  /** Puts the engine back into a snapshotted state (same plant layout required). */
  restore(snapshot: EngineSnapshot | Uint8Array | string): void {
    const snap = decodeSnapshot(snapshot, this.layout);
    copyStateInto(this.st, snap.state);
    for (let k = 0; k < this.features.length; k++) this.refreshFault(k);
    this.cursor = cursorForTick(this.schedule, this.tick);
    this.rebuildSampled();
  }

  /**
   * An independent engine at the same state: it shares no mutable data with this one, so running
   * it (what-if, shadow, RL rollouts) never disturbs the live run. Optionally with another schedule
   * of scripted commands (a branch "what if the operator had acted differently"), or with fresh
   * random streams (`seed`: Monte-Carlo what-if runs that share the present but not the future).
   */
  fork(options: ForkOptions = {}): TwinEngine {
    const scenario = options.scenario ?? this.scenario;
    const state = cloneState(this.st);
    if (options.seed !== undefined) reseedStreams(state, this.layout, options.seed, this.tick);
    let layout = this.layout;
    if (options.stepS !== undefined && options.stepS !== layout.stepS) {
      // Model state does not depend on the step, so a coarser fork keeps it and only re-times the tick.
      const tS = this.tS;
      layout = buildLayout(layout.models, options.stepS);
      state.meta[META.tick] = Math.round(tS / options.stepS);
      if (Math.abs(state.meta[META.tick]! * options.stepS - tS) > 1e-6) {
        throw new EngineError('BAD_TIME', `a ${options.stepS} s step does not divide the fork time ${tS} s`);
      }
    }
    const schedule = options.scenario || layout !== this.layout ? buildSchedule(scenario, layout.stepS) : this.schedule;
    const fork = new TwinEngine(layout, scenario, state, schedule);
    if (options.sensors === false) {
      fork.sensing = false;
      for (let i = 0; i < fork.sampledCount; i++) fork.st.flags[fork.sampled[i]!]! &= ~FLAG_FRESH;
      fork.sampledCount = 0;
    }
    return fork;
  }

  /** Stops all streams (subscribers get `complete`). */
  dispose(): void {
    this.framesSubject.complete();
    this.eventsSubject.complete();
    this.truthSubject.complete();
    this.commandsSubject.complete();
  }

  // ---------------------------------------------------------------- the tick

  private tickOnce(): void {
    const st = this.st;
    const L = this.layout;
    const tick = st.meta[META.tick]!;
    const tS = tick * L.stepS;
    const dtS = L.stepS;

    while (this.cursor < this.schedule.length && this.schedule[this.cursor]!.tick <= tick) {
      const item = this.schedule[this.cursor++]!;
      this.apply(item.command, 'scenario');
    }

    const ctx = this.ctx;
    ctx.tS = tS;
    ctx.ambientC = ambientAt(this.scenario.disturbances.ambient, this.startMs, tS);
    st.meta[META.rawMaterialDev] = stepRawMaterial(
      st.meta[META.rawMaterialDev]!,
      this.scenario.disturbances.rawMaterial,
      dtS,
      this.envRng,
    );
    ctx.rawMaterialDev = st.meta[META.rawMaterialDev]!;

    const sps = L.setpoints;
    const actual = st.spActual;
    const target = st.spTarget;
    for (let j = 0; j < sps.length; j++) {
      // Settled actuators (nearly all, nearly always) cost one compare.
      if (actual[j] === target[j]) continue;
      const sp = sps[j]!;
      actual[j] = actuate(actual[j]!, target[j]!, dtS, sp.lagS, sp.rateLimitPerS);
    }

    const models = L.models;
    for (let i = 0; i < models.length; i++) {
      models[i]!.step(st.model, L.stateOff[i]!, st.spActual, L.spOff[i]!, ctx, this.assetRng[i]!, this.sink);
    }

    const next = tick + 1;
    st.meta[META.tick] = next;
    if (this.sensing) this.sampleTick(next);
    else this.unitsThisTick.fill(0);
    this.emit(next);
  }

  private sampleTick(tick: number): void {
    const st = this.st;
    const L = this.layout;
    // Clear FRESH on last tick's samples only: O(samples), not O(sensors).
    const flags = st.flags;
    const last = this.sampled;
    const notFresh = ~FLAG_FRESH;
    for (let i = 0; i < this.sampledCount; i++) flags[last[i]!]! &= notFresh;
    let n = 0;
    const groups = L.periodGroups;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      if (tick % group.periodTicks === 0) n = this.collect(group.sensors, n);
    }
    const units = this.unitsThisTick;
    for (let i = 0; i < units.length; i++) {
      if (units[i] === 0) continue;
      units[i] = 0;
      n = this.collect(L.perUnit[i]!, n);
    }
    this.measureCollected(n);
  }

  /**
   * Appends the sensors in `list` to this tick's samples with their true values, from position `n`;
   * returns the new count. Reading every value before any noise is drawn changes nothing (sampling
   * never touches model state) and keeps the models' `read` calls in one tight loop.
   */
  private collect(list: Int32Array, n: number): number {
    const L = this.layout;
    const models = L.models;
    const s = this.st.model;
    const sampled = this.sampled;
    const trueValues = this.trueValues;
    const streams = this.sampleStream;
    const features = this.sampleFeatures;
    const featuresOf = this.features;
    for (let j = 0; j < list.length; j++) {
      const k = list[j]!;
      const m = L.sensorModel[k]!;
      sampled[n] = k;
      features[n] = featuresOf[k]!;
      streams[n] = m;
      trueValues[n++] = models[m]!.read(s, L.stateOff[m]!, L.sensorLocal[k]!);
    }
    return n;
  }

  /** Turns the `n` collected true values into measurements, raising alert events in sample order. */
  private measureCollected(n: number): void {
    this.sampledCount = n;
    const { st, layout, sampled, alerts } = this;
    if (sampleSensors(st, layout, sampled, this.trueValues, this.sampleFeatures, this.sampleStream, this.sensorRng, n, alerts) === 0) return;
    for (let j = 0; j < n; j++) if (alerts[j] !== 0) this.pushAlert(sampled[j]!, alerts[j]!);
  }

  /** Sets or clears sensor k's `fault` feature bit from its state: sampling reads fault words only when set. */
  private refreshFault(k: number): void {
    const base = this.layout.sensorFeatures[k]!;
    this.features[k] = hasFaultState(this.st, k) ? base | FEATURE.fault : base;
  }

  /** The last tick's sample list is derived from the FRESH flags, so a restored or forked state clears them alike. */
  private rebuildSampled(): void {
    this.sampledCount = 0;
    const flags = this.st.flags;
    for (let k = 0; k < flags.length; k++) if (flags[k]! & FLAG_FRESH) this.sampled[this.sampledCount++] = k;
  }

  /** Sensors start with one sample each at t = 0, so a frame never shows an unset sensor. */
  private sampleInitial(): void {
    const L = this.layout;
    const all = Int32Array.from(L.sensors, (_, k) => k);
    this.measureCollected(this.collect(all, 0));
    this.tickEvents = [];
  }

  private pushAlert(k: number, alert: number): void {
    const { asset, id: sensor } = this.layout.sensors[k]!;
    const value = this.st.values[k]!;
    const seq = this.nextSeq();
    if (alert > 0) {
      const status = STATUS_NAMES[alert]!;
      this.tickEvents.push({ seq, tick: this.tick, tS: this.tS, asset, sensor, value, type: 'alert', status });
    } else {
      this.tickEvents.push({ seq, tick: this.tick, tS: this.tS, asset, sensor, value, type: 'alert_cleared' });
    }
  }

  private emit(tick: number): void {
    if (this.muted) {
      this.tickEvents = [];
      this.tickDefects = [];
      this.tickOnsets = [];
      return;
    }
    const events = this.tickEvents.length > 0 ? this.tickEvents : EMPTY_EVENTS;
    if (this.framesSubject.observed) {
      this.framesSubject.next({
        tick,
        tS: tick * this.layout.stepS,
        timeMs: this.startMs + tick * this.layout.stepS * 1000,
        values: this.st.values,
        status: this.st.status,
        flags: this.st.flags,
        sampled: this.sampled,
        sampledCount: this.sampledCount,
        events,
      });
    }
    if (events.length > 0) {
      if (this.eventsSubject.observed) for (const e of events) this.eventsSubject.next(e);
      this.tickEvents = [];
    }
    if (this.truthSubject.observed) this.truthSubject.next(this.buildTruth());
    if (this.tickDefects.length > 0) this.tickDefects = [];
    if (this.tickOnsets.length > 0) this.tickOnsets = [];
  }

  private buildTruth(): TruthFrame {
    const L = this.layout;
    const n = L.models.length;
    const rulH = new Float64Array(n);
    const health = new Float64Array(n);
    const activeFaults: Record<string, readonly string[]> = {};
    for (let i = 0; i < n; i++) {
      const m = L.models[i]!;
      const t = m.truth(this.st.model, L.stateOff[i]!);
      rulH[i] = t.rulH ?? NaN;
      health[i] = t.health ?? NaN;
      if (t.activeFaults.length > 0) activeFaults[m.asset] = t.activeFaults;
    }
    for (let k = 0; k < L.sensors.length; k++) {
      const faults = this.sensorFaultNames(k);
      if (faults.length === 0) continue;
      const asset = L.sensors[k]!.asset;
      activeFaults[asset] = [...(activeFaults[asset] ?? []), ...faults];
    }
    return {
      tick: this.tick,
      tS: this.tS,
      assets: L.models.map((m) => m.asset),
      rulH,
      health,
      activeFaults,
      defects: this.tickDefects,
      hiddenOnsets: this.tickOnsets,
    };
  }

  private sensorFaultNames(k: number): string[] {
    const st = this.st;
    const id = this.layout.sensors[k]!.id;
    const out: string[] = [];
    if (!Number.isNaN(st.sfStuck[k]!)) out.push(`sensor_stuck:${id}`);
    if (st.sfDriftPerS[k] !== 0) out.push(`sensor_drift:${id}`);
    if (st.sfBias[k] !== 0) out.push(`sensor_bias:${id}`);
    if (st.sfDropout[k] !== 0) out.push(`sensor_dropout:${id}`);
    return out;
  }

  // ---------------------------------------------------------------- commands

  private applySetpoint(id: string, value: number, origin: CommandOrigin): void {
    const j = this.layout.setpointIndex.get(id);
    if (j === undefined) throw new EngineError('UNKNOWN_SETPOINT', `unknown setpoint "${id}"`);
    const sp = this.layout.setpoints[j]!;
    const problem = setpointProblem(sp, value);
    if (problem !== undefined) throw new EngineError('SETPOINT_OUT_OF_RANGE', `setpoint "${id}" ${problem}`);
    this.st.spTarget[j] = value;
    this.tickEvents.push({
      type: 'setpoint_changed',
      seq: this.nextSeq(),
      tick: this.tick,
      tS: this.tS,
      asset: sp.asset,
      setpoint: id,
      value,
      origin,
    });
  }

  private applyFault(target: string, type: string, params: Readonly<Record<string, number>>): void {
    const k = this.layout.sensorIndex.get(target);
    if (k !== undefined) {
      if (!SENSOR_FAULT_TYPES.includes(type as never)) {
        throw new EngineError('BAD_FAULT', `unknown sensor fault "${type}" (expected one of ${SENSOR_FAULT_TYPES.join(', ')})`);
      }
      applySensorFault(this.st, k, type, params);
      this.refreshFault(k);
      const sensor = this.layout.sensors[k]!;
      this.tickEvents.push({
        type: 'fault_onset',
        seq: this.nextSeq(),
        tick: this.tick,
        tS: this.tS,
        asset: sensor.asset,
        fault: type,
        detail: { sensor: sensor.id, ...params },
      });
      return;
    }
    const i = this.modelIndex(target);
    const model = this.layout.models[i]!;
    this.injecting = true;
    try {
      model.injectFault(this.st.model, this.layout.stateOff[i]!, { type, params }, this.assetRng[i]!, this.sink);
    } catch (err) {
      throw new EngineError('BAD_FAULT', `fault "${type}" on ${target}: ${(err as Error).message}`);
    } finally {
      this.injecting = false;
    }
  }

  private applyMaintenance(target: string): void {
    const i = this.modelIndex(target);
    this.layout.models[i]!.maintain(this.st.model, this.layout.stateOff[i]!, this.assetRng[i]!, this.sink);
  }

  private modelIndex(asset: string): number {
    const i = this.layout.assetIndex.get(asset);
    if (i === undefined) throw new EngineError('UNKNOWN_TARGET', `unknown asset or sensor "${asset}"`);
    return i;
  }

  private nextSeq(): number {
    const seq = this.st.meta[META.eventSeq]!;
    this.st.meta[META.eventSeq] = seq + 1;
    return seq;
  }

  private makeSink(): EventSink {
    const self = this;
    // Each event is one object literal with the common fields first (seq, tick, tS, asset): a spread
    // of a shared base would allocate twice per event, and a unit is produced about every second.
    return {
      unitProduced(asset: string, unitId: number) {
        const i = self.layout.assetIndex.get(asset);
        if (i !== undefined) self.unitsThisTick[i] = 1;
        self.tickEvents.push({ seq: self.nextSeq(), tick: self.tick, tS: self.tS, asset, type: 'unit_produced', unitId });
      },
      defect(d: {
        asset: string;
        unitId: number;
        type: DefectType;
        x: number;
        y: number;
        severity: number;
        causes: readonly DefectCause[];
      }) {
        const seq = self.nextSeq();
        const { asset, unitId } = d;
        const { tick, tS } = self;
        self.tickEvents.push({ seq, tick, tS, asset, type: 'defect', unitId, defect: d.type, x: d.x, y: d.y, severity: d.severity });
        self.tickDefects.push({ seq, asset, unitId, defect: d.type, causes: d.causes });
      },
      faultOnset(asset: string, fault: string, detail: Readonly<Record<string, number | string>> = {}) {
        // Scripted (injected) faults are part of the incident everyone sees; a random onset is hidden truth.
        if (self.injecting) {
          self.tickEvents.push({ seq: self.nextSeq(), tick: self.tick, tS: self.tS, asset, type: 'fault_onset', fault, detail });
        } else {
          self.tickOnsets.push({ asset, fault, detail });
        }
      },
      failure(asset: string, mode: string) {
        self.tickEvents.push({ seq: self.nextSeq(), tick: self.tick, tS: self.tS, asset, type: 'failure', mode });
      },
      maintenance(asset: string, kind: string) {
        self.tickEvents.push({ seq: self.nextSeq(), tick: self.tick, tS: self.tS, asset, type: 'maintenance', kind });
      },
    };
  }
}
