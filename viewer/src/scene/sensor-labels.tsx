/**
 * Sensor-label overlay: live value, unit and status anchored to each station and machine. The text is
 * written into the label's DOM node at 4 Hz, never through React state, so a tick costs no render.
 */
import { SceneHtml as Html } from './scene-html.tsx';
import { useMemo, useRef } from 'react';
import { statusCss } from './colors.ts';
import { LINE_LABELS, machineLabelSensors, sensorLine, worstStatus } from './label-format.ts';
import { stationLabelAnchor } from './overlay-targets.ts';
import type { AssetPlacement } from './plant-layout.ts';
import type { SceneSensor, SceneTopology } from './scene-data.ts';
import { useThrottledFrame } from './scene-frame.tsx';
import { tagStyle } from './tag-style.ts';

/** One label: a title and the sensors it shows. */
export interface LabelSpec {
  readonly key: string;
  readonly title: string;
  readonly position: readonly [number, number, number];
  readonly sensors: readonly SceneSensor[];
  /** Machine labels are many and small: a smaller type keeps the hall readable. */
  readonly compact: boolean;
}

/** Labels of the plant: one per line station, one per machine. */
export function labelSpecs(topology: SceneTopology, placements: readonly AssetPlacement[]): LabelSpec[] {
  const out: LabelSpec[] = [];
  const lines = topology.assets.filter((a) => a.kind === 'line');
  lines.forEach((line, i) => {
    for (const [group, names] of Object.entries(LINE_LABELS)) {
      const sensors = names.map((n) => line.sensors.find((s) => s.group === group && s.name === n)).filter((s) => s !== undefined);
      if (sensors.length) out.push({ key: `${line.id}.${group}`, title: `${line.id} · ${group}`, position: stationLabelAnchor(group, i), sensors, compact: false });
    }
  });
  for (const a of topology.assets) {
    const p = placements.find((q) => q.id === a.id && q.kind === 'machine');
    if (!p) continue;
    const ids = machineLabelSensors(a);
    const sensors = a.sensors.filter((s) => ids.includes(s.id));
    if (sensors.length) out.push({ key: a.id, title: a.id, position: [p.x, p.height + 0.9, p.z], sensors, compact: true });
  }
  return out;
}

/** All labels; each updates its own DOM text at 4 Hz. */
export function SensorLabels({ topology, placements }: { topology: SceneTopology; placements: readonly AssetPlacement[] }) {
  const specs = useMemo(() => labelSpecs(topology, placements), [topology, placements]);
  const nodes = useRef<(HTMLDivElement | null)[]>([]);
  useThrottledFrame(4, (f) => {
    specs.forEach((spec, i) => {
      const el = nodes.current[i];
      if (!el) return;
      const values = spec.sensors.map((s) => f.state.latest[s.id]);
      const text = `${spec.title}\n${spec.sensors.map((s, k) => sensorLine(s.name, s.unit, values[k])).join('\n')}`;
      if (el.textContent !== text) el.textContent = text;
      const colour = statusCss(worstStatus(values));
      if (el.dataset['colour'] !== colour) {
        el.dataset['colour'] = colour;
        el.style.borderColor = colour;
      }
    });
  });
  return (
    <group>
      {specs.map((spec, i) => (
        <Html key={spec.key} position={spec.position as [number, number, number]} center zIndexRange={[20, 10]} style={{ pointerEvents: 'none' }}>
          <div
            ref={(el) => {
              nodes.current[i] = el;
            }}
            style={spec.compact ? { ...tagStyle('#5ee29a'), fontSize: 9, padding: '1px 4px' } : tagStyle('#5ee29a')}
            data-testid="sensor-label"
          >
            {spec.title}
          </div>
        </Html>
      ))}
    </group>
  );
}
