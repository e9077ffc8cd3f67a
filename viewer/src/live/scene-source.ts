import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SessionView, TimelineMark } from '../../../protocol/sessions.ts';
import type { Recommendation } from '../../../protocol/recommendation.ts';
import type { MachineHealth, SceneDefect, ScenePredictedDefect, SceneRecommendation, SceneState } from '../scene/scene-data.ts';
import { activeAlertsOf, machineHealth } from '../health/health-class.ts';
import { OPEN_STATUSES } from './recommendations.ts';
import type { Prediction, TwinState } from './store-types.ts';
import type { TwinStore } from './twin-store.ts';

const EMPTY: Readonly<Record<string, never>> = {};


/** How long a replayed defect stays on the scene's outfeed belt, simulated seconds. */
const DEFECT_WINDOW_S = 180;

/**
 * The scene's view of a replayed session: the session's time and clock, and its recorded incidents
 * up to now (fault onsets raise the machine's anomaly, failures its failure probability, defects
 * appear on the belt), with the session's own sensor values (polled; never the live plant's, which
 * would be wrong for the replayed time).
 */
export function replaySceneState(topology: SceneState['topology'], session: SessionView, marks: readonly TimelineMark[], readings: SceneState['latest'] = EMPTY): SceneState {
  const health: Record<string, MachineHealth> = {};
  const defects: SceneDefect[] = [];
  const startMs = Date.parse(session.t) - session.tS * 1000;
  marks.forEach((m, i) => {
    if (m.tS > session.tS) return;
    // A fault degrades a machine until it fails or is maintained; a failure stays failing until maintenance.
    if (m.type === 'fault_onset') health[m.asset] = health[m.asset]?.state === 'failing' ? health[m.asset]! : { state: 'degrading' };
    else if (m.type === 'failure') health[m.asset] = { state: 'failing' };
    else if (m.type === 'maintenance') delete health[m.asset];
    else if (m.type === 'defect' && session.tS - m.tS <= DEFECT_WINDOW_S) {
      // The timeline has no defect position: spread markers deterministically by their index.
      defects.push({ asset: m.asset, unitId: i, type: m.label, x: ((i * 0.618) % 1) * 0.8 + 0.1, y: ((i * 0.381) % 1) * 0.8 + 0.1, timeMs: startMs + m.tS * 1000 });
    }
  });
  return {
    topology,
    latest: readings,
    health,
    defects,
    predictedDefects: [],
    recommendations: [],
    simTimeMs: Date.parse(session.t),
    simSpeed: typeof session.speed === 'number' ? session.speed : 0,
    paused: !session.running,
  };
}

/** A 1 h defect risk at or above this shows as a predicted-defect marker. */
export const PREDICTED_DEFECT_MIN_P = 0.5;

/**
 * Predicted defects for the scene from the lines' defect-risk predictions: one marker per defect
 * type whose 1 h risk is at least PREDICTED_DEFECT_MIN_P, due within the hour.
 */
export function predictedDefectsOf(predictions: Readonly<Record<string, Prediction>>, simTimeMs: number): ScenePredictedDefect[] {
  const out: ScenePredictedDefect[] = [];
  for (const p of Object.values(predictions)) {
    for (const [name, probability] of Object.entries(p.defectRisk)) {
      const m = /^(.+)_1h$/.exec(name);
      if (m && probability >= PREDICTED_DEFECT_MIN_P) out.push({ asset: p.asset, type: m[1]!, probability, expectedAtMs: simTimeMs + 3_600_000 });
    }
  }
  return out.sort((a, b) => b.probability - a.probability);
}

/** One highlight per setpoint an open recommendation (proposed, approved, being applied) moves: from → to. */
export function sceneRecommendationsOf(recs: readonly Recommendation[]): SceneRecommendation[] {
  return recs.filter((r) => OPEN_STATUSES.has(r.status)).flatMap((r) => r.moves.map((m) => ({ id: `${r.id}:${m.setpoint}`, setpointId: m.setpoint, current: m.from, proposed: m.to, unit: m.unit })));
}

// The scene state is derived on every store change (each sensor frame); the overlay re-renders when its
// array changes, so the same book gives the same array.
const sceneRecs = new WeakMap<readonly Recommendation[], SceneRecommendation[]>();
function sceneRecommendationsCached(recs: readonly Recommendation[]): SceneRecommendation[] {
  let out = sceneRecs.get(recs);
  if (!out) sceneRecs.set(recs, (out = sceneRecommendationsOf(recs)));
  return out;
}

/** The scene's view of the live plant: every machine in the health class the fleet grid gives it. */
export function liveSceneState(s: TwinState): SceneState {
  const health: Record<string, MachineHealth> = {};
  const active = activeAlertsOf(s.alerts);
  for (const a of s.topology?.assets ?? []) if (a.kind === 'machine') health[a.id] = { state: machineHealth(a, s.readings, s.predictions[a.id], active).state };
  return {
    topology: s.topology,
    latest: s.readings,
    health,
    defects: s.recentDefects.map((d) => ({ asset: d.asset, unitId: d.unitId, type: d.defect, x: d.xFrac, y: d.yFrac, severity: d.severity, timeMs: Date.parse(d.t) })),
    predictedDefects: predictedDefectsOf(s.predictions, s.simTime ? Date.parse(s.simTime) : 0),
    recommendations: sceneRecommendationsCached(s.recommendations),
    simTimeMs: s.simTime ? Date.parse(s.simTime) : 0,
    simSpeed: s.simSpeed,
    paused: s.connection.status !== 'live',
  };
}

/**
 * A SceneDataSource derived from the twin store: the live plant, or the followed session when one
 * is followed. Recomputed on every store change (cheap: it passes the readings through by reference).
 */
export function createSceneSource(twin: TwinStore): StoreApi<SceneState> {
  const derive = (s: TwinState): SceneState => {
    const session = s.followedSession ? s.sessions[s.followedSession] : undefined;
    return session ? replaySceneState(s.topology, session, s.followedTimeline, s.followedReadings) : liveSceneState(s);
  };
  const scene = createStore<SceneState>()(() => derive(twin.getState()));
  twin.subscribe((s) => scene.setState(derive(s), true));
  return scene;
}
