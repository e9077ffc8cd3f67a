import { describe, expect, it } from 'vitest';
import { TwinEngine } from './engine.ts';
import type { TwinEvent } from './events.ts';
import { copyFrame, FLAG_FRESH, type Frame } from './frame.ts';
import { FrameHasher } from './frame-hash.ts';
import { snapshotToBinary, snapshotToJson } from './snapshot.ts';
import { toyScenario, toyTank } from './toy-model.test-helper.ts';

function engineOf(ids = ['t1'], over = {}) {
  return TwinEngine.create({ scenario: toyScenario(over), models: ids.map((id) => toyTank(id)) });
}

function hashRun(engine: TwinEngine, seconds: number): string {
  const h = new FrameHasher();
  const sub = engine.frames$.subscribe((f) => h.add(f));
  engine.runFor(seconds);
  sub.unsubscribe();
  return h.digest();
}

describe('TwinEngine ticks', () => {
  it('emits one frame per base step, with time in seconds and epoch ms from the scenario start', () => {
    const engine = engineOf();
    const frames: Frame[] = [];
    engine.frames$.subscribe((f) => frames.push(copyFrame(f)));
    engine.runFor(10);
    expect(frames.map((f) => f.tS)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(frames[0]!.timeMs).toBe(Date.parse('2026-01-01T00:00:01Z'));
    expect(engine.isoAt()).toBe('2026-01-01T00:00:10.000Z');
  });

  it('samples each sensor at its own rate and per-unit sensors once per produced unit', () => {
    const engine = engineOf();
    const counts = [0, 0, 0];
    engine.frames$.subscribe((f) => {
      for (let i = 0; i < f.sampledCount; i++) counts[f.sampled[i]!]!++;
      for (let k = 0; k < 3; k++) {
        const fresh = (f.flags[k]! & FLAG_FRESH) !== 0;
        const listed = Array.from(f.sampled.subarray(0, f.sampledCount)).includes(k);
        expect(fresh).toBe(listed);
      }
    });
    engine.runFor(100);
    expect(counts).toEqual([100, 20, 25]);
  });

  it('moves actuals toward a new setpoint no faster than the rate limit', () => {
    const engine = engineOf();
    engine.setSetpoint('t1.temp', 60);
    engine.runFor(3);
    expect(engine.setpoints()[0]).toMatchObject({ target: 60, actual: 53 });
  });

  it('rejects unknown setpoints and out-of-range values with errors that name them', () => {
    const engine = engineOf();
    expect(() => engine.setSetpoint('t9.temp', 1)).toThrow(/unknown setpoint "t9.temp"/);
    expect(() => engine.setSetpoint('t1.temp', 500)).toThrow(/"t1.temp" must be between 0 and 120 °C \(got 500\)/);
    expect(() => engine.apply({ kind: 'fault', target: 't1', type: 'nope', params: {} })).toThrow(/fault "nope" on t1/);
    expect(() => engine.apply({ kind: 'fault', target: 'zzz', type: 'x', params: {} })).toThrow(/unknown asset or sensor "zzz"/);
  });

  it('raises one alert per excursion and clears it after the value is back for a few samples', () => {
    const engine = engineOf();
    const events: TwinEvent[] = [];
    engine.events$.subscribe((e) => events.push(e));
    engine.setSetpoint('t1.temp', 85);
    engine.runFor(120);
    engine.setSetpoint('t1.temp', 50);
    engine.runFor(120);
    const alerts = events.filter((e) => e.type === 'alert' && e.sensor === 't1.temp');
    expect(alerts.map((e) => (e.type === 'alert' ? e.status : ''))).toEqual(['WARNING']);
    expect(events.filter((e) => e.type === 'alert_cleared' && e.sensor === 't1.temp')).toHaveLength(1);
  });

  it('applies scripted faults and actions at their times, and reports them as events', () => {
    const engine = engineOf(['t1'], {
      faults: [{ atS: 10, target: 't1', type: 'heater_stuck', params: { offsetC: 40 } }],
      actions: [{ atS: 20, kind: 'maintenance', target: 't1' }],
    });
    const events: TwinEvent[] = [];
    engine.events$.subscribe((e) => events.push(e));
    engine.runFor(30);
    const onset = events.find((e) => e.type === 'fault_onset');
    const maint = events.find((e) => e.type === 'maintenance');
    expect(onset?.tS).toBe(10);
    expect(maint?.tS).toBe(20);
  });

  it('puts sensor faults on the sensor only: a stuck sensor repeats its reading', () => {
    const engine = engineOf();
    engine.runFor(5);
    const k = engine.layout.sensorIndex.get('t1.temp')!;
    engine.apply({ kind: 'fault', target: 't1.temp', type: 'sensor_stuck', params: {} });
    const frozen = engine.values[k];
    engine.setSetpoint('t1.temp', 70);
    engine.runFor(60);
    expect(engine.values[k]).toBe(frozen);
    expect(engine.truth().activeFaults['t1']).toContain('sensor_stuck:t1.temp');
  });
});

describe('TwinEngine determinism, snapshot and fork', () => {
  it('gives identical frame hashes for the same seed and different ones for another seed', () => {
    expect(hashRun(engineOf(), 3600)).toBe(hashRun(engineOf(), 3600));
    expect(hashRun(engineOf(['t1'], { seed: 2 }), 3600)).not.toBe(hashRun(engineOf(), 3600));
  });

  it('leaves an asset\'s samples unchanged when another asset is added', () => {
    const values = (engine: TwinEngine) => {
      const k = engine.layout.sensorIndex.get('t1.temp')!;
      const out: number[] = [];
      engine.frames$.subscribe((f) => out.push(f.values[k]!));
      engine.runFor(600);
      return out;
    };
    expect(values(engineOf(['t0', 't1', 't2']))).toEqual(values(engineOf(['t1'])));
  });

  it('forks into an engine that shares nothing mutable with its parent', () => {
    const parent = engineOf();
    parent.runFor(100);
    const twin = parent.fork();
    const before = parent.snapshot();
    twin.setSetpoint('t1.temp', 100);
    twin.runFor(500);
    expect(parent.tick).toBe(100);
    expect(parent.snapshot().state.model).toEqual(before.state.model);
    expect(parent.snapshot().state.rng).toEqual(before.state.rng);
    // And the parent continues exactly as if there had been no fork.
    const control = engineOf();
    control.runFor(100);
    expect(hashRun(parent, 300)).toBe(hashRun(control, 300));
  });

  it('forks with a new seed into a different future from the same present', () => {
    const parent = engineOf();
    parent.runFor(100);
    const a = parent.fork({ seed: 11 });
    const b = parent.fork({ seed: 11 });
    const c = parent.fork({ seed: 12 });
    expect(a.tick).toBe(100);
    const ha = hashRun(a, 200);
    expect(hashRun(b, 200)).toBe(ha);
    expect(hashRun(c, 200)).not.toBe(ha);
    expect(hashRun(parent.fork(), 200)).not.toBe(ha);
  });

  it('forks onto a coarser step without sensors for fast look-ahead, keeping the model state', () => {
    const parent = engineOf();
    parent.setSetpoint('t1.temp', 70);
    parent.runFor(60);
    const coarse = parent.fork({ stepS: 10, sensors: false });
    expect(coarse.tS).toBe(60);
    expect(coarse.stepS).toBe(10);
    let sampled = 0;
    coarse.frames$.subscribe((f) => (sampled += f.sampledCount));
    const units: number[] = [];
    coarse.events$.subscribe((e) => e.type === 'unit_produced' && units.push(e.tS));
    coarse.runFor(600);
    expect(coarse.tS).toBe(660);
    expect(sampled).toBe(0);
    expect(units.length).toBeGreaterThan(0);
    expect(coarse.setpointActual('t1.temp')).toBe(70);
    expect(() => parent.fork({ stepS: 7 })).toThrow(/does not divide the fork time 60 s/);
  });

  it('round-trips snapshots through JSON and binary: the restored run continues identically', () => {
    const a = engineOf();
    a.runFor(250);
    const json = snapshotToJson(a.snapshot());
    const bin = snapshotToBinary(a.snapshot());
    const expected = hashRun(a.fork(), 400);
    for (const form of [json, bin]) {
      const b = engineOf();
      b.restore(form);
      expect(b.tick).toBe(250);
      expect(hashRun(b, 400)).toBe(expected);
    }
  });

  it('refuses a snapshot of another plant, or a damaged one, with a clear error', () => {
    const a = engineOf(['t1', 't2']);
    const b = engineOf(['t1']);
    expect(() => b.restore(a.snapshot())).toThrow(/another plant layout/);
    expect(() => b.restore('{"v":1')).toThrow(/not valid JSON/);
    expect(() => b.restore(snapshotToBinary(b.snapshot()).subarray(0, 40))).toThrow(/truncated/);
    expect(() => b.restore(new Uint8Array(64))).toThrow(/bad magic/);
  });

  it('re-applies the scripted schedule correctly after a restore to an earlier time', () => {
    const scenario = { faults: [{ atS: 50, target: 't1', type: 'heater_stuck', params: { offsetC: 30 } }] };
    const a = engineOf(['t1'], scenario);
    a.runFor(20);
    const snap = a.snapshot();
    const straight = hashRun(a, 100);
    a.restore(snap);
    expect(hashRun(a, 100)).toBe(straight);
  });
});

describe('TwinEngine flags across restore and fork', () => {
  it('clears the FRESH flags of the restored tick, exactly as a straight run does', () => {
    const straight = engineOf();
    straight.runFor(5); // tick 5 samples both periodic sensors
    const snap = straight.snapshot();
    straight.runFor(1);
    const restored = engineOf();
    restored.runFor(3); // only the 1 s sensor was sampled last
    restored.restore(snap);
    restored.runFor(1);
    expect(restored.snapshot().state.flags).toEqual(straight.snapshot().state.flags);
    const forked = engineOf();
    forked.runFor(5);
    const child = forked.fork();
    child.runFor(1);
    expect(child.snapshot().state.flags).toEqual(straight.snapshot().state.flags);
  });
});
