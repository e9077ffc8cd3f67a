import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/plant.ts';
import { assetKinds } from '../../ml/live/live-models.ts';
import { LivePredictor } from '../../ml/live/live-predictor.ts';
import { standInLiveModels } from '../../ml/live/stand-in-models.ts';
import { initBackend } from '../../ml/tf/backend.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { PgliteStore } from '../store/pglite-store.ts';
import { startHub } from '../ws/test-kit.test-helper.ts';
import { AlertEngine } from '../../monitor/alerts/alert-engine.ts';
import { DEFAULT_ALERT_SETTINGS } from '../../monitor/alerts/alert-settings.ts';
import { PredictionData } from '../../protocol/predictions.ts';
import { PredictionsFeed } from './predictions-feed.ts';

const scenario = loadLibraryScenario('glass-plant');

describe('PredictionsFeed', () => {
  let store: PgliteStore;
  beforeAll(async () => {
    await initBackend();
    store = await PgliteStore.open('memory://');
  }, 30_000); // the wasm backend and PGlite take over 10 s to start on a loaded 2-core runner
  afterAll(async () => {
    await store.close();
  });

  it('publishes each sample tick of predictions once per asset, to the clients whose filter covers it, and stores them', async () => {
    const engine = createEngine(scenario);
    const kinds = assetKinds(scenario);
    const predictor = new LivePredictor(engine.layout, kinds, standInLiveModels(engine.layout, kinds), { sampleEveryS: 600, explain: false });
    const kit = await startHub();
    const pumps = await kit.connect();
    await pumps.join({ channels: ['predictions'], assets: ['pump_001'] });
    const feed = new PredictionsFeed(engine, predictor, { hub: kit.hub, store });
    try {
      engine.runFor(1_300); // the first frame (at the end of the first step) and every 600 s after it
      expect(feed.published).toBe(3);
      await pumps.until((c) => c.data.length === 3);
      expect(pumps.data.map((m) => m.data.asset)).toEqual(['pump_001', 'pump_001', 'pump_001']);
      expect(pumps.data.map((m) => m.t)).toEqual([0, 600, 1200].map((s) => new Date(engine.startMs + (s + engine.layout.stepS) * 1000).toISOString()));
      const p = pumps.data[2].data;
      expect(p.status).toEqual({ rul: 'ready', failure: 'ready', anomaly: 'ready' });
      expect(typeof p.rul.hours).toBe('number');
      expect(p.rul.unit).toBe('h');
      expect(p.rulH).toBeUndefined();
      expect(p.failureProbability.value).toBeGreaterThanOrEqual(0);
      expect(p.failureProbability.value).toBeLessThanOrEqual(1);
      await feed.close();
      const stored = await store.listPredictions({ asset: 'pump_001', limit: 10 });
      expect(stored).toHaveLength(3);
      expect(stored.every((s) => s.model === 'pump')).toBe(true);
      expect(feed.latest().map((x) => x.asset)).toContain('Line_A');
    } finally {
      await feed.close();
      await kit.stop();
      predictor.dispose();
      engine.dispose();
    }
  });

  it('marks a RUL at its model\'s training cap as censored ("at least the cap"), with the unit and the cap, as the protocol types it', async () => {
    const engine = createEngine(scenario);
    const kinds = assetKinds(scenario);
    const models = standInLiveModels(engine.layout, kinds);
    const motorRul = models.find((m) => m.kind === 'motor' && m.task === 'rul')!;
    const pumpRul = models.find((m) => m.kind === 'pump' && m.task === 'rul')!;
    // A healthy motor reads just under the 20 h cap (the "19 h 43 min"); a worn pump well below it.
    for (const [m, h] of [[motorRul, 19 + 43 / 60], [pumpRul, 6.5]] as const) {
      m.model.meta.targetCap = { value: 20, margin: 1 };
      m.model.head = (_raw, _x, n) => new Float32Array(n).fill(h);
    }
    const predictor = new LivePredictor(engine.layout, kinds, models, { sampleEveryS: 600, explain: false });
    const feed = new PredictionsFeed(engine, predictor);
    try {
      engine.runFor(10);
      const latest = feed.latest();
      const motor = latest.find((x) => x.asset === 'motor_001')!;
      const pump = latest.find((x) => x.asset === 'pump_001')!;
      expect(motor.rul).toEqual({ kind: 'at-least', hours: 20, capH: 20, unit: 'h', explanation: [] });
      expect(pump.rul).toEqual({ kind: 'estimate', hours: expect.closeTo(6.5, 5), capH: 20, unit: 'h', explanation: [] });
      expect(latest.every((x) => Value.Check(PredictionData, x))).toBe(true);
    } finally {
      await feed.close();
      predictor.dispose();
      engine.dispose();
    }
  });

  it('publishes nothing for assets whose models are all missing beyond their status', async () => {
    const engine = createEngine(scenario);
    const predictor = new LivePredictor(engine.layout, assetKinds(scenario), [], { sampleEveryS: 600 });
    const feed = new PredictionsFeed(engine, predictor, { store });
    const before = (await store.listPredictions({ asset: 'Line_A', limit: 100 })).length;
    engine.runFor(700);
    await feed.close();
    expect(feed.published).toBe(2);
    expect(feed.latest().find((x) => x.asset === 'Line_A')?.status).toEqual({ defects: 'missing', anomaly: 'missing' });
    expect((await store.listPredictions({ asset: 'Line_A', limit: 100 })).length).toBe(before);
    engine.dispose();
  });

  it('hands every asset\'s predictions to the alert engine, which raises anomaly and predictive alerts within 30 simulated minutes', () => {
    const engine = createEngine(scenario);
    const kinds = assetKinds(scenario);
    const predictor = new LivePredictor(engine.layout, kinds, standInLiveModels(engine.layout, kinds), { sampleEveryS: 600, explain: false });
    const alerts = new AlertEngine({ sensors: engine.layout.sensors, startMs: engine.startMs });
    const feed = new PredictionsFeed(engine, predictor, { alerts });
    const seen: PredictionData[][] = [];
    engine.frames$.subscribe(() => {
      if (seen.length < feed.published) seen.push(feed.latest());
    });
    engine.runFor(30 * 60); // sample ticks at 1 s (inside the warm-up), 601 s and 1,201 s
    expect(feed.published).toBe(3);
    // What the settings' rules say should be open after two reports in a row beyond the raise limit (600 s lead time).
    const d = DEFAULT_ALERT_SETTINGS;
    const both = (pick: (p: PredictionData) => boolean) => seen[2]!.filter((p, i) => pick(p) && pick(seen[1]![i]!)).map((p) => p.asset);
    const anomalous = both((p) => (p.anomaly?.score ?? 0) >= d.anomaly.raiseAbove);
    const atRisk = both((p) => (p.failureProbability?.value ?? 0) >= d.failureRisk.raiseAbove);
    expect(anomalous.length).toBeGreaterThan(0); // the stand-in models find anomalies everywhere: enough to see the wiring
    const open = alerts.open();
    expect(open.filter((a) => a.rule === 'anomaly').map((a) => a.asset).sort()).toEqual([...anomalous].sort());
    expect(open.filter((a) => a.rule === 'predicted_failure').map((a) => a.asset).sort()).toEqual([...atRisk].sort());
    expect(open.every((a) => a.openedAt === new Date(engine.startMs + (1200 + engine.layout.stepS) * 1000).toISOString())).toBe(true);
    predictor.dispose();
    engine.dispose();
  });
});
