/** A made-up plant for the scene's dev page (not shipped): the reference topology with moving values. */
import type { MachineHealth, SceneAsset, SceneDataSource, SceneState } from '../scene-data.ts';

const LINE_SENSORS: Record<string, readonly [string, string][]> = {
  furnace: [...Array.from({ length: 8 }, (_, i) => [`zone${i + 1}_temp`, '°C'] as [string, string]), ['crown_temp', '°C'], ['burner_power', 'MW']],
  forming: [['belt_speed', 'm/min'], ['mold_temp', '°C'], ['forming_pressure', 'MPa']],
  annealing: [['lehr_exit_temp', '°C'], ['cooling_rate', '°C/min']],
  inspection: [['unit_defects', 'count'], ['defect_severity_max', '1']],
};
const FLEET = { motor: 5, pump: 5, compressor: 3, cnc: 3, fan: 3, conveyor: 3, hydraulic: 2, cooling_tower: 2 };
const SP = [['furnace_temp', '°C'], ['belt_speed', 'm/min'], ['mold_temp', '°C'], ['forming_pressure', 'MPa'], ['lehr_cooling_rate', '°C/min']];

function topology(): SceneAsset[] {
  const lines = ['Line_A', 'Line_B', 'Line_C'].map((id): SceneAsset => ({
    id,
    kind: 'line',
    sensors: Object.entries(LINE_SENSORS).flatMap(([group, ss]) => ss.map(([name, unit]) => ({ id: `${id}.${group}.${name}`, name, group, unit }))),
    setpoints: SP.map(([name, unit]) => ({ id: `${id}.${name}`, name: name!, unit: unit!, min: 0, max: 2000 })),
  }));
  const machines = Object.entries(FLEET).flatMap(([type, n]) =>
    Array.from({ length: n }, (_, i): SceneAsset => {
      const id = `${type}_${String(i + 1).padStart(3, '0')}`;
      return { id, kind: 'machine', sensors: [{ id: `${id}.vibration_rms_mm_s`, name: 'vibration_rms_mm_s', group: 'machine', unit: 'mm/s' }, { id: `${id}.bearing_temp_c`, name: 'bearing_temp_c', group: 'machine', unit: '°C' }], setpoints: [{ id: `${id}.load`, name: 'load', unit: '%', min: 0, max: 110 }] };
    }),
  );
  return [...lines, ...machines];
}

/** State at simulated time `t` (deterministic). */
export function fakeState(t: number, start: number): SceneState {
  const assets = topology();
  const latest: Record<string, { v: number; s: 0 | 1 | 2 | 3 }> = {};
  assets.forEach((a, ai) =>
    a.sensors.forEach((s) => {
      const zone = /zone(\d)_temp/.exec(s.name);
      let v = 50 + 10 * Math.sin(t / 7000 + ai);
      if (zone) v = 1380 + 230 * Math.sin((Number(zone[1]) / 8) * Math.PI) + (ai === 1 ? 80 : 0) + 10 * Math.sin(t / 5000);
      if (s.name === 'belt_speed') v = [150, 120, 165][ai] ?? 150;
      latest[s.id] = { v, s: s.name === 'bearing_temp_c' && ai === 8 ? 2 : 0 };
    }),
  );
  const health: Record<string, MachineHealth> = {};
  assets.filter((a) => a.kind === 'machine').forEach((a, i) => {
    if (i % 7 === 6) return;
    health[a.id] = { state: i === 4 ? 'failing' : i === 9 || i === 14 ? 'degrading' : 'ready', ...(i === 20 ? { stale: true } : {}) };
  });
  const defects = Array.from({ length: 9 }, (_, k) => ({ asset: ['Line_A', 'Line_B', 'Line_C'][k % 3]!, unitId: k, type: 'crack', x: (k * 0.37) % 1, y: (k * 0.61) % 1, timeMs: start + k * 20_000 }));
  const predictedDefects = [0, 1, 2].map((k) => ({ asset: 'Line_B', type: 'bubble', probability: 0.4 + 0.2 * k, expectedAtMs: t + 3000 + k * 4500 }));
  return {
    topology: { assets },
    latest,
    health,
    defects,
    predictedDefects,
    recommendations: [
      { id: 'r1', setpointId: 'Line_B.furnace_temp', current: 1520, proposed: 1495, unit: '°C' },
      { id: 'r2', setpointId: 'pump_003.load', current: 90, proposed: 75, unit: '%' },
    ],
    simTimeMs: t,
    simSpeed: 1,
    paused: false,
  };
}

/** A source that ticks every 250 ms of wall time. */
export function fakeSource(start: number): SceneDataSource & { stop(): void } {
  let state = fakeState(start + 200_000, start);
  const listeners = new Set<() => void>();
  const timer = setInterval(() => {
    state = fakeState(state.simTimeMs + 250, start);
    listeners.forEach((l) => l());
  }, 250);
  return {
    getState: () => state,
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    stop: () => clearInterval(timer),
  };
}
