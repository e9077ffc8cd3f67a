/**
 * A small plant's causal graph for the store contract, every id under a namespace of its own so that
 * the tests of one suite share one database without meeting:
 *
 *   sensor:TT1 -MEASURES-> furnace_temp;  burner -CONTROLS-> furnace_temp
 *   burner_fouling -CAUSES-> furnace_temp -CAUSES-> viscosity -CAUSES-> bubble;  furnace_temp -CAUSES-> bubble
 *   belt_speed -CAUSES-> cooling_rate -CAUSES-> crack;  belt_speed -CAUSES-> tension -CAUSES-> crack (a tie)
 *   belt_speed -NO_IMPACT-> bubble;  lower_temp -MITIGATES-> bubble
 */
import { edgeId, type EdgeKind, type GraphEdge, type GraphNode, type GraphSnapshot, type NodeKind, type Props } from './graph-model.ts';

export interface PlantFixture extends GraphSnapshot {
  /** The namespaced node id of a short name: `id('crack')` → `defect:ns/crack`. */
  readonly id: (name: string) => string;
  /** The id of the edge of `kind` between two short names. */
  readonly edge: (kind: EdgeKind, from: string, to: string) => string;
}

const NODES: readonly [string, NodeKind, string, string][] = [
  ['TT1', 'Sensor', 'sensor', 'furnace thermocouple TT1'],
  ['furnace_temp', 'Variable', 'variable', 'furnace temperature'],
  ['viscosity', 'Variable', 'variable', 'melt viscosity'],
  ['cooling_rate', 'Variable', 'variable', 'cooling rate'],
  ['tension', 'Variable', 'variable', 'ribbon tension'],
  ['belt_speed', 'Variable', 'variable', 'belt speed'],
  ['crack', 'DefectType', 'defect', 'crack'],
  ['bubble', 'DefectType', 'defect', 'bubble'],
  ['burner_fouling', 'FailureMode', 'failure', 'burner fouling'],
  ['burner', 'Equipment', 'equipment', 'burner'],
  ['lower_temp', 'Intervention', 'intervention', 'lower the furnace setpoint'],
];

/** CausesProps with a Beta(α, β) belief. */
export const causesProps = (alpha: number, beta: number, mechanism = 'heat'): Props => ({
  mechanism, sign: 1, lagMinS: 60, lagMaxS: 600, alpha, beta, source: 'plant-table', threshold: null,
});

/** The plant graph under namespace `ns`; the tension edges come before the cooling ones, so a tie is not won by insertion order. */
export function plantFixture(ns: string): PlantFixture {
  const ids = new Map(NODES.map(([name, , prefix]) => [name, `${prefix}:${ns}/${name}`]));
  const id = (name: string): string => {
    const full = ids.get(name);
    if (!full) throw new Error(`no fixture node ${name}`);
    return full;
  };
  const edge = (kind: EdgeKind, from: string, to: string): string => edgeId(kind, id(from), id(to));
  const e = (kind: EdgeKind, from: string, to: string, props: Props = {}): GraphEdge => ({ id: edge(kind, from, to), kind, from: id(from), to: id(to), props });
  const sensorProps: Props = { unit: '°C', rangeMax: 1800 };
  const nodes: GraphNode[] = NODES.map(([name, kind, , label]) => ({ id: id(name), kind, label, props: kind === 'Sensor' ? sensorProps : {} }));
  const edges: GraphEdge[] = [
    e('CAUSES', 'belt_speed', 'tension', causesProps(6, 4, 'pull')),
    e('CAUSES', 'tension', 'crack', causesProps(7, 3, 'stress')),
    e('CAUSES', 'belt_speed', 'cooling_rate', causesProps(5, 5, 'dwell')),
    e('CAUSES', 'cooling_rate', 'crack', causesProps(8, 2, 'thermal stress')),
    e('CAUSES', 'burner_fouling', 'furnace_temp', causesProps(4, 6, 'soot')),
    e('CAUSES', 'furnace_temp', 'viscosity', causesProps(9, 1, 'Arrhenius')),
    e('CAUSES', 'viscosity', 'bubble', causesProps(6, 4, 'fining')),
    e('CAUSES', 'furnace_temp', 'bubble', causesProps(7, 3, 'boil')),
    e('MEASURES', 'TT1', 'furnace_temp'),
    e('CONTROLS', 'burner', 'furnace_temp', { responseTimeS: 120 }),
    e('NO_IMPACT', 'belt_speed', 'bubble'),
    e('MITIGATES', 'lower_temp', 'bubble', { expectedEffect: 'fewer bubbles', implementationTimeS: 900 }),
  ];
  return { nodes, edges, id, edge };
}
