/**
 * Where overlays attach: the equipment a setpoint acts on, the reject-table slots of defective units,
 * and the anchors of sensor labels. Pure, so the geometry of every overlay is tested.
 */
import { LINE, lineZ, type AssetPlacement } from './plant-layout.ts';
import type { SceneDefect } from './scene-data.ts';

/** An axis-aligned box: centre and size, metres. */
export interface Box3D {
  readonly cx: number;
  readonly cy: number;
  readonly cz: number;
  readonly sx: number;
  readonly sy: number;
  readonly sz: number;
}

/** Stations of a line. */
export type Station = 'furnace' | 'forming' | 'belt' | 'annealing' | 'inspection';

/** Bounding box of a station of the line with index `lineIndex`. */
export function stationBox(station: Station, lineIndex: number): Box3D {
  const z = lineZ(lineIndex);
  const span = (x0: number, x1: number, sy: number, sz: number): Box3D => ({ cx: (x0 + x1) / 2, cy: sy / 2, cz: z, sx: x1 - x0, sy, sz });
  switch (station) {
    case 'furnace':
      return span(LINE.furnace.x0 - 0.5, LINE.furnace.x1 + 0.5, LINE.furnace.height, LINE.furnace.width + 0.6);
    case 'forming':
      return span(LINE.forming.x0 - 0.3, LINE.forming.x1 + 0.3, 4.4, 3.8);
    case 'belt':
      return span(LINE.belt.x0, LINE.belt.x1, LINE.belt.height + 0.3, LINE.belt.width + 0.4);
    case 'annealing':
      return span(LINE.lehr.x0, LINE.lehr.x1, LINE.lehr.height + 0.9, LINE.lehr.width + 0.4);
    case 'inspection':
      return span(LINE.inspection.x0, LINE.inspection.x1, 3, 3.6);
  }
}

// Which station each line setpoint acts on (physics/glass/line-setpoints.ts).
const SETPOINT_STATION: Readonly<Record<string, Station>> = {
  furnace_temp: 'furnace',
  belt_speed: 'belt',
  mold_temp: 'forming',
  forming_pressure: 'forming',
  lehr_cooling_rate: 'annealing',
};

/** The equipment a setpoint change acts on, to highlight it; null for an unknown asset. */
export function setpointTarget(setpointId: string, placements: readonly AssetPlacement[]): { asset: string; box: Box3D } | null {
  const dot = setpointId.indexOf('.');
  const asset = dot < 0 ? setpointId : setpointId.slice(0, dot);
  const name = dot < 0 ? '' : setpointId.slice(dot + 1);
  const p = placements.find((q) => q.id === asset);
  if (!p) return null;
  if (p.kind === 'machine') return { asset, box: { cx: p.x, cy: p.height / 2, cz: p.z, sx: p.sizeX + 0.4, sy: p.height + 0.3, sz: p.sizeZ + 0.4 } };
  const lineIndex = placements.filter((q) => q.kind === 'line').indexOf(p);
  const station = SETPOINT_STATION[name];
  return { asset, box: station ? stationBox(station, lineIndex) : { cx: p.x, cy: p.height / 2, cz: p.z, sx: p.sizeX, sy: p.height, sz: p.sizeZ } };
}

/** Units shown on each line's reject table (the most recent defects). */
export const REJECT_SLOTS = 6;

/** One defective unit on a reject table with its defect marker, in world coordinates. */
export interface RejectSlot {
  readonly defect: SceneDefect;
  /** Centre of the unit on the table. */
  readonly x: number;
  readonly z: number;
  /** The defect's position on the unit. */
  readonly markerX: number;
  readonly markerZ: number;
}

/**
 * The newest defects of a line (not after `nowMs`: a replay seek hides what has not happened yet), newest
 * first, laid out three by two on the reject table. The unit is 1.1 m square; (x, y) on the unit map to
 * along and across the belt.
 */
export function rejectSlots(defects: readonly SceneDefect[], lineId: string, lineIndex: number, nowMs: number): RejectSlot[] {
  const mine = defects.filter((d) => d.asset === lineId && d.timeMs <= nowMs).sort((a, b) => b.timeMs - a.timeMs || b.unitId - a.unitId);
  const unit = 1.1;
  return mine.slice(0, REJECT_SLOTS).map((defect, i) => {
    const x = LINE.reject.x - 1.2 + (i % 3) * 1.2;
    const z = lineZ(lineIndex) + LINE.reject.dz + (i < 3 ? -0.42 : 0.42);
    return { defect, x, z, markerX: x + (clamp01(defect.x) - 0.5) * unit * 0.9, markerZ: z + (clamp01(defect.y) - 0.5) * unit * 0.6 };
  });
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0.5;
}

/** Anchor of each line station's sensor label: above the station. */
export function stationLabelAnchor(group: string, lineIndex: number): [number, number, number] {
  const station: Station = group === 'annealing' ? 'annealing' : group === 'forming' ? 'forming' : group === 'inspection' ? 'inspection' : 'furnace';
  const b = stationBox(station, lineIndex);
  return [b.cx, b.sy + 1.2, b.cz];
}
