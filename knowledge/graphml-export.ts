/**
 * A graph as GraphML (http://graphml.graphdrawing.org/specification.html), for yEd, Gephi, Cytoscape
 * and networkx. Nodes and edges get keys `kind` and `label` (nodes) and one key per prop name,
 * `p_<name>` as in Neo4j (neo4j-layout.ts), typed boolean or double when every value of that prop
 * is, else string. A null prop is left out: GraphML has no null.
 */
import type { GraphNode, GraphEdge, GraphSnapshot, Props } from './graph-model.ts';

// XML 1.0 normalizes line ends in text and tab and line ends in attributes to spaces: written as
// character references they come back as they were.
const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = { ...TEXT_ESCAPES, '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;' };

export const xmlText = (s: string): string => s.replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]!);
export const xmlAttribute = (s: string): string => s.replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c]!);

type KeyType = 'boolean' | 'double' | 'string';
interface Key { readonly id: string; readonly name: string; readonly type: KeyType }

/** One key per prop name of nodes (or edges), in name order. */
function propKeys(items: readonly { readonly props: Props }[], prefix: string): Map<string, Key> {
  const types = new Map<string, Set<string>>();
  for (const item of items) {
    for (const [name, v] of Object.entries(item.props)) {
      if (!types.has(name)) types.set(name, new Set());
      if (v !== null) types.get(name)!.add(typeof v);
    }
  }
  const keys = new Map<string, Key>();
  [...types.keys()].sort().forEach((name, i) => {
    const seen = types.get(name)!;
    const type: KeyType = seen.size === 1 && seen.has('boolean') ? 'boolean' : seen.size === 1 && seen.has('number') ? 'double' : 'string';
    keys.set(name, { id: `${prefix}${i}`, name: `p_${name}`, type });
  });
  return keys;
}

const keyLine = (k: Key, domain: 'node' | 'edge'): string =>
  `  <key id="${k.id}" for="${domain}" attr.name="${xmlAttribute(k.name)}" attr.type="${k.type}"/>`;
const dataLine = (key: string, value: string): string => `      <data key="${key}">${xmlText(value)}</data>`;

function propData(props: Props, keys: Map<string, Key>): string[] {
  return Object.entries(props).flatMap(([name, v]) => (v === null ? [] : [dataLine(keys.get(name)!.id, String(v))]));
}

/** GraphML of a snapshot, UTF-8, nodes and edges in the snapshot's order. */
export function toGraphml(s: GraphSnapshot): string {
  const nodeKeys = propKeys(s.nodes, 'np');
  const edgeKeys = propKeys(s.edges, 'ep');
  const node = (n: GraphNode): string[] => [
    `    <node id="${xmlAttribute(n.id)}">`,
    dataLine('kind', n.kind),
    dataLine('label', n.label),
    ...propData(n.props, nodeKeys),
    '    </node>',
  ];
  const edge = (e: GraphEdge): string[] => [
    `    <edge id="${xmlAttribute(e.id)}" source="${xmlAttribute(e.from)}" target="${xmlAttribute(e.to)}">`,
    dataLine('edge_kind', e.kind),
    ...propData(e.props, edgeKeys),
    '    </edge>',
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '  xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    ...[...nodeKeys.values()].map((k) => keyLine(k, 'node')),
    '  <key id="edge_kind" for="edge" attr.name="kind" attr.type="string"/>',
    ...[...edgeKeys.values()].map((k) => keyLine(k, 'edge')),
    '  <graph id="knowledge" edgedefault="directed">',
    ...s.nodes.flatMap(node),
    ...s.edges.flatMap(edge),
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}
