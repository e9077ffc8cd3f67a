import { VirtualTimeScheduler } from 'rxjs';
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
