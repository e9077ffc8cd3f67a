/**
 * Where everything stands, in metres (x along the lines, z across, y up). Pure: the components and
 * the keyboard navigation both read it, and the tests pin it down.
 */
import type { SceneAsset, SceneTopology } from './scene-data.ts';

/** Stations of a glass line along its own x axis (metres from the furnace's charging end). */
export const LINE = {
  furnace: { x0: 0, x1: 16, width: 6.5, height: 3.2 },
  forming: { x0: 17.5, x1: 21.5 },
  belt: { x0: 18, x1: 72, width: 1.8, height: 0.9 },
  lehr: { x0: 27, x1: 51, width: 3.4, height: 2.4 },
  inspection: { x0: 55, x1: 58 },
  /** Reject table beside the inspection gantry, where defective units are set aside. */
  reject: { x: 56.5, dz: 3.2 },
  /** Units leave the forming station here. */
  unitStartX: 21.5,
} as const;
/** Centre-to-centre distance of the lines. */
export const LINE_SPACING_M = 14;
/** Furnace zones per line (the zone sensors `zone1_temp` … of physics/glass/line-sensors.ts). */
export const DEFAULT_ZONES = 8;

/** Where one asset sits: centre on the floor, footprint and height (for selection boxes and camera focus). */
export interface AssetPlacement {
  readonly id: string;
  readonly kind: 'line' | 'machine';
  /** Machines: `motor`, `cooling_tower` …; lines: `line`. */
  readonly type: string;
  readonly x: number;
  readonly z: number;
  readonly sizeX: number;
  readonly sizeZ: number;
  readonly height: number;
}

/** Machine type of a fleet id: `cooling_tower_002` → `cooling_tower`. */
export function machineType(id: string): string {
  return id.replace(/_\d+$/, '');
}

/** Hall order of the machine types; unknown types follow, alphabetically. */
export const MACHINE_TYPES = ['motor', 'pump', 'compressor', 'cnc', 'fan', 'conveyor', 'hydraulic', 'cooling_tower'] as const;

/** Footprint (x, z) and height of each machine type, in metres. */
export const MACHINE_SIZE: Readonly<Record<string, readonly [number, number, number]>> = {
  motor: [1.8, 1.0, 1.3],
  pump: [2.4, 1.0, 1.5],
  compressor: [2.3, 1.4, 2.1],
  cnc: [2.8, 2.0, 2.4],
  fan: [2.0, 1.6, 2.4],
  conveyor: [3.4, 1.8, 1.1],
  hydraulic: [2.0, 1.4, 1.9],
  cooling_tower: [3.3, 3.3, 4.3],
};
const DEFAULT_SIZE = [1.8, 1.2, 1.4] as const;

/** Machine hall: behind the lines, types in a 4-column grid of bays, machines in a row in each bay. */
export const HALL = { z0: 3 * LINE_SPACING_M + 2, bayWidthM: 22, bayDepthM: 9, gapM: 1.2, columns: 4 } as const;

function sortedTypes(ids: readonly string[]): string[] {
  const present = [...new Set(ids.map(machineType))];
  const known = MACHINE_TYPES.filter((t) => present.includes(t));
  const other = present.filter((t) => !(MACHINE_TYPES as readonly string[]).includes(t)).sort();
  return [...known, ...other];
}

/** Places machines: each type gets a bay; machines of a bay stand in a row, sorted by id. */
export function machineHallLayout(ids: readonly string[], z0: number = HALL.z0): AssetPlacement[] {
  const out: AssetPlacement[] = [];
  sortedTypes(ids).forEach((type, bay) => {
    const [sx, sz, h] = MACHINE_SIZE[type] ?? DEFAULT_SIZE;
    const col = bay % HALL.columns;
    const row = Math.floor(bay / HALL.columns);
    const members = ids.filter((id) => machineType(id) === type).sort();
    const pitch = sx + HALL.gapM;
    const bayX = col * HALL.bayWidthM + 2;
    members.forEach((id, i) => {
      out.push({ id, kind: 'machine', type, x: bayX + sx / 2 + i * pitch, z: z0 + row * HALL.bayDepthM + HALL.bayDepthM / 2, sizeX: sx, sizeZ: sz, height: h });
    });
  });
  return out;
}

/** Centre z of the line with this index. */
export function lineZ(index: number): number {
  return index * LINE_SPACING_M;
}

/** Bay rectangles of the hall (for floor markings and bay titles). */
export function hallBays(placements: readonly AssetPlacement[]): { type: string; x0: number; x1: number; z: number }[] {
  const byType = new Map<string, AssetPlacement[]>();
  for (const p of placements) if (p.kind === 'machine') byType.set(p.type, [...(byType.get(p.type) ?? []), p]);
  return [...byType].map(([type, ps]) => ({
    type,
    x0: Math.min(...ps.map((p) => p.x - p.sizeX / 2)) - 0.6,
    x1: Math.max(...ps.map((p) => p.x + p.sizeX / 2)) + 0.6,
    z: ps[0]!.z,
  }));
}

/** The whole plant: lines first (in topology order), then the hall. */
export function plantLayout(topology: SceneTopology | null): AssetPlacement[] {
  if (!topology) return [];
  const lines = topology.assets.filter((a) => a.kind === 'line');
  const linePlacements = lines.map((a, i): AssetPlacement => {
    const { x0 } = LINE.furnace;
    const x1 = LINE.belt.x1;
    return { id: a.id, kind: 'line', type: 'line', x: (x0 + x1) / 2, z: lineZ(i), sizeX: x1 - x0, sizeZ: LINE.furnace.width, height: LINE.furnace.height };
  });
  // More lines push the hall back so it never overlaps the last line and its reject table.
  const z0 = Math.max(HALL.z0, lineZ(lines.length - 1) + 12);
  const machines = machineHallLayout(topology.assets.filter((a) => a.kind === 'machine').map((a) => a.id), z0);
  return [...linePlacements, ...machines];
}

/** Number of furnace zones of a line: its `zoneN_temp` sensors. */
export function zoneCount(asset: SceneAsset): number {
  const n = asset.sensors.filter((s) => s.group === 'furnace' && /^zone\d+_temp$/.test(s.name)).length;
  return n > 0 ? n : DEFAULT_ZONES;
}

/** Bounding box of all placements: [minX, minZ, maxX, maxZ]. */
export function plantBounds(ps: readonly AssetPlacement[]): [number, number, number, number] {
  if (ps.length === 0) return [0, 0, 0, 0];
  return [
    Math.min(...ps.map((p) => p.x - p.sizeX / 2)),
    Math.min(...ps.map((p) => p.z - p.sizeZ / 2)),
    Math.max(...ps.map((p) => p.x + p.sizeX / 2)),
    Math.max(...ps.map((p) => p.z + p.sizeZ / 2)),
  ];
}
