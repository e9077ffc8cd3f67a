// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../protocol/alerts.ts';
import type { AssetInfo, Topology } from '../../../protocol/plant.ts';
import { predictionsOf } from '../live/prediction.ts';
import { liveSceneState } from '../live/scene-source.ts';
import { initialTwinState, type TwinState } from '../live/store-types.ts';
import { fleetTiles } from '../panels/fleet-logic.ts';
import { HEALTH_RGB, healthColor } from '../scene/colors.ts';

const machine = (id: string): AssetInfo => ({ id, kind: 'machine', sensors: [{ id: `${id}.vib` }], setpoints: [] }) as unknown as AssetInfo;
const status = { rul: 'ready', failure: 'ready', anomaly: 'ready' } as const;
const rulAt = (kind: 'estimate' | 'at-least', hours: number) => ({ kind, hours, unit: 'h', capH: 20, explanation: [] });

/** The wire payloads of a fleet after models load: mostly healthy machines whose RUL sits at the 20 h cap. */
const wire = [
  ...Array.from({ length: 18 }, (_, i) => ({ asset: `motor_${String(i + 1).padStart(3, '0')}`, kind: 'motor', tS: 0, status, rul: rulAt('at-least', 20), failureProbability: { value: 0.04, explanation: [] } })),
  { asset: 'pump_001', kind: 'pump', tS: 0, status, rul: rulAt('estimate', 7.5), failureProbability: { value: 0.1, explanation: [] } },
  { asset: 'pump_002', kind: 'pump', tS: 0, status, rul: rulAt('at-least', 20), failureProbability: { value: 0.35, explanation: [] } },
  { asset: 'pump_003', kind: 'pump', tS: 0, status, rul: rulAt('estimate', 2), failureProbability: { value: 0.8, explanation: [] } },
  { asset: 'fan_001', kind: 'fan', tS: 0, status: { anomaly: 'ready' }, anomaly: { score: 1.6, anomalous: true, topSensors: [] } },
  { asset: 'fan_002', kind: 'fan', tS: 0, status: { rul: 'loading' } },
  { asset: 'fan_003', kind: 'fan', tS: 0, status: { rul: 'missing' } },
];
const ids = [...wire.map((w) => w.asset), 'cnc_001', 'cnc_002'];

function twin(): TwinState {
  const predictions = Object.fromEntries(predictionsOf(wire, '2024-03-14T08:00:00.000Z').map((p) => [p.asset, p]));
  const alerts: Record<string, AlertView> = { a1: { id: 'a1', asset: 'cnc_002', rule: 'failure', state: 'active' } as AlertView };
  const readings = { 'cnc_001.vib': { v: 7, s: 1 as const } };
  return { ...initialTwinState(), topology: { assets: ids.map(machine) } as unknown as Topology, predictions, alerts, readings };
}

describe('the 3D hall and the fleet grid', () => {
  it('colour every machine by the class its fleet tile shows, for the same predictions, readings and alerts', () => {
    const s = twin();
    const tiles = fleetTiles(s.topology!.assets, s.readings, s.predictions, s.alerts);
    const hall = liveSceneState(s).health;
    expect(tiles).toHaveLength(26);
    for (const t of tiles) expect([t.id, healthColor(hall[t.id])]).toEqual([t.id, HEALTH_RGB[t.state]]);
  });

  it('show the 18 healthy machines whose RUL is "more than 20 h" as Ready in the grid and green in the hall, not red', () => {
    const s = twin();
    const ready = fleetTiles(s.topology!.assets, s.readings, s.predictions, s.alerts).filter((t) => t.state === 'ready');
    expect(ready).toHaveLength(18);
    const hall = liveSceneState(s).health;
    for (const t of ready) expect(healthColor(hall[t.id])).toEqual(HEALTH_RGB.ready);
  });
});
