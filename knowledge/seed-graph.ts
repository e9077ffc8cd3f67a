/**
 * The graph a plant starts with: the knowledge file's line section instantiated for every glass
 * line (only the sensors the line has), and every machine's failure modes with the sensor edges its
 * profile's equations imply (profile-edges.ts). Pure and deterministic: the same plant and file
 * give the same snapshot, so seeding a store twice changes nothing.
 */
import type { SensorChannel } from '../physics/model.ts';
import type { MachineProfile } from '../physics/machines/profile.ts';
import { DEFECT_TYPES } from '../physics/model.ts';
import { betaOf, edgeId, type EdgeKind, type GraphEdge, type GraphNode, type GraphSnapshot, type NodeKind, type Props } from './graph-model.ts';
import type { KnowledgeFile } from './knowledge-file.ts';
import { modeSignatures } from './profile-edges.ts';

/** What seeding needs to know of the plant: its sensors (engine.layout.sensors) and each machine's profile. */
export interface KnowledgePlant {
  readonly sensors: readonly SensorChannel[];
  readonly machines: readonly { readonly id: string; readonly profile: MachineProfile }[];
}

/** How sure an edge read off a profile's equations is: they are the simulator's own physics, not a guess. */
export const PROFILE_EDGE_CONFIDENCE = 0.9;

export const variableId = (asset: string, name: string): string => `variable:${asset}.${name}`;
export const sensorNodeId = (sensorId: string): string => `sensor:${sensorId}`;
export const defectId = (type: string): string => `defect:${type}`;
export const failureModeId = (machine: string, mode: string): string => `failure:${machine}.${mode}`;
export const equipmentId = (asset: string, name: string): string => `equipment:${asset}.${name}`;
export const interventionId = (asset: string, name: string): string => `intervention:${asset}.${name}`;

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[a-z0-9_]*')}$`);
}

export function seedGraph(file: KnowledgeFile, plant: KnowledgePlant): GraphSnapshot {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const node = (id: string, kind: NodeKind, label: string, props: Props = {}) => nodes.set(id, { id, kind, label, props });
  const edge = (kind: EdgeKind, from: string, to: string, props: Props = {}) => {
    const id = edgeId(kind, from, to);
    edges.set(id, { id, kind, from, to, props });
  };
  for (const d of DEFECT_TYPES) node(defectId(d), 'DefectType', d.replace('_', ' '), { defect: d });

  const lines = [...new Set(plant.sensors.filter((s) => s.assetKind === 'line').map((s) => s.asset))].sort();
  for (const line of lines) {
    const sensors = plant.sensors.filter((s) => s.asset === line);
    for (const v of file.line.variables) {
      const vid = variableId(line, v.name);
      node(vid, 'Variable', `${line} ${v.label}`, { asset: line, name: v.name, unit: v.unit, setpoint: v.setpoint ? `${line}.${v.setpoint}` : null });
      for (const m of v.sensors) {
        const re = globToRegExp(m.sensor);
        for (const s of sensors.filter((c) => re.test(`${c.group}.${c.name}`))) {
          node(sensorNodeId(s.id), 'Sensor', s.id, { asset: line, sensor: s.id, unit: s.unit, noiseStd: s.noise.std });
          edge('MEASURES', sensorNodeId(s.id), vid, { sign: m.sign });
        }
      }
    }
    const to = (t: string) => (t.startsWith('defect:') ? t : variableId(line, t));
    for (const c of file.line.causes) {
      edge('CAUSES', variableId(line, c.from), to(c.to), {
        mechanism: c.mechanism,
        sign: c.sign,
        lagMinS: c.lagS[0]!,
        lagMaxS: c.lagS[1]!,
        ...betaOf(c.confidence),
        source: 'plant-table',
        threshold: c.threshold ?? null,
      });
    }
    for (const n of file.line.noImpact) edge('NO_IMPACT', variableId(line, n.from), n.to, { note: n.note, source: 'plant-table' });
    for (const e of file.line.equipment) {
      node(equipmentId(line, e.name), 'Equipment', `${line} ${e.label}`, { asset: line, name: e.name });
      edge('CONTROLS', equipmentId(line, e.name), variableId(line, e.controls), { responseMinS: e.responseTimeS[0]!, responseMaxS: e.responseTimeS[1]! });
    }
    for (const iv of file.line.interventions) {
      const id = interventionId(line, iv.name);
      node(id, 'Intervention', iv.label, {
        asset: line,
        name: iv.name,
        actsOn: variableId(line, iv.actsOn),
        when: iv.when,
        setpoint: iv.change ? `${line}.${iv.change.setpoint}` : null,
        deltaMin: iv.change?.delta[0] ?? null,
        deltaMax: iv.change?.delta[1] ?? null,
        relative: iv.change?.relative ?? null,
      });
      edge('MITIGATES', id, defectId(iv.mitigates), { expectedEffect: iv.expectedEffect, implementationMinS: iv.implementationTimeS[0]!, implementationMaxS: iv.implementationTimeS[1]! });
    }
  }

  for (const m of [...plant.machines].sort((a, b) => a.id.localeCompare(b.id))) {
    const channels = new Map(plant.sensors.filter((s) => s.asset === m.id).map((s) => [s.name, s]));
    for (const s of channels.values()) {
      const vid = variableId(m.id, s.name);
      node(vid, 'Variable', `${m.id} ${s.name.replaceAll('_', ' ')}`, { asset: m.id, name: s.name, unit: s.unit, setpoint: null });
      node(sensorNodeId(s.id), 'Sensor', s.id, { asset: m.id, sensor: s.id, unit: s.unit, noiseStd: s.noise.std });
      edge('MEASURES', sensorNodeId(s.id), vid, { sign: 1 });
    }
    for (const sig of modeSignatures(m.profile)) {
      const fid = failureModeId(m.id, sig.mode);
      node(fid, 'FailureMode', `${m.id} ${sig.mode.replaceAll('_', ' ')}`, { asset: m.id, mode: sig.mode, profile: m.profile.type, description: sig.description });
      for (const e of sig.effects) {
        if (!channels.has(e.sensor)) continue;
        edge('CAUSES', fid, variableId(m.id, e.sensor), {
          mechanism: `${sig.mode.replaceAll('_', ' ')} moves ${e.sensor} (${m.profile.source} equations)`,
          sign: e.sign,
          lagMinS: 0,
          lagMaxS: 0,
          ...betaOf(PROFILE_EDGE_CONFIDENCE),
          source: 'profile',
          threshold: null,
          sigmas: Number(e.sigmas.toFixed(3)),
        });
      }
      const iid = interventionId(m.id, `maintain_${sig.mode}`);
      node(iid, 'Intervention', `plan maintenance for ${sig.mode.replaceAll('_', ' ')} on ${m.id}`, { asset: m.id, name: `maintain_${sig.mode}`, actsOn: fid, when: 'the failure mode is the diagnosis', setpoint: null, deltaMin: null, deltaMax: null, relative: null });
      edge('MITIGATES', iid, fid, { expectedEffect: -1, implementationMinS: 3600, implementationMaxS: 4 * 3600 });
    }
  }
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { nodes: [...nodes.values()].sort(byId), edges: [...edges.values()].sort(byId) };
}
