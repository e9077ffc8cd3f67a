import { describe, expect, it } from 'vitest';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { recordSimRuns } from '../data/sim-record.ts';
import { liveData } from './live-data.ts';
import { liveRecordings, liveRunOptions, recordingKey } from './live-recordings.ts';

const scenario = loadLibraryScenario('glass-plant');
const base = { scenario, hours: 300, runs: 5, seed: scenario.seed, sampleEveryS: 600 };

describe('live recordings', () => {
  it('simulates what each task\'s labels need: life cycles of the kind, injected faults on every asset, process excursions', () => {
    expect(liveRunOptions({ kind: 'pump', task: 'rul' }, base).cycle).toEqual({ kinds: ['pump'] });
    expect(liveRunOptions({ kind: 'pump', task: 'failure' }, base).cycle).toEqual({ kinds: ['pump'] });
    expect(liveRunOptions({ kind: 'line', task: 'defects' }, base)).toMatchObject({ excursionsPerDay: 6 });
    // 29 assets × 300 h / 150 h; and at least one per asset however short the runs.
    expect(liveRunOptions({ kind: 'fan', task: 'anomaly' }, base).injectFaults).toBe(58);
    expect(liveRunOptions({ kind: 'fan', task: 'anomaly' }, { ...base, hours: 24 }).injectFaults).toBe(29);
    expect(liveRunOptions({ kind: 'fan', task: 'anomaly' }, { ...base, injectFaults: 3 }).injectFaults).toBe(3); // the caller's choice stands
  });

  it('records once per distinct run options and forgets a recording when no job left needs it', () => {
    const jobs = [{ kind: 'pump', task: 'rul' }, { kind: 'pump', task: 'failure' }, { kind: 'pump', task: 'anomaly' }, { kind: 'cnc', task: 'anomaly' }] as const;
    const recorded: string[] = [];
    const r = liveRecordings(jobs, { ...base, hours: 2, runs: 1 }, (_, j) => recorded.push(`${j.kind}/${j.task}`));
    expect(r.recordings).toBe(2);
    const rul = r.runsFor(jobs[0]);
    expect(r.runsFor(jobs[1])).toBe(rul);
    expect(r.runsFor(jobs[2])).toBe(r.runsFor(jobs[3]));
    expect(recorded).toEqual(['pump/rul', 'pump/anomaly']);
    r.runsFor(jobs[0]); // a job asking again after the last user: recorded anew
    expect(recorded).toHaveLength(3);
    expect(recordingKey({ scenario, hours: 1, cycle: { kinds: ['a'] } })).not.toBe(recordingKey({ scenario, hours: 1, cycle: { kinds: ['b'] } }));
  });

  it('splits by run from three runs on, so no asset life is in two parts', () => {
    const runs = recordSimRuns(liveRunOptions({ kind: 'pump', task: 'anomaly' }, { ...base, hours: 48, runs: 3 }));
    const data = liveData('anomaly', 'pump', runs, { windowSteps: 12, maxTrain: 100_000, maxHeldOut: 100_000 });
    if (!('split' in data)) throw new Error(data.reason);
    const groups = (ws: { group: Int32Array }) => new Set(ws.group);
    const { train, validation, test } = data.split;
    for (const g of groups(test)) expect(groups(train).has(g) || groups(validation).has(g)).toBe(false);
    for (const g of groups(validation)) expect(groups(train).has(g)).toBe(false);
    expect([train.n, validation.n, test.n].every((n) => n > 0)).toBe(true); // one run each
  }, 30_000);
});
