import { describe, expect, it } from 'vitest';
import { DEFECT_TYPES } from '../../physics/model.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { recordSimRuns, type SimRun } from './sim-record.ts';
import { simAnomalyWindows, simDefectWindows, simFailureWindows, simForecastWindows, simRulWindows } from './sim-dataset.ts';
import { buildSimDataset, defaultKind } from './sim-task.ts';
import { assetsOfKind } from './sim-windows.ts';
import { targetColumn } from './window-ops.ts';

// Two 60-hour runs of the reference plant: CNC machines wear out tools every ~50 h, so lives end in it.
const scenario = loadLibraryScenario('glass-plant');
const runs: SimRun[] = recordSimRuns({ scenario, hours: 60, runs: 2, injectFaults: 4 });

describe('simulator datasets', () => {
  it('records runs deterministically, one sample every 10 minutes', () => {
    const again = recordSimRuns({ scenario, hours: 6, runs: 1, injectFaults: 4 });
    const once = recordSimRuns({ scenario, hours: 6, runs: 1, injectFaults: 4 });
    expect(Array.from(again[0]!.values)).toEqual(Array.from(once[0]!.values));
    expect(runs[0]!.samples).toBe(360);
    expect(Array.from(runs[0]!.values).some(Number.isNaN)).toBe(false); // dropouts forward-filled
  });

  it('labels RUL with the true remaining hours at the window end, capped', () => {
    const d = simRulWindows(runs, { kind: 'cnc', capH: 30, windowSteps: 6 });
    const y = targetColumn(d.windows);
    expect(d.windows.n).toBeGreaterThan(100);
    expect(Math.max(...y)).toBe(30);
    expect(Math.min(...y)).toBeLessThan(1); // lives do end inside the runs
    // Compare with the truth: the window ending at sample 20 of the first CNC of the first run.
    const run = runs[0]!;
    const a = assetsOfKind(run, 'cnc')[0]!;
    const truth = Math.min(30, run.rulH[20 * run.assets.length + a.assetIndex]!);
    const i = Array.from(d.windows.time).findIndex((t, k) => t === run.timeMs[20] && d.windows.group[k] === d.windows.group[0]);
    expect(y[i]).toBeCloseTo(truth, 4);
    expect(d.windows.featureNames).toEqual(a.names);
  });

  it('labels failure within the horizon from failure events after the window end only', () => {
    const d = simFailureWindows(runs, { kind: 'cnc', horizonH: 6 });
    const run = runs[0]!;
    const fails = run.events.filter((e) => e.type === 'failure' && e.asset === 'cnc_001').map((e) => e.tS);
    const y = targetColumn(d.windows);
    const cnc1 = d.windows.group[0];
    for (let i = 0; i < d.windows.n; i++) {
      if (d.windows.group[i] !== cnc1) continue;
      const tEnd = (d.windows.time[i]! - (run.timeMs[0]! - run.tS[0]! * 1000)) / 1000;
      expect(y[i]).toBe(fails.some((f) => f > tEnd && f <= tEnd + 6 * 3600) ? 1 : 0);
    }
    expect(d.horizonMs).toBe(6 * 3600_000);
    expect(y.some((v) => v === 1) && y.some((v) => v === 0)).toBe(true);
  });

  it('builds multi-task defect labels per type and horizon for lines', () => {
    const d = simDefectWindows(runs, { horizonsH: [1, 4] });
    expect(d.windows.targetNames).toContain('bubble_1h');
    const k = 2 * DEFECT_TYPES.length;
    expect(d.windows.targets).toBe(k);
    // ≥1 defect within 1 h implies ≥1 within 4 h
    for (let i = 0; i < d.windows.n; i++) for (let t = 0; t < k; t += 2) expect(d.windows.y[i * k + t]!).toBeLessThanOrEqual(d.windows.y[i * k + t + 1]!);
    expect(new Set(d.windows.y).size).toBe(2); // both outcomes occur
  });

  it('marks anomalies from the truth and forecasts the next samples', () => {
    const kind = defaultKind('anomaly', runs);
    const an = simAnomalyWindows(runs, { kind });
    const y = targetColumn(an.windows);
    expect(y.some((v) => v === 1)).toBe(true);
    expect(y.some((v) => v === 0)).toBe(true);
    const f = simForecastWindows(runs, { kind: 'line', horizonSteps: 3, windowSteps: 4 });
    expect(f.windows.targets).toBe(9);
    // the first target of window i equals the first key sensor one sample after its end, i.e. the last step of window i + 1
    const fcount = f.windows.features;
    expect(f.windows.y[0]).toBe(f.windows.x[(1 * 4 + 3) * fcount]);
  });

  it('splits on time with a gap of the longest horizon', () => {
    const d = buildSimDataset('failure', { scenario, hours: 60, runs: 2 }, { kind: 'cnc', horizonH: 4 });
    const max = (a: Float64Array) => Math.max(...a);
    const min = (a: Float64Array) => Math.min(...a);
    expect(min(d.split.validation.time) - max(d.split.train.time)).toBeGreaterThan(4 * 3600_000);
    expect(min(d.split.test.time) - max(d.split.validation.time)).toBeGreaterThan(4 * 3600_000);
  });
});
