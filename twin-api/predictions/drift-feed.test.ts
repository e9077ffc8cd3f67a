import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/plant.ts';
import { assetKinds } from '../../ml/live/live-models.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { AlertEngine } from '../../monitor/alerts/alert-engine.ts';
import { KpiTracker } from '../../monitor/kpis/kpi-tracker.ts';
import { AlertFeed } from '../live/alert-feed.ts';
import { DriftFeed, type DriftReference } from './drift-feed.ts';

const scenario = loadLibraryScenario('glass-plant');
const kinds = assetKinds(scenario);
const assetsOf = (kind: string) => [...kinds].filter(([, k]) => k === kind).map(([a]) => a);

/**
 * The assets' own sensor values every 10 min over `hours` of the same plant, after 6 h of warm-up
 * (bearings start at room temperature): what a model trained on this plant saw. (Another seed is
 * another plant: its machines wear differently, and bearing temperatures do drift.)
 */
function reference(kind: string, hours: number, shift = 0): DriftReference {
  const assets = assetsOf(kind);
  const engine = createEngine(scenario);
  engine.runFor(6 * 3600);
  const names = engine.layout.models.find((m) => m.asset === assets[0])!.sensors.map((s) => s.name);
  const columns = names.map(() => [] as number[]);
  for (let t = 0; t < hours * 6; t++) {
    engine.runFor(600);
    for (const p of assets) names.forEach((n, j) => columns[j]!.push(engine.values[engine.layout.sensorIndex.get(`${p}.${n}`)!]! + shift));
  }
  engine.dispose();
  return { featureNames: names, columns: columns.map((c) => Float64Array.from(c)) };
}

function plant() {
  const engine = createEngine(scenario);
  const alerts = new AlertEngine({ sensors: engine.layout.sensors, startMs: engine.startMs });
  const kpis = new KpiTracker({ startMs: engine.startMs, lines: scenario.lines.map((l) => l.id), machines: scenario.machines.map((m) => m.id), sensorIndex: engine.layout.sensorIndex });
  return { engine, alerts, feed: new AlertFeed(engine, alerts, kpis, null, null) };
}

describe('DriftFeed', () => {
  it('finds no drift while the plant runs as the model was trained, and raises no alert', () => {
    const { engine, alerts } = plant();
    const drift = new DriftFeed(engine, { kinds, alerts, minSamples: 20 });
    drift.watch([{ kind: 'pump', task: 'rul', reference: reference('pump', 24) }]);
    engine.runFor(31 * 3600); // 6 h of warm-up left out, then one 24 h check
    const [r] = drift.reports();
    expect(r?.report?.samples).toBeGreaterThanOrEqual(20);
    expect(r?.report?.drifted).toBe(false);
    expect(alerts.list().filter((a) => a.rule === 'model_drift')).toEqual([]);
  });

  it('raises one model_drift alert naming the model and its drifted inputs, and retrains once within the cooldown', () => {
    const { engine, alerts } = plant();
    const retrains: string[] = [];
    const drift = new DriftFeed(engine, { kinds, alerts, minSamples: 20, retrain: (k, t) => retrains.push(`${k}/${t}`), policy: { enabled: true, cooldownS: 48 * 3600 } });
    // A reference 25 units off on every input: the live plant looks nothing like it.
    drift.watch([{ kind: 'pump', task: 'anomaly', reference: reference('pump', 24, 25) }]);
    engine.runFor(31 * 3600); // 6 h of warm-up left out, then one 24 h check
    expect(drift.reports()[0]?.report?.drifted).toBe(true);
    const open = alerts.list().filter((a) => a.rule === 'model_drift');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ asset: 'model pump/anomaly', severity: 'MEDIUM', state: 'active' });
    expect(open[0]!.message).toMatch(/^input drift on the pump\/anomaly model: /);
    expect(retrains).toEqual(['pump/anomaly']);
  });

  it('leaves out a model whose inputs are not the kind\'s sensors, is off and names the input, and watches the others', () => {
    const { engine } = plant();
    const drift = new DriftFeed(engine, { kinds });
    drift.watch([
      { kind: 'pump', task: 'rul', reference: { featureNames: ['warp_core_temp'], columns: [[1]] } },
      { kind: 'line', task: 'defects', reference: { featureNames: ['zone1_temp', 'crown_temp'], columns: [[1], [1]] } },
    ]);
    const status = drift.status();
    expect(status.state).toBe('off');
    expect(status.reason).toMatch(/pump\/rul: model inputs: "warp_core_temp" is not a sensor of pump_/);
    expect(status.models).toEqual(['line/defects']);
  });

  it('is off until a model is in service, then watching', () => {
    const { engine } = plant();
    const drift = new DriftFeed(engine, { kinds });
    expect(drift.status()).toMatchObject({ state: 'off', reason: 'no model in service yet' });
    drift.watch([{ kind: 'line', task: 'defects', reference: { featureNames: ['zone1_temp'], columns: [[1]] } }]);
    expect(drift.status()).toEqual({ state: 'watching', models: ['line/defects'] });
  });
});
