/**
 * A graph as a Cypher script to paste into any Neo4j (Browser, cypher-shell): the schema statements,
 * then one MERGE per node and per edge, laid out as the Neo4j store lays them (neo4j-layout.ts), so the
 * store opens what the script made. A script file cannot carry parameters: values are literals here,
 * escaped below; labels and types come only from the closed kind lists.
 */
import type { GraphEdge, GraphNode, GraphSnapshot, PropValue } from './graph-model.ts';
import { edgeProperties, kindLabel, NODE_LABEL, nodeProperties, relationshipType, SCHEMA_CYPHER } from './neo4j-layout.ts';

const STRING_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f',
};

/** A Cypher string literal: backslash and quotes escaped, control characters as escapes. */
export function cypherString(s: string): string {
  return `'${s.replace(/[\\'"\n\r\t\b\f]|[\u0000-\u001f\u2028\u2029]/g, (c) => STRING_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
}

/**
 * A Cypher number literal. Whole numbers get `.0` so Neo4j stores a FLOAT, as the driver does for
 * every JS number; the exponent loses its `+`, which Cypher's grammar does not take.
 */
export function cypherNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`Cypher has no literal for ${n}`);
  const s = String(n).replace('e+', 'e');
  return /^-?\d+$/.test(s) ? `${s}.0` : s;
}

export function cypherValue(v: PropValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return cypherString(v);
  if (typeof v === 'number') return cypherNumber(v);
  return v ? 'true' : 'false';
}

/** A name in backticks (backticks doubled), whatever characters the name holds. */
export const cypherName = (name: string): string => `\`${name.replace(/`/g, '``')}\``;

const cypherMap = (m: Readonly<Record<string, PropValue>>): string =>
  `{${Object.entries(m).map(([k, v]) => `${cypherName(k)}: ${cypherValue(v)}`).join(', ')}}`;

const nodeStatement = (n: GraphNode): string =>
  `MERGE (n:${NODE_LABEL} {id: ${cypherString(n.id)}}) SET n:${kindLabel(n.kind)} SET n = ${cypherMap(nodeProperties(n))};`;

const edgeStatement = (e: GraphEdge): string =>
  `MATCH (a:${NODE_LABEL} {id: ${cypherString(e.from)}}), (b:${NODE_LABEL} {id: ${cypherString(e.to)}}) ` +
  `MERGE (a)-[r:${relationshipType(e.kind)} {id: ${cypherString(e.id)}}]->(b) SET r = ${cypherMap(edgeProperties(e))};`;

/** The script: schema first (idempotent), then nodes, then edges; running it twice changes nothing. */
export function toCypher(s: GraphSnapshot): string {
  return [
    '// Twinworks knowledge graph. Paste into Neo4j Browser or run: cypher-shell -f graph.cypher',
    ...SCHEMA_CYPHER.map((c) => `${c};`),
    ...s.nodes.map(nodeStatement),
    ...s.edges.map(edgeStatement),
    '',
  ].join('\n');
}
