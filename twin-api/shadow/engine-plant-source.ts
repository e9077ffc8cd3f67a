import { Subject, type Observable, type Subscription } from 'rxjs';
import type { EngineCommand } from '../../engine/commands.ts';
import type { TwinEngine } from '../../engine/engine.ts';
import type { CommandOrigin } from '../../engine/events.ts';
import { frameRecords } from '../../engine/records.ts';
import type { FaultEvent, Scenario } from '../../scenarios/types.ts';
import type { LiveSample, LiveSource, LiveSourceStatus } from './live-source.ts';

/** How the stand-in plant differs from the twin; none of it is told to the twin. */
export interface PlantDifferences {
  /** Random streams of the plant (default: the twin's seed + 7919); null keeps the twin's own streams. */
  readonly seed?: number | null;
  /** Model error: the real ambient is warmer than the twin assumes, °C (default 0). */
  readonly ambientOffsetC?: number;
  /** Model error: raw material varies more than the twin assumes, × std (default 1). */
  readonly rawMaterialStdScale?: number;
  /** Undeclared faults, `atS` in seconds from the moment the source is created (default none). */
  readonly hiddenFaults?: readonly FaultEvent[];
}

/**
 * The differences of a demonstration of shadow mode: a model error the twin is not told (a warmer
 * ambient, noisier raw material) and an undeclared +12 °C sensor bias one hour in.
 */
export const DEMO_PLANT_DIFFERENCES: PlantDifferences = {
  ambientOffsetC: 3,
  rawMaterialStdScale: 1.5,
  hiddenFaults: [{ atS: 3600, target: 'Line_A.furnace.zone3_temp', type: 'sensor_bias', params: { offset: 12 } }],
};

/**
 * The embedded default LiveSource: a second engine standing in for the real plant. It is forked
 * from the twin's present and differs by default only in its random streams (another seed: other
 * noise, raw material, wear), so on a fault-free run the residual twin − plant has the distribution
 * the sensor models declare and a shadow flag means something. Model error and undeclared faults are
 * opt-in (`PlantDifferences`, `DEMO_PLANT_DIFFERENCES`). Stepped in lock-step by the caller
 * (`advanceTo`), it emits its measured samples as records.
 */
export class EnginePlantSource implements LiveSource {
  private readonly plant: TwinEngine;
  private readonly subject = new Subject<LiveSample>();
  readonly samples$: Observable<LiveSample> = this.subject.asObservable();
  /** The hidden faults, with times in the plant's own seconds since scenario start (ground truth for evaluation). */
  readonly hiddenFaults: readonly FaultEvent[];
  private readonly sub: Subscription;
  private running = false;
  private emitted = 0;

  constructor(twin: TwinEngine, differences: PlantDifferences = {}) {
    const base = twin.scenario;
    const t0 = twin.tS;
    const wanted = differences.hiddenFaults ?? [];
    this.hiddenFaults = wanted.map((f) => ({ ...f, atS: f.atS + t0 }));
    const scenario: Scenario = {
      ...base,
      seed: differences.seed === null ? base.seed : (differences.seed ?? base.seed + 7919),
      disturbances: {
        ambient: { ...base.disturbances.ambient, meanC: base.disturbances.ambient.meanC + (differences.ambientOffsetC ?? 0) },
        rawMaterial: {
          ...base.disturbances.rawMaterial,
          std: base.disturbances.rawMaterial.std * (differences.rawMaterialStdScale ?? 1),
        },
      },
      faults: [...base.faults, ...this.hiddenFaults].sort((a, b) => a.atS - b.atS),
    };
    this.plant = differences.seed === null ? twin.fork({ scenario }) : twin.fork({ scenario, seed: scenario.seed });
    const layout = this.plant.layout;
    this.sub = this.plant.frames$.subscribe((frame) => {
      if (!this.running || frame.sampledCount === 0) return;
      const timeMs = frame.timeMs;
      for (const r of frameRecords(frame, layout)) {
        this.emitted++;
        this.subject.next({ ...r, timeMs });
      }
    });
  }

  /** Simulated seconds of the plant. */
  get tS(): number {
    return this.plant.tS;
  }

  /** Steps the plant up to simulated time `tS` (the server calls this after each twin tick). */
  advanceTo(tS: number): void {
    this.plant.runUntil(tS);
  }

  /** A command (setpoint, maintenance) reaching the plant, as the real plant would receive it (standInCommandPort). */
  apply(command: EngineCommand, origin: CommandOrigin): void {
    this.plant.apply(command, origin);
  }

  /** The plant's own target of a setpoint (its acknowledgement of a change). */
  setpointTarget(id: string): number {
    const sp = this.plant.setpoints().find((s) => s.id === id);
    if (!sp) throw new Error(`unknown setpoint "${id}"`);
    return sp.target;
  }

  status(): LiveSourceStatus {
    return {
      connected: this.running,
      received: this.emitted,
      accepted: this.emitted,
      rejected: 0,
      duplicates: 0,
      reconnects: 0,
      lastError: null,
    };
  }

  async start(): Promise<void> {
    this.running = true;
  }

  /** Stops emitting; the plant still advances with `advanceTo` (it does not pause for us). */
  async stop(): Promise<void> {
    this.running = false;
  }

  /** Releases the plant engine; the source cannot be restarted. */
  dispose(): void {
    this.running = false;
    this.sub.unsubscribe();
    this.plant.dispose();
    this.subject.complete();
  }
}
