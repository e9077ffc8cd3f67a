import { VirtualTimeScheduler, type SchedulerAction, type SchedulerLike } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { SimClock, type ClockTarget } from './clock.ts';

/** A target that only counts ticks, so the clock's timing can be read off exactly. */
function counter(stepS = 1): ClockTarget & { tick: number; seekable: ClockTarget } {
  const t = {
    tick: 0,
    stepS,
    step(n = 1) {
      t.tick += n;
    },
    seekable: undefined as unknown as ClockTarget,
  };
  t.seekable = {
    get tick() {
      return t.tick;
    },
    stepS,
    step: t.step,
    seek(tS: number) {
      t.tick = Math.round(tS / stepS);
    },
  };
  return t;
}

describe('SimClock in paced mode', () => {
  it('advances simulated time at wall time × speed', () => {
    const scheduler = new VirtualTimeScheduler();
    const target = counter();
    const clock = new SimClock(target, { mode: { kind: 'paced', speed: 10 }, scheduler, endS: 600 });
    clock.play();
    scheduler.maxFrames = 5_000; // 5 s of wall time
    scheduler.flush();
    expect(target.tick).toBe(50);
    expect(clock.status.running).toBe(true);
  });

  it('runs at 1x one tick per second of wall time', () => {
    const scheduler = new VirtualTimeScheduler();
    const target = counter();
    const clock = new SimClock(target, { mode: { kind: 'paced', speed: 1 }, scheduler, endS: 10 });
    clock.play();
    scheduler.maxFrames = 3_000;
    scheduler.flush();
    expect(target.tick).toBe(3);
  });

  it('stops at its end time and says it finished', () => {
    const scheduler = new VirtualTimeScheduler();
    const target = counter();
    const clock = new SimClock(target, { mode: { kind: 'paced', speed: 100 }, scheduler, endS: 30 });
    clock.play();
    scheduler.flush();
    expect(target.tick).toBe(30);
    expect(clock.status).toMatchObject({ running: false, finished: true, tS: 30 });
  });

  it('does not advance while paused, and resumes without catching up the paused time', () => {
    const scheduler = new VirtualTimeScheduler();
    const target = counter();
    const clock = new SimClock(target, { mode: { kind: 'paced', speed: 1 }, scheduler, endS: 1000 });
    clock.play();
    scheduler.schedule(() => clock.pause(), 2_500);
    scheduler.schedule(() => clock.resume(), 10_000);
    scheduler.maxFrames = 12_500;
    scheduler.flush();
    // 2 s before the pause + 2 s after resuming at 10 s.
    expect(target.tick).toBe(4);
  });

  it('changes speed on the fly', () => {
    const scheduler = new VirtualTimeScheduler();
    const target = counter();
    const clock = new SimClock(target, { mode: { kind: 'paced', speed: 1 }, scheduler, endS: 10_000 });
    clock.play();
    scheduler.schedule(() => clock.setSpeed(100), 2_500);
    scheduler.maxFrames = 3_500;
    scheduler.flush();
    expect(target.tick).toBe(2 + 100);
  });
});

/** A target whose ticks cost virtual wall time: `costMs(n)` per step call of n ticks moves the scheduler's clock. */
function costly(scheduler: VirtualTimeScheduler, costMs: (n: number, call: number) => number) {
  const calls: number[] = [];
  const t = {
    tick: 0,
    stepS: 1,
    step(n = 1) {
      scheduler.frame += costMs(n, calls.length);
      calls.push(n);
      t.tick += n;
    },
    calls,
  };
  return t;
}

/** The scheduler as the clock sees it, recording how long each scheduled turn ran (virtual ms). */
function timedTurns(scheduler: VirtualTimeScheduler): { scheduler: SchedulerLike; turnsMs: number[] } {
  const turnsMs: number[] = [];
  return {
    turnsMs,
    scheduler: {
      now: () => scheduler.now(),
      schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay?: number, state?: T) {
        return scheduler.schedule(function (this: SchedulerAction<T>, st?: T) {
          const t0 = scheduler.now();
          work.call(this, st);
          turnsMs.push(scheduler.now() - t0);
        }, delay, state);
      },
    },
  };
}

