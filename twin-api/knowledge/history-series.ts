/**
 * Root-cause analysis's series from history: the 1-minute rollups (samples_1m) of the sensors asked,
 * over one window, fetched in one query and turned into `SensorBins` on the analysis's grid.
 * Simulated seconds are the engine's (tS 0 = engine.startMs).
 */
import { BinAccumulator, type SensorBins, type SeriesSource } from '../../knowledge/series.ts';
import type { SampleSource, SampleStore } from '../store/sample-store.ts';

export interface HistoryWindow {
  /** Epoch ms of the engine's tS = 0. */
  readonly startMs: number;
  /** Simulated seconds, [fromS, toS). */
  readonly fromS: number;
  readonly toS: number;
  readonly binS: number;
  /** Whose samples: the twin's, or the live plant's (shadow mode over MQTT). */
  readonly source?: SampleSource;
}

/**
 * Bins of `sensorIds` over the window. The window is widened outward to whole bins of epoch time,
 * so the rollups answer it (a bucket is then one samples_1m row: its avg is the bin's mean).
 */
export async function historySeries(store: Pick<SampleStore, 'querySeries'>, sensorIds: readonly string[], w: HistoryWindow): Promise<{ series: SeriesSource; samples: ReadonlyMap<string, number> }> {
  const binMs = w.binS * 1000;
  const fromMs = Math.floor((w.startMs + w.fromS * 1000) / binMs) * binMs;
  const toMs = Math.ceil((w.startMs + w.toS * 1000) / binMs) * binMs;
  const n = Math.max(1, Math.round((toMs - fromMs) / binMs));
  const startS = (fromMs - w.startMs) / 1000;
  const bins = new Map<string, SensorBins>();
  const samples = new Map<string, number>();
  if (sensorIds.length > 0 && toMs > fromMs) {
    for (const s of await store.querySeries({ sensorIds, fromMs, toMs, maxPoints: n, ...(w.source ? { source: w.source } : {}) })) {
      let count = 0;
      if (s.kind === 'buckets') {
        // maxPoints = bins: one bucket per bin, each one samples_1m row.
        const values = new Float64Array(n).fill(NaN);
        for (const b of s.buckets) {
          if (b.avg === null || b.count === 0) continue;
          const i = Math.floor((b.tMs - fromMs) / binMs);
          if (i >= 0 && i < n) values[i] = b.avg;
          count += b.count;
        }
        bins.set(s.sensorId, { startS, binS: w.binS, values });
      } else {
        const acc = new BinAccumulator(startS, w.binS, n);
        for (const r of s.samples) {
          if (r.value === null) continue;
          acc.add((r.tMs - w.startMs) / 1000, r.value);
          count++;
        }
        if (count > 0) bins.set(s.sensorId, acc.toBins());
      }
      samples.set(s.sensorId, count);
    }
  }
  return { series: (id) => bins.get(id) ?? null, samples };
}
