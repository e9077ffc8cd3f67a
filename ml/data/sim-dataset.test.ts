import { describe, expect, it } from 'vitest';
import { DEFECT_TYPES } from '../../physics/model.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { recordSimRuns, type SimRun } from './sim-record.ts';
import { simAnomalyWindows, simDefectWindows, simFailureWindows, simForecastWindows, simRulWindows } from './sim-dataset.ts';
import { buildSimDataset, defaultKind, taskRunOptions } from './sim-task.ts';
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
    const d = simRulWindows(runs, { kind: 'cnc', capH: 30, windowSteps: 6, phase: 'life' });
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

  it('labels RUL only after the degradation onset by default, where the truth shows wear', () => {
    const d = simRulWindows(runs, { kind: 'cnc', capH: 1e9, windowSteps: 6 });
    const life = simRulWindows(runs, { kind: 'cnc', capH: 1e9, windowSteps: 6, phase: 'life' });
    expect(d.windows.n).toBeGreaterThan(0);
    expect(d.windows.n).toBeLessThan(life.windows.n);
    const run = runs[0]!;
    const cncs = assetsOfKind(run, 'cnc');
    // every labelled window of the first run ends at a sample where some CNC's health is below 1 with that RUL
    for (let i = 0; i < d.windows.n; i++) {
      if (d.run[i] !== 0) continue;
      const s = Array.from(run.timeMs).indexOf(d.windows.time[i]!);
      expect(cncs.some((a) => run.health[s * run.assets.length + a.assetIndex]! < 1 && Math.abs(run.rulH[s * run.assets.length + a.assetIndex]! - d.windows.y[i]!) < 1e-3)).toBe(true);
    }
  });

  it('runs machine lives to failure when cycled, for kinds that never fail on their own within the run', () => {
    const cycled = recordSimRuns(taskRunOptions('rul', { scenario, hours: 120, runs: 1 }, 'pump'));
    const pumpFailures = cycled[0]!.events.filter((e) => e.type === 'failure' && cycled[0]!.machineType.get(e.asset) === 'pump');
    expect(pumpFailures.length).toBeGreaterThanOrEqual(2);
    const d = simRulWindows(cycled, { kind: 'pump', capH: 20 });
    expect(Math.min(...d.windows.y)).toBeLessThan(1);
    expect(Math.max(...d.windows.y)).toBe(20);
  });

  it('spreads injected faults over the whole run', () => {
    const onsets = recordSimRuns({ scenario, hours: 40, runs: 1, injectFaults: 8 })[0]!.events.filter((e) => e.type === 'fault_onset').map((e) => e.tS / 3600);
    expect(onsets.length).toBe(8);
    expect(onsets.filter((h) => h < 20).length).toBeGreaterThanOrEqual(3);
    expect(onsets.filter((h) => h >= 20).length).toBeGreaterThanOrEqual(3);
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

  it('ends defect windows every strideSteps samples, at the instants a coarser sampling would', () => {
    const fine = recordSimRuns({ scenario, hours: 8, runs: 1, sampleEveryS: 60 });
    const coarse = recordSimRuns({ scenario, hours: 8, runs: 1 });
    const f = simDefectWindows(fine, { horizonsH: [1], windowSteps: 60, strideSteps: 10 });
    const c = simDefectWindows(coarse, { horizonsH: [1], windowSteps: 6 });
    expect(f.windows.steps).toBe(60); // one hour of 1-min samples per window
    expect(Array.from(f.windows.time)).toEqual(Array.from(c.windows.time));
    expect(Array.from(f.windows.y)).toEqual(Array.from(c.windows.y)); // the same labels: same runs, same instants
    expect(simDefectWindows(fine, { horizonsH: [1], windowSteps: 60 }).windows.n).toBeGreaterThan(9 * f.windows.n);
    expect(() => simDefectWindows(fine, { strideSteps: 0 })).toThrow(/strideSteps/);
  });

  it('counts only defects with an assignable cause when asked, and process excursions make them', () => {
    const calm = recordSimRuns({ scenario, hours: 24, runs: 1 })[0]!;
    const disturbed = recordSimRuns(taskRunOptions('defects', { scenario, hours: 24, runs: 1 }))[0]!;
    const assignable = (r: SimRun) => r.events.filter((e) => e.type === 'defect' && e.assignable).length;
    expect(assignable(disturbed)).toBeGreaterThan(2 * assignable(calm));
    const any = simDefectWindows([disturbed], { horizonsH: [1] });
    const only = simDefectWindows([disturbed], { horizonsH: [1], causes: 'assignable' });
    expect(only.windows.n).toBe(any.windows.n);
    for (let i = 0; i < any.windows.y.length; i++) expect(only.windows.y[i]!).toBeLessThanOrEqual(any.windows.y[i]!);
    const mean = (y: Float32Array) => y.reduce((a, b) => a + b, 0) / y.length;
    expect(mean(only.windows.y)).toBeLessThan(0.6);
    expect(mean(any.windows.y)).toBeGreaterThan(0.7); // the random background: ≥ 1 defect per type and hour is the rule
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

  it('splits by run with 3 runs or more: every part non-empty, no run in two parts', () => {
    const d = buildSimDataset('defects', { scenario, hours: 30, runs: 4 }, { fractions: { validation: 0.2, test: 0.25 } });
    expect(d.split.train.n).toBeGreaterThan(0);
    expect(d.split.validation.n).toBeGreaterThan(0);
    expect(d.split.test.n).toBeGreaterThan(0);
    expect(d.split.train.n + d.split.validation.n + d.split.test.n).toBe(d.windows.n);
    const partOfGroup = new Map<number, number>();
    [d.split.train, d.split.validation, d.split.test].forEach((ws, part) => ws.group.forEach((g) => partOfGroup.set(g, part)));
    const partsOfRun = new Map<number, Set<number>>();
    d.windows.group.forEach((g, i) => {
      const r = d.run[i]!;
      partsOfRun.set(r, (partsOfRun.get(r) ?? new Set()).add(partOfGroup.get(g)!));
    });
    expect(partsOfRun.size).toBe(4);
    for (const parts of partsOfRun.values()) expect(parts.size).toBe(1);
  });

  it('splits on time with a gap of the longest horizon', () => {
    const d = buildSimDataset('failure', { scenario, hours: 60, runs: 2 }, { kind: 'cnc', horizonH: 4 });
    const max = (a: Float64Array) => Math.max(...a);
    const min = (a: Float64Array) => Math.min(...a);
    expect(min(d.split.validation.time) - max(d.split.train.time)).toBeGreaterThan(4 * 3600_000);
    expect(min(d.split.test.time) - max(d.split.validation.time)).toBeGreaterThan(4 * 3600_000);
  });
});