describe('SimClock on a machine that cannot keep up', () => {
  it('never runs one turn longer than its budget, and runs at the speed the machine sustains', () => {
    const vts = new VirtualTimeScheduler();
    const { scheduler, turnsMs } = timedTurns(vts);
    // 20 ms per 1 s tick: at 100x the schedule asks for 2000 ms of work per wall second.
    const target = costly(vts, (n) => 20 * n);
    const clock = new SimClock(target, { mode: { kind: 'paced', speed: 100 }, scheduler, turnBudgetMs: 40, maxLagS: 120 });
    clock.play();
    vts.maxFrames = 60_000;
    vts.flush();
    expect(turnsMs.length).toBeGreaterThan(100);
    expect(Math.max(...turnsMs)).toBeLessThanOrEqual(40);
    // Each turn fits 2 ticks (40 ms), then the clock sleeps its 20 ms interval: 2 s per 60 ms.
    expect(clock.status.effectiveSpeed).toBeCloseTo(2 / 0.06, 0);
    expect(clock.status.lagS).toBeLessThanOrEqual(120);
    // Behind by what was asked (100 s per wall second) minus what was done, the dropped backlog included.
    expect(clock.status.behindS).toBeGreaterThan(60 * 100 - target.tick - 200);
    expect(clock.status.behindS).toBeLessThanOrEqual(60 * 100 - target.tick);
  });

  it('caps the backlog before stepping: an hour away is not caught up in one call', () => {
    const vts = new VirtualTimeScheduler();
    const { scheduler, turnsMs } = timedTurns(vts);
    // 1 ms per tick, except the 10th call: the machine stalls for an hour inside it.
    const target = costly(vts, (n, call) => (call === 10 ? 3_600_000 : n));
    const clock = new SimClock(target, { mode: { kind: 'paced', speed: 100 }, scheduler, turnBudgetMs: 40, maxLagS: 60 });
    clock.play();
    vts.maxFrames = 3_600_000 + 5_000;
    vts.flush();
    const afterStall = target.calls.slice(11);
    expect(afterStall.length).toBeGreaterThan(0);
    // At 100x an hour is 360 000 ticks due; no call steps more than the 60 s backlog, no later turn overruns.
    expect(Math.max(...afterStall)).toBeLessThanOrEqual(60);
    expect(Math.max(...turnsMs.slice(11))).toBeLessThanOrEqual(40);
    expect(clock.status.lagS).toBeLessThanOrEqual(60);
    expect(clock.status.behindS).toBeGreaterThan(360_000 - 60);
  });

  it('reports the effective speed as the requested one when it keeps up', () => {
    const vts = new VirtualTimeScheduler();
    const target = costly(vts, () => 0);
    const clock = new SimClock(target, { mode: { kind: 'paced', speed: 10 }, scheduler: vts });
    expect(clock.status.effectiveSpeed).toBeNull();
    clock.play();
    vts.maxFrames = 20_000;
    vts.flush();
    expect(clock.status.effectiveSpeed).toBeCloseTo(10, 1);
    expect(clock.status.behindS).toBe(0);
    clock.pause();
    expect(clock.status.effectiveSpeed).toBeNull();
  });

  it('does not step while held (history too far behind), and drops what it could not catch up', () => {
    const vts = new VirtualTimeScheduler();
    const target = costly(vts, () => 0);
    let held = true;
    const clock = new SimClock(target, { mode: { kind: 'paced', speed: 10 }, scheduler: vts, maxLagS: 30, hold: () => held });
    clock.play();
    vts.schedule(() => (held = false), 10_000);
    vts.maxFrames = 9_000;
    vts.flush();
    expect(target.tick).toBe(0);
    expect(clock.status.lagS).toBe(30);
    vts.maxFrames = 12_000;
    vts.flush();
    // After the hold: the 30 s backlog was caught up, the 70 s beyond it are behind for good.
    expect(target.tick).toBe(120 - 70);
    expect(clock.status.behindS).toBe(70);
  });

  it('at max speed too, does not step while held, and goes on when released', () => {
    const vts = new VirtualTimeScheduler();
    const target = costly(vts, () => 0);
    let held = true;
    const clock = new SimClock(target, { mode: { kind: 'virtual' }, scheduler: vts, endS: 100, hold: () => held });
    clock.play();
    vts.schedule(() => (held = false), 1_000);
    vts.maxFrames = 100;
    vts.flush();
    expect(target.tick, 'nothing stepped while the writers were behind').toBe(0);
    vts.maxFrames = 100_000;
    vts.flush();
    expect(target.tick).toBe(100);
  });

  it('keeps virtual (max speed) turns within the budget too', () => {
    const vts = new VirtualTimeScheduler();
    const { scheduler, turnsMs } = timedTurns(vts);
    const target = costly(vts, (n) => 3 * n);
    const clock = new SimClock(target, { mode: { kind: 'virtual' }, scheduler, endS: 5_000, turnBudgetMs: 40 });
    clock.play();
    vts.flush();
    expect(target.tick).toBe(5_000);
    expect(Math.max(...turnsMs)).toBeLessThanOrEqual(40);
  });
});

describe('SimClock in virtual mode', () => {
  it('runs to the end as fast as the scheduler allows, in chunks', () => {
    const scheduler = new VirtualTimeScheduler();
    const target = counter();
    const clock = new SimClock(target, { mode: { kind: 'virtual' }, scheduler, endS: 86_400, chunkTicks: 1000 });
    clock.play();
    scheduler.flush();
    expect(target.tick).toBe(86_400);
    expect(scheduler.now()).toBe(0); // no virtual wall time passed
  });

  it('single-steps and seeks forward; refuses to seek backwards without a recording', () => {
    const target = counter();
    const clock = new SimClock(target, { mode: { kind: 'virtual' }, endS: 100 });
    clock.stepOnce();
    clock.stepOnce(4);
    expect(target.tick).toBe(5);
    clock.seek(50);
    expect(target.tick).toBe(50);
    expect(() => clock.seek(10)).toThrow(/cannot seek backwards/);
    expect(() => clock.seek(500)).toThrow(/past the end/);
  });

  it('seeks backwards on a target that can seek', () => {
    const target = counter();
    const clock = new SimClock(target.seekable, { mode: { kind: 'virtual' }, endS: 100 });
    clock.seek(80);
    clock.seek(20);
    expect(target.tick).toBe(20);
    expect(clock.status.tS).toBe(20);
  });

  it('rejects a non-positive speed with a clear error', () => {
    expect(() => new SimClock(counter(), { mode: { kind: 'paced', speed: 0 } })).toThrow(/speed must be a positive number/);
  });
});
