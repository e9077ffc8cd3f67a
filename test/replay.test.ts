import { describe, expect, it } from 'vitest';
import { FrameHasher } from '../engine/frame-hash.ts';
import { createEngine } from '../engine/plant.ts';
import { Recorder } from '../scenarios/recording.ts';
import { ReplaySession } from '../scenarios/replay.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import type { TwinEvent } from '../engine/events.ts';

const H = 3600;

function recordIncident() {
  const scenario = { ...loadLibraryScenario('furnace-overheat-crack-storm') };
  const engine = createEngine(scenario);
  const recorder = new Recorder(engine, { checkpointEveryS: 1800 });
  engine.runFor(2 * H);
  // An operator's input mid-run must be replayed at the same tick.
  engine.setSetpoint('Line_B.belt_speed', 120);
  engine.runFor(2 * H);
  return { scenario, recording: recorder.finish(), engine };
}

describe('record and replay', () => {
  const { recording, engine: original } = recordIncident();

  it('replays the same frames bit for bit', () => {
    const session = new ReplaySession(recording, createEngine);
    const h = new FrameHasher();
    session.frames$.subscribe((f) => h.add(f));
    session.step(recording.endTick - recording.startTick);
    expect(h.digest()).toBe(recording.hash);
    expect(session.engine.snapshot().state.model).toEqual(original.snapshot().state.model);
  });

  it('seeks to any time and lands on the same state as running straight there', () => {
    const session = new ReplaySession(recording, createEngine);
    for (const t of [3 * H + 17, 0.5 * H, 2 * H + 1, 4 * H]) {
      session.seek(t);
      const straight = createEngine(recording.scenario);
      straight.runFor(Math.min(t, 2 * H));
      if (t > 2 * H) {
        straight.setSetpoint('Line_B.belt_speed', 120);
        straight.runUntil(t);
      }
      expect(session.engine.tick).toBe(straight.tick);
      expect(session.engine.snapshot().state).toEqual(straight.snapshot().state);
    }
  });

  it('refuses to seek outside the recording', () => {
    const session = new ReplaySession(recording, createEngine);
    expect(() => session.seek(5 * H)).toThrow(/outside the recording/);
  });

  it('branches at a time with different operator actions, leaving the replay intact', () => {
    const session = new ReplaySession(recording, createEngine);
    const branch = session.branch(H, [{ atS: H + 60, kind: 'setpoint', setpoint: 'Line_A.furnace_temp', value: 1450 }]);
    const events: TwinEvent[] = [];
    branch.events$.subscribe((e) => events.push(e));
    branch.runFor(H);
    const change = events.find((e) => e.type === 'setpoint_changed' && e.setpoint === 'Line_A.furnace_temp');
    expect(change?.tS).toBe(H + 60);
    expect(session.engine.tS).toBe(H);
    expect(branch.setpoints().find((s) => s.id === 'Line_A.furnace_temp')?.target).toBe(1450);
  });
});
