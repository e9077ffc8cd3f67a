import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRng } from '../data/rng.ts';
import { emptyWindows } from '../data/window-ops.ts';
import { DriftMonitor, type DriftReport } from './drift-monitor.ts';
import { driftReferenceSample, loadDriftReference, writeDriftReference } from './reference-file.ts';

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });
const tempDir = async () => { const d = await mkdtemp(path.join(tmpdir(), 'twin-drift-ref-')); dirs.push(d); return d; };

/** 5 000 training windows of 3 steps: tempC ~ N(60, 2), flowLpm ~ N(120, 10) at every step. */
function trainingWindows() {
  const rng = seededRng(11);
  const ws = emptyWindows(5000, 3, ['tempC', 'flowLpm'], ['y']);
  for (let i = 0; i < ws.n * ws.steps; i++) {
    ws.x[i * 2] = 60 + 2 * rng.normal();
    ws.x[i * 2 + 1] = 120 + 10 * rng.normal();
  }
  return ws;
}

describe('drift reference file', () => {
  it('keeps a seeded sample of at most 2 000 last-step rows, in the model\'s feature order, and reads it back', async () => {
    const ws = trainingWindows();
    const ref = driftReferenceSample(ws, { seed: 3 });
    expect(ref.featureNames).toEqual(['tempC', 'flowLpm']);
    expect(ref.columns.map((c) => c.length)).toEqual([2000, 2000]);
    expect(Array.from(driftReferenceSample(ws, { seed: 3 }).columns[0]!)).toEqual(Array.from(ref.columns[0]!)); // same seed, same rows
    // Each row is the last step of one window, the same window for both features.
    const lastSteps = new Set(Array.from({ length: ws.n }, (_, i) => `${ws.x[(i * 3 + 2) * 2]!} ${ws.x[(i * 3 + 2) * 2 + 1]!}`));
    ref.columns[0]!.forEach((t, k) => expect(lastSteps.has(`${t} ${ref.columns[1]![k]!}`)).toBe(true));

    const dir = await tempDir();
    await writeDriftReference(dir, ref);
    const back = await loadDriftReference(dir);
    expect(back?.featureNames).toEqual(['tempC', 'flowLpm']);
    back!.columns.forEach((c, j) => c.forEach((v, k) => expect(v).toBeCloseTo(ref.columns[j]![k]!, 3)));
  });

  it('keeps every window of a small set, and is null for a model folder without one', async () => {
    const ws = emptyWindows(4, 2, ['a'], ['y']);
    ws.x.set([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(driftReferenceSample(ws, { seed: 1 }).columns[0]!)).toEqual([2, 4, 6, 8]);
    expect(await loadDriftReference(await tempDir())).toBeNull();
  });

  it('leaves missing values out of their column and refuses a file of another shape', async () => {
    const dir = await tempDir();
    await writeDriftReference(dir, { featureNames: ['a', 'b'], columns: [Float64Array.from([1, Number.NaN, 3]), Float64Array.from([4, 5, 6])] });
    expect((await loadDriftReference(dir))!.columns.map((c) => Array.from(c))).toEqual([[1, 3], [4, 5, 6]]);
    await writeFile(path.join(dir, 'reference.json'), JSON.stringify({ version: 1, featureNames: ['a'], columns: [] }));
    await expect(loadDriftReference(dir)).rejects.toThrow(/not a drift reference/);
  });

  it('gives a monitor that flags a shifted stream and not an unshifted one', async () => {
    const dir = await tempDir();
    await writeDriftReference(dir, driftReferenceSample(trainingWindows(), { seed: 3 }));
    const ref = (await loadDriftReference(dir))!;
    const rng = seededRng(29);
    // One live sample every 2 simulated minutes for 3 days, checked every 12 h (360 samples: the monitor's
    // default minimum of 200 keeps PSI's small-sample bias well under its threshold); tempC optionally 3 °C hotter.
    const stream = (shiftC: number): DriftReport[] => {
      const monitor = new DriftMonitor(ref, { everyS: 12 * 3600 });
      const out: DriftReport[] = [];
      for (let t = 600; t <= 72 * 3600; t += 120) {
        const r = monitor.observe(t, [60 + shiftC + 2 * rng.normal(), 120 + 10 * rng.normal()]);
        if (r) out.push(r);
      }
      return out;
    };
    const same = stream(0);
    const shifted = stream(3);
    expect(same.length).toBeGreaterThanOrEqual(5);
    expect(same.some((r) => r.drifted)).toBe(false);
    expect(shifted.every((r) => r.drifted)).toBe(true);
    expect(shifted.every((r) => r.features.map((f) => f.drifted).join() === 'true,false')).toBe(true);
  });
});
