// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { SessionView, TimelineMark } from '../../../protocol/sessions.ts';
import { applying, decided, rec } from './recommendation-fixture.test-helper.ts';
import { createSceneSource, predictedDefectsOf, replaySceneState, sceneRecommendationsOf } from './scene-source.ts';
import { createTwinStore } from './twin-store.ts';

const session = (tS: number, running = false): SessionView =>
  ({ id: 'S1', scenario: 'crack-storm', t: new Date(Date.parse('2024-03-14T00:00:00Z') + tS * 1000).toISOString(), tS, startS: 0, endS: 57_600, running, finished: false, speed: 10, source: { kind: 'scenario', scenario: 'crack-storm' } }) as SessionView;

describe('the scene follows a replayed session', () => {
  const marks: TimelineMark[] = [
    { tS: 100, type: 'fault_onset', asset: 'pump_001', label: 'bearing wear' },
    { tS: 200, type: 'failure', asset: 'motor_002', label: 'winding' },
    { tS: 290, type: 'defect', asset: 'Line_A', label: 'crack' },
    { tS: 400, type: 'failure', asset: 'pump_001', label: 'seized' },
  ];

  it("shows the session time and clock, and the session's own readings, never the live plant's", () => {
    const s = replaySceneState(null, session(300), marks);
    expect(s.simTimeMs).toBe(Date.parse('2024-03-14T00:05:00Z'));
    expect(s.paused).toBe(true);
    expect(s.latest).toEqual({});
    expect(replaySceneState(null, session(300), marks, { 'Line_A.furnace.zone1_temp': { v: 1520, s: 2 } }).latest).toEqual({ 'Line_A.furnace.zone1_temp': { v: 1520, s: 2 } });
  });

  it('marks incidents up to the session time only, and recent defects on the belt', () => {
    const s = replaySceneState(null, session(300), marks);
    expect(s.health['pump_001']).toEqual({ state: 'degrading' });
    expect(s.health['motor_002']).toEqual({ state: 'failing' });
    expect(replaySceneState(null, session(450), marks).health['pump_001']).toEqual({ state: 'failing' });
    expect(s.defects.map((d) => [d.asset, d.type])).toEqual([['Line_A', 'crack']]);
    expect(replaySceneState(null, session(50), marks).health).toEqual({});
  });

  it('switches between the live plant and the followed session', () => {
    const twin = createTwinStore({ simTime: '2024-03-14T08:00:00.000Z', readings: { a: { v: 1, s: 0 } } });
    const scene = createSceneSource(twin);
    expect(scene.getState().latest).toEqual({ a: { v: 1, s: 0 } });
    twin.setState({ sessions: { S1: session(300) }, followedSession: 'S1', followedReadings: { b: { v: 2, s: 1 } } });
    expect(scene.getState().simTimeMs).toBe(Date.parse('2024-03-14T00:05:00Z'));
    expect(scene.getState().latest).toEqual({ b: { v: 2, s: 1 } });
    twin.setState({ followedSession: null });
    expect(scene.getState().simTimeMs).toBe(Date.parse('2024-03-14T08:00:00Z'));
  });
});

describe('predicted defects on the scene', () => {
  const line = (asset: string, defectRisk: Record<string, number>) => ({ asset, t: '', rul: null, failureProbability: null, anomalyScore: null, topInputs: [], model: 'line', accuracy: null, status: { defects: 'ready' as const }, defectRisk });

  it("marks each defect type whose 1 h risk reaches one half, likeliest first, due within the hour", () => {
    const now = Date.parse('2024-03-14T08:00:00Z');
    const marks = predictedDefectsOf({ Line_A: line('Line_A', { crack_1h: 0.62, bubble_1h: 0.49, crack_4h: 0.99 }), Line_B: line('Line_B', { stress_fracture_1h: 0.9 }) }, now);
    expect(marks).toEqual([
      { asset: 'Line_B', type: 'stress_fracture', probability: 0.9, expectedAtMs: now + 3_600_000 },
      { asset: 'Line_A', type: 'crack', probability: 0.62, expectedAtMs: now + 3_600_000 },
    ]);
  });

  it('marks nothing for machines or lines without a defect model', () => {
    expect(predictedDefectsOf({ Line_C: line('Line_C', {}) }, 0)).toEqual([]);
  });
});

describe('the setpoints a recommendation touches, highlighted on the scene', () => {
  const twoMoves = rec({ moves: [rec().moves[0]!, { setpoint: 'Line_A.belt_speed', unit: 'm/min', from: 150, to: 162, needsApproval: false }] });

  it('marks each move of a proposal, approved or applying change: from → to with its unit', () => {
    expect(sceneRecommendationsOf([twoMoves])).toEqual([
      { id: 'REC-1:Line_A.furnace_temp', setpointId: 'Line_A.furnace_temp', current: 1500, proposed: 1440, unit: '°C' },
      { id: 'REC-1:Line_A.belt_speed', setpointId: 'Line_A.belt_speed', current: 150, proposed: 162, unit: 'm/min' },
    ]);
    expect(sceneRecommendationsOf([applying({ id: 'REC-2' })]).map((r) => r.id)).toEqual(['REC-2:Line_A.furnace_temp']);
  });

  it('marks nothing once a recommendation is decided: applied, rolled back, rejected, expired, dropped', () => {
    const done = (['applied', 'rolled_back', 'rejected', 'expired', 'dropped', 'failed'] as const).map((status, i) => rec({ id: `R${i}`, status }));
    expect(sceneRecommendationsOf(done)).toEqual([]);
  });

  it('follows the live book: a proposal appears on the scene, and leaves it when rejected', () => {
    const twin = createTwinStore({ simTime: '2024-03-14T09:00:00.000Z' });
    const scene = createSceneSource(twin);
    twin.setState({ recommendations: [twoMoves] });
    expect(scene.getState().recommendations.map((r) => r.setpointId)).toEqual(['Line_A.furnace_temp', 'Line_A.belt_speed']);
    // A sensor frame changes nothing of the book: the overlay gets the very same array.
    const before = scene.getState().recommendations;
    twin.setState({ simTime: '2024-03-14T09:00:01.000Z' });
    expect(scene.getState().recommendations).toBe(before);
    twin.setState({ recommendations: [decided(twoMoves, 'rejected', 'olga', 'batch change at 10:00')] });
    expect(scene.getState().recommendations).toEqual([]);
  });
});
