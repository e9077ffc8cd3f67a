import { describe, expect, it } from 'vitest';
import type { Frame } from '../../engine/frame.ts';
import type { PlantLayout } from '../../engine/layout.ts';
import { ShadowTracker, type ShadowFlagChange } from './shadow-tracker.ts';
import { seededNormal } from './test-noise.test-helper.ts';

type Sensor = PlantLayout['sensors'][number];

function sensor(asset: string, name: string, std: number): Sensor {
  return {
    id: `${asset}.${name}`,
    asset,
    assetKind: 'machine',
    group: 'machine',
    name,
    unit: '°C',
    description: '',
    period: { kind: 'periodic', periodS: 1 },
    limits: { warning: [0, 100], error: [null, null], critical: [null, null] },
    noise: { std },
  };
}

const ASSETS = ['pump_001', 'pump_002', 'pump_003', 'pump_004'];
const sensors = ASSETS.flatMap((a) => [sensor(a, 'bearing_temp_c', 0.5), sensor(a, 'flow_m3h', 1)]);

/** Drives a tracker: twin predicts `base`, plant measures base + offset(k, t) + noise, for `steps` seconds. */
function run(tracker: ShadowTracker, steps: number, offset: (k: number, t: number) => number, seed = 7, t0 = 0): void {
  const n = sensors.length;
  const normal = seededNormal(seed);
  const values = new Float64Array(n);
  const sampled = Int32Array.from({ length: n }, (_, k) => k);
  for (let t = t0; t < t0 + steps; t++) {
    for (let k = 0; k < n; k++) values[k] = 50 + 0.5 * Math.sin(t / 300 + k) + sensors[k]!.noise.std * normal();
    const frame: Frame = { tick: t, tS: t, timeMs: t * 1000, values, status: new Uint8Array(n), flags: new Uint8Array(n), sampled, sampledCount: n, events: [] };
    tracker.observeTwin(frame);
    for (let k = 0; k < n; k++) {
      const truth = 50 + 0.5 * Math.sin(t / 300 + k);
      tracker.ingest({ sensor_id: sensors[k]!.id, value: truth + offset(k, t) + sensors[k]!.noise.std * normal() });
    }
  }
}

describe('ShadowTracker', () => {
  it('tracks an identical plant closely and raises no flag', () => {
    const tracker = new ShadowTracker({ sensors });
    run(tracker, 1800, () => 0);
    const st = tracker.state();
    expect(st.flaggedAssets).toEqual([]);
    expect(st.trackingAccuracy!).toBeGreaterThan(0.9);
  });

  it('corrects a constant offset: twin + bias tracks the measurement', () => {
    const tracker = new ShadowTracker({ sensors });
    const k = 2; // pump_002.bearing_temp_c
    run(tracker, 600, (i) => (i === k ? 4 : 0));
    expect(tracker.biasOf(sensors[k]!.id)).toBeGreaterThan(3.5);
    expect(tracker.biasOf(sensors[k]!.id)).toBeLessThan(4.5);
    const s = tracker.state().sensors[k]!;
    expect(Math.abs(s.corrected! - s.measured!)).toBeLessThan(Math.abs(s.predicted! - s.measured!) + 2);
  });

  it('a jump on one asset alone is an equipment_issue on that asset only', () => {
    const tracker = new ShadowTracker({ sensors });
    const k = 4; // pump_003.bearing_temp_c
    run(tracker, 1200, (i, t) => (i === k && t >= 600 ? 5 : 0));
    expect(tracker.flagOf('pump_003.bearing_temp_c')).toBe('equipment_issue');
    expect(tracker.state().flaggedAssets).toEqual([{ asset: 'pump_003', flag: 'equipment_issue', sensors: ['pump_003.bearing_temp_c'] }]);
  });

  it('a slow drift common to a family of sensors is model_drift, not equipment_issue', () => {
    const tracker = new ShadowTracker({ sensors });
    // Every bearing temperature creeps up 3 °C per hour from t = 600 s (the twin's thermal model is off).
    run(tracker, 4800, (i, t) => (i % 2 === 0 && t > 600 ? ((t - 600) / 3600) * 3 : 0));
    const st = tracker.state();
    const flags = st.sensors.filter((s) => s.flag !== 'none').map((s) => [s.sensor_id, s.flag]);
    expect(flags.length).toBeGreaterThanOrEqual(3);
    expect(flags.every(([id, f]) => id!.endsWith('bearing_temp_c') && f === 'model_drift')).toBe(true);
    expect(st.flaggedAssets.every((a) => a.flag === 'model_drift')).toBe(true);
  });

  it('ignores unknown sensors and missing values, and counts them', () => {
    const tracker = new ShadowTracker({ sensors });
    expect(tracker.ingest({ sensor_id: 'nope', value: 1 })).toBe(false);
    expect(tracker.ingest({ sensor_id: sensors[0]!.id, value: null })).toBe(false);
    expect(tracker.ingest({ sensor_id: sensors[0]!.id, value: 1 })).toBe(false); // no twin prediction yet
    expect(tracker.state().ignored).toBe(3);
  });

  describe('flags$', () => {
    const watched = () => {
      const tracker = new ShadowTracker({ sensors });
      const changes: ShadowFlagChange[] = [];
      tracker.flags$.subscribe((c) => changes.push(c));
      return { tracker, changes };
    };

    it('emits one change when an asset\'s flag is raised, and nothing while it stays', () => {
      const { tracker, changes } = watched();
      run(tracker, 1200, (i, t) => (i === 4 && t >= 600 ? 5 : 0));
      expect(changes.map(({ asset, flag, previous, sensors }) => ({ asset, flag, previous, sensors }))).toEqual([
        { asset: 'pump_003', flag: 'equipment_issue', previous: 'none', sensors: ['pump_003.bearing_temp_c'] },
      ]);
      expect(changes[0]!.twinTimeMs).toBeGreaterThan(600_000);
    });

    it('emits nothing for an identical plant', () => {
      const { tracker, changes } = watched();
      run(tracker, 1800, () => 0);
      expect(changes).toEqual([]);
    });

    it('replaying its changes gives the flagged assets the state reports, through reclassifications', () => {
      const { tracker, changes } = watched();
      run(tracker, 4800, (i, t) => (i % 2 === 0 && t > 600 ? ((t - 600) / 3600) * 3 : 0));
      const replayed = new Map<string, string>();
      for (const c of changes) {
        expect(c.previous).toBe(replayed.get(c.asset) ?? 'none');
        if (c.flag === 'none') replayed.delete(c.asset);
        else replayed.set(c.asset, c.flag);
      }
      expect(replayed.size).toBeGreaterThan(0);
      expect(replayed).toEqual(new Map(tracker.state().flaggedAssets.map((a) => [a.asset, a.flag])));
    });

    it('clears every raised flag on reset', () => {
      const { tracker, changes } = watched();
      run(tracker, 1200, (i, t) => (i === 4 && t >= 600 ? 5 : 0));
      tracker.reset();
      expect(changes.map((c) => [c.asset, c.previous, c.flag])).toEqual([
        ['pump_003', 'none', 'equipment_issue'],
        ['pump_003', 'equipment_issue', 'none'],
      ]);
    });
  });
});
