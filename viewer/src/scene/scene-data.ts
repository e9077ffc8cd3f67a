/**
 * What the 3D scene reads: a small read-only view over the viewer's vanilla store. The scene never
 * re-renders React per tick; its components call `getState()` inside `useFrame` and only the
 * topology (which changes once) is selected through `subscribe`. A zustand `StoreApi<T>` whose state
 * extends `SceneState` is a `SceneDataSource` as it is.
 */

import type { HealthClass } from '../health/health-class.ts';

/** Sample status as on the wire (protocol SensorsData): 0 OK, 1 WARNING, 2 ERROR, 3 CRITICAL. */
export type SensorStatusCode = 0 | 1 | 2 | 3;

/** One sensor of an asset, as `GET /api/plant/topology` lists it. */
export interface SceneSensor {
  /** e.g. `Line_A.furnace.zone3_temp` or `pump_002.flow_m3h`. */
  readonly id: string;
  readonly name: string;
  /** Lines: furnace | forming | annealing | inspection. Machines: machine. */
  readonly group: string;
  readonly unit: string;
}

/** One setpoint of an asset (topology `setpoints`). */
export interface SceneSetpoint {
  /** e.g. `Line_A.belt_speed`, `motor_001.load`. */
  readonly id: string;
  readonly name: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
}

/** A glass line or a machine of the fleet (topology `assets[]`). */
export interface SceneAsset {
  /** `Line_A` … or `motor_001`, `cooling_tower_002` … (the machine type is the id without `_NNN`). */
  readonly id: string;
  readonly kind: 'line' | 'machine';
  readonly sensors: readonly SceneSensor[];
  readonly setpoints: readonly SceneSetpoint[];
}

/** The plant topology (the `data` of `GET /api/plant/topology`, extra fields allowed). */
export interface SceneTopology {
  readonly assets: readonly SceneAsset[];
}

/** Latest value of one sensor: `v` null when the sample dropped out. */
export interface LatestValue {
  readonly v: number | null;
  readonly s: SensorStatusCode;
}

/**
 * Health of one machine as the scene colours it: its class from the one definition the fleet grid
 * uses (health/health-class.ts), so the hall and the grid always agree.
 */
export interface MachineHealth {
  readonly state: HealthClass;
  /** The class is from predictions no longer current: drawn washed out. */
  readonly stale?: boolean;
}

/** A defect inspection found on a unit (quality channel / `defect` events). */
export interface SceneDefect {
  /** Line asset id, e.g. `Line_B`. */
  readonly asset: string;
  readonly unitId: number;
  /** crack | bubble | chip | cloudiness | deformation | stain | … */
  readonly type: string;
  /** Position on the unit, 0..1 along and across the belt (event `x`, `y`). */
  readonly x: number;
  readonly y: number;
  readonly severity?: number;
  /** Simulated epoch ms when the unit passed inspection. */
  readonly timeMs: number;
}

/** A defect a model expects on a unit not yet inspected. */
export interface ScenePredictedDefect {
  readonly asset: string;
  readonly type: string;
  /** 0..1. */
  readonly probability: number;
  /** Simulated epoch ms when the unit is expected to reach inspection. */
  readonly expectedAtMs: number;
  readonly x?: number;
  readonly y?: number;
}

/** A recommended setpoint change (recommendations channel). */
export interface SceneRecommendation {
  readonly id: string;
  /** e.g. `Line_A.furnace_temp`; its asset is the part before the first dot. */
  readonly setpointId: string;
  readonly current: number;
  readonly proposed: number;
  readonly unit?: string;
}

/** Everything the scene draws. Maps are plain records so a zustand store can update them immutably. */
export interface SceneState {
  /** Null until `GET /api/plant/topology` has answered. */
  readonly topology: SceneTopology | null;
  /** Latest value by sensor id. */
  readonly latest: Readonly<Record<string, LatestValue>>;
  /** Health by machine asset id; a missing machine is drawn grey (no model). */
  readonly health: Readonly<Record<string, MachineHealth>>;
  /** Recent defects, any order; the scene draws those still on the outfeed belt. */
  readonly defects: readonly SceneDefect[];
  readonly predictedDefects: readonly ScenePredictedDefect[];
  readonly recommendations: readonly SceneRecommendation[];
  /**
   * Simulated epoch ms of the newest data (from the WS message `t`). The scene animates between
   * updates by extrapolating at `simSpeed` while `paused` is false.
   */
  readonly simTimeMs: number;
  /** Simulated seconds per wall second (1, 10, 100 …); 0 or `paused` freezes the animation. */
  readonly simSpeed?: number;
  readonly paused?: boolean;
}

/** Belt speed of a line in m/min: its `forming.belt_speed` sensor, or null before the first sample. */
export function beltSpeedMpm(state: SceneState, lineId: string): number | null {
  return state.latest[`${lineId}.forming.belt_speed`]?.v ?? null;
}

/** A read-only handle on the store: a zustand vanilla `StoreApi` fits as it is. */
export interface SceneDataSource {
  getState(): SceneState;
  /** Called after every state change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** Which AR overlays are shown. */
export interface OverlayToggles {
  readonly heatMap: boolean;
  readonly beltMotion: boolean;
  readonly defectMarkers: boolean;
  readonly predictedDefects: boolean;
  readonly recommendations: boolean;
  readonly sensorLabels: boolean;
}

/** The overlay keys in display order (for a panel of toggles). */
export const OVERLAY_KEYS: readonly (keyof OverlayToggles)[] = ['heatMap', 'beltMotion', 'defectMarkers', 'predictedDefects', 'recommendations', 'sensorLabels'];

/** All overlays on except sensor labels, which cost the most DOM. */
export const DEFAULT_OVERLAYS: OverlayToggles = {
  heatMap: true,
  beltMotion: true,
  defectMarkers: true,
  predictedDefects: true,
  recommendations: true,
  sensorLabels: false,
};

/** Props of `PlantScene`. */
export interface PlantSceneProps {
  readonly data: SceneDataSource;
  readonly overlays: OverlayToggles;
  /** Selected asset id (line or machine), or null. */
  readonly selected: string | null;
  readonly onSelect: (assetId: string | null) => void;
  /** 'never' for replay: render only through `advanceScene(t)`. Default 'always'. */
  readonly frameloop?: 'always' | 'demand' | 'never';
  /** Show the "Enter AR" button where `immersive-ar` is supported. Default true. */
  readonly ar?: boolean;
  readonly className?: string;
}

/** The toggles with one overlay switched. */
export function toggleOverlay(t: OverlayToggles, key: keyof OverlayToggles): OverlayToggles {
  return { ...t, [key]: !t[key] };
}
