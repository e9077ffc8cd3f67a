import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from './graph-model.ts';
import { edgeFrom, edgeProperties, kindLabel, nodeFrom, nodeProperties, relationshipType, SCHEMA_CYPHER } from './neo4j-layout.ts';

const node: GraphNode = { id: 'variable:Line_A.furnace_temp', kind: 'Variable', label: 'furnace "temp" \\ ü', props: { note: 'x', threshold: null, n: 3, on: false } };
const edge: GraphEdge = {
  id: 'CAUSES:variable:a->defect:b', kind: 'CAUSES', from: 'variable:a', to: 'defect:b',
  props: { alpha: 8.5, beta: 1.5, lagMaxS: 600, lagMinS: 60, mechanism: 'm', sign: -1, source: 'plant-table', threshold: null },
};

describe('Neo4j layout', () => {
  it('reads back exactly the node and edge it lays out, null props included (Neo4j itself drops nulls)', () => {
    expect(nodeFrom(nodeProperties(node))).toEqual(node);
    expect(edgeFrom('CAUSES', 'variable:a', 'defect:b', edgeProperties(edge))).toEqual(edge);
  });

  it('flattens non-null props as p_<name> for people querying in Cypher, beside the JSON text the store reads', () => {
    expect(nodeProperties(node)).toEqual({
      id: node.id, kind: 'Variable', label: node.label, props: JSON.stringify(node.props), p_note: 'x', p_n: 3, p_on: false,
    });
    expect(edgeProperties(edge)).not.toHaveProperty('p_threshold');
  });

  it('reads a node written by hand with only flattened props', () => {
    expect(nodeFrom({ id: 'sensor:s', kind: 'Sensor', label: 's', p_unit: '°C' })).toEqual({ id: 'sensor:s', kind: 'Sensor', label: 's', props: { unit: '°C' } });
  });

  it('takes labels and types only from the kind lists', () => {
    expect(kindLabel('Variable')).toBe('Variable');
    expect(relationshipType('CAUSES')).toBe('CAUSES');
    expect(() => kindLabel('Variable) DETACH DELETE (x')).toThrow(/not a node kind/);
    expect(() => relationshipType('KNOWS')).toThrow(/not an edge kind/);
    expect(() => nodeFrom({ id: 'x', kind: 'Person', label: 'x', props: '{}' })).toThrow();
  });

  it('creates its schema only if it is not there', () => {
    expect(SCHEMA_CYPHER.every((s) => / IF NOT EXISTS /.test(s))).toBe(true);
    expect(SCHEMA_CYPHER[0]).toBe('CREATE CONSTRAINT kg_node_id IF NOT EXISTS FOR (n:KgNode) REQUIRE n.id IS UNIQUE');
    expect(SCHEMA_CYPHER).toContain('CREATE INDEX kg_edge_id_causes IF NOT EXISTS FOR ()-[r:CAUSES]-() ON (r.id)');
  });
});
