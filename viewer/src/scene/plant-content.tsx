/** Everything drawn for a known topology: equipment, units, overlays, outlines and titles. */
import type { ThreeEvent } from '@react-three/fiber';
import { useLayoutEffect, useMemo } from 'react';
import { BeltMotion } from './belt-motion.tsx';
import { DefectMarkers, PredictedDefectMarkers } from './defect-markers.tsx';
import { GlassLines } from './glass-lines.tsx';
import { GlassUnits } from './glass-units.tsx';
import { MachineHall } from './machine-hall.tsx';
import { createMaterials, disposeMaterials } from './materials.ts';
import type { AssetPlacement } from './plant-layout.ts';
import { RecommendationHighlights } from './recommendation-highlights.tsx';
import type { OverlayToggles, SceneDataSource, SceneTopology } from './scene-data.ts';
import { SelectionOutlines } from './selection.tsx';
import { SensorLabels } from './sensor-labels.tsx';
import { Titles } from './titles.tsx';

interface Props {
  readonly data: SceneDataSource;
  readonly topology: SceneTopology;
  readonly placements: readonly AssetPlacement[];
  readonly overlays: OverlayToggles;
  readonly selected: string | null;
  readonly focused: string | null;
  readonly onPick: (assetId: string) => void;
}

/** The plant for one topology. */
export function PlantContent({ data, topology, placements, overlays, selected, focused, onPick }: Props) {
  const materials = useMemo(createMaterials, []);
  useLayoutEffect(() => () => disposeMaterials(materials), [materials]);
  const lines = useMemo(() => topology.assets.filter((a) => a.kind === 'line'), [topology]);
  const pick = (e: ThreeEvent<MouseEvent>, id: string) => {
    // The nearest hit wins; without this the click would also select whatever is behind.
    e.stopPropagation();
    onPick(id);
  };
  return (
    <group>
      <GlassLines lines={lines} materials={materials} heatMap={overlays.heatMap} onPick={pick} />
      <GlassUnits lines={lines} materials={materials} />
      <MachineHall placements={placements} materials={materials} onPick={pick} />
      {overlays.beltMotion && <BeltMotion lines={lines} />}
      {overlays.defectMarkers && <DefectMarkers lines={lines} />}
      {overlays.predictedDefects && <PredictedDefectMarkers lines={lines} />}
      {overlays.recommendations && <RecommendationHighlights data={data} placements={placements} topology={topology} />}
      {overlays.sensorLabels && <SensorLabels topology={topology} placements={placements} />}
      <SelectionOutlines placements={placements} selected={selected} focused={focused} />
      <Titles placements={placements} />
    </group>
  );
}
