import { describe, expect, it } from 'vitest';
import { seededRng } from '../data/rng.ts';
import { emptyWindows } from '../data/window-ops.ts';
import { DriftMonitor, referenceFromWindows, type DriftReport } from './drift-monitor.ts';
import { RetrainPolicy, shouldPromote } from './retrain-policy.ts';

const rng = seededRng(5);
const normal = (mean: number) => mean + rng.normal();
const reference = { featureNames: ['temp', 'load'], columns: [Float64Array.from({ length: 2000 }, () => normal(0)), Float64Array.from({ length: 2000 }, () => normal(10))] };

/** Feeds one sample every 10 s for `hours`, temp shifted by `shift` after `fromH`; returns the reports. */
function feed(m: DriftMonitor, hours: number, shift = 0, fromH = 0): DriftReport[] {
  const out: DriftReport[] = [];
  for (let t = 10; t <= hours * 3600; t += 10) {
    const r = m.observe(t, [normal(t / 3600 > fromH ? shift : 0), normal(10)]);
    if (r) out.push(r);
  }
  return out;
}

describe('drift monitor', () => {
  it('checks on a schedule of simulated time and stays quiet on reference-like data', () => {
    const reports = feed(new DriftMonitor(reference, { everyS: 3600 }), 5);
    expect(reports.map((r) => r.tS)).toEqual([3610, 7210, 10810, 14410]); // first check one hour after the first sample
    for (const r of reports) expect(r.drifted).toBe(false);
    expect(reports[0]!.samples).toBe(361);
  });

  it('flags the shifted feature by PSI and KS, and only that one', () => {
    const reports = feed(new DriftMonitor(reference, { everyS: 3600 }), 4, 1.5, 2);
    const last = reports[reports.length - 1]!;
    expect(last.drifted).toBe(true);
    const [temp, load] = last.features;
    expect(temp!.psi).toBeGreaterThan(0.2);
    expect(temp!.pValue).toBeLessThan(0.01);
    expect(load!.drifted).toBe(false);
    expect(reports[0]!.drifted).toBe(false);
  });

  it('keeps buffering while there are too few samples to judge', () => {
    const m = new DriftMonitor(reference, { everyS: 600, minSamples: 100 });
    const reports = feed(m, 1);
    expect(reports[0]!.tS).toBe(1210); // 61 samples at t = 610 were too few; the next check had 121
    expect(reports[0]!.samples).toBe(121);
  });

  it('takes the last step of each training window as the reference', () => {
    const ws = emptyWindows(2, 3, ['a'], ['y']);
    ws.x.set([1, 2, 3, 4, 5, 6]);
    expect(Array.from(referenceFromWindows(ws).columns[0]!)).toEqual([3, 6]);
  });
});

describe('retrain policy', () => {
  const drifted = (tS: number): DriftReport => ({ tS, samples: 60, drifted: true, features: [{ feature: 'temp', psi: 0.5, ks: 0.4, pValue: 1e-6, drifted: true }] });

  it('alerts without retraining unless enabled', () => {
    expect(new RetrainPolicy().decide(drifted(0))).toMatchObject({ alert: true, retrain: false });
  });

  it('retrains on drift, then waits out the cooldown', () => {
    const p = new RetrainPolicy({ enabled: true, cooldownS: 6 * 3600 });
    expect(p.decide(drifted(3600)).retrain).toBe(true);
    p.retrained(3600);
    expect(p.decide(drifted(7200))).toMatchObject({ alert: true, retrain: false, reason: expect.stringMatching(/cooldown until t = 25200 s/) });
    expect(p.decide(drifted(3600 + 6 * 3600)).retrain).toBe(true);
  });

  it('needs the stated number of consecutive drifted checks', () => {
    const p = new RetrainPolicy({ enabled: true, consecutive: 2 });
    expect(p.decide(drifted(1)).retrain).toBe(false);
    expect(p.decide(drifted(2)).retrain).toBe(true);
  });

  it('promotes a challenger only when it beats the champion on the same held-out data', () => {
    const champ = { dataset: 'abc', metrics: { rmse: 20 } };
    expect(shouldPromote('rul', champ, { dataset: 'abc', metrics: { rmse: 18 } }).promote).toBe(true);
    expect(shouldPromote('rul', champ, { dataset: 'abc', metrics: { rmse: 21 } }).promote).toBe(false);
    expect(shouldPromote('rul', champ, { dataset: 'xyz', metrics: { rmse: 1 } })).toMatchObject({ promote: false, reason: expect.stringMatching(/different data/) });
    expect(shouldPromote('failure', { dataset: 'd', metrics: { roc_auc: 0.8 } }, { dataset: 'd', metrics: { roc_auc: 0.85 } }).promote).toBe(true);
    expect(shouldPromote('failure', undefined, { dataset: 'd', metrics: { roc_auc: 0.6 } }).promote).toBe(true);
  });
});
