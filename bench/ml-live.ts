/** Part of bench/ml.ts: latency of one batched live prediction of the whole reference plant. */
import { createEngine } from '../engine/plant.ts';
import { assetKinds } from '../ml/live/live-models.ts';
import { LivePredictor } from '../ml/live/live-predictor.ts';
import { standInLiveModels } from '../ml/live/stand-in-models.ts';
import type { Scenario } from '../scenarios/types.ts';

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(0.95 * s.length))]!;
}

/**
 * p95 of `predictNow()` with one model per (kind, task) — 26 models for the 29 assets — of the
 * default size (12 steps, temporal bases, one hidden layer), a sample every tick: without and with
 * integrated-gradient explanations (those run only when a new sample arrives: every 10 simulated min).
 */
export async function liveLatency(scenario: Scenario): Promise<Record<string, number>> {
  const engine = createEngine(scenario);
  const kinds = assetKinds(scenario);
  const res: Record<string, number> = {};
  for (const explain of [false, true]) {
    const live = new LivePredictor(engine.layout, kinds, standInLiveModels(engine.layout, kinds), { sampleEveryS: 1, explain });
    const times: number[] = [];
    const sub = engine.frames$.subscribe((f) => {
      const t0 = performance.now();
      live.onFrame(f);
      times.push(performance.now() - t0);
    });
    engine.step(explain ? 80 : 600);
    sub.unsubscribe();
    live.dispose();
    res[explain ? 'infer_explained_p95_ms' : 'infer_p95_ms'] = Math.round(p95(times.slice(explain ? 20 : 100)) * 100) / 100; // after JIT warm-up
  }
  engine.dispose();
  return res;
}
