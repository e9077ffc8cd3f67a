/**
 * What a root-cause analysis reads, recorded from an engine as it runs: every sensor's 1-minute
 * bins (the history store's rollups, without the store) and each defect with the simulator's true
 * causes, which only tests and benchmarks may look at. A recording can continue another one, so
 * an episode forked from a shared warm-up keeps the warm-up's history.
 */
import type { TwinEngine } from '../engine/engine.ts';
import type { DefectCause } from '../physics/model.ts';
import { BinAccumulator, type SensorBins } from './series.ts';

export interface RecordedDefect {
  readonly tS: number;
  readonly defect: string;
  readonly causes: readonly DefectCause[];
}

export class EngineRecording {
  private readonly acc: BinAccumulator[];
  readonly defects: RecordedDefect[] = [];

  /** Records `engine` from now on into bins of `binS` covering [0, totalS); `from` is copied first. */
  constructor(
    readonly engine: TwinEngine,
    totalS: number,
    readonly binS = 60,
    from?: EngineRecording,
  ) {
    const bins = Math.ceil(totalS / binS);
    this.acc = engine.layout.sensors.map((_, k) => {
      const a = new BinAccumulator(0, binS, bins);
      if (from) a.copyFrom(from.acc[k]!);
      return a;
    });
    if (from) this.defects.push(...from.defects);
    engine.frames$.subscribe((f) => {
      for (let i = 0; i < f.sampledCount; i++) {
        const k = f.sampled[i]!;
        this.acc[k]!.add(f.tS, f.values[k]!);
      }
    });
    engine.truth$.subscribe((t) => {
      for (const d of t.defects) this.defects.push({ tS: t.tS, defect: d.defect, causes: d.causes });
    });
  }

  /** One sensor's bins so far (NaN where nothing was sampled). */
  binsOf(sensorIndex: number): SensorBins {
    return this.acc[sensorIndex]!.toBins();
  }

  /** Every sensor's bins so far, by sensor id. */
  bins(): Map<string, SensorBins> {
    return new Map(this.engine.layout.sensors.map((s, k) => [s.id, this.acc[k]!.toBins()]));
  }
}
