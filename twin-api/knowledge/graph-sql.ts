/**
 * The knowledge graph's rows in the history database (migration 7: kg_nodes, kg_edges). A write is
 * one statement per table with the rows as one JSON parameter, whatever the batch size.
 */
import type { GraphChanges } from '../../knowledge/graph-changes.ts';
import type { EdgeKind, GraphSnapshot, NodeKind, Props } from '../../knowledge/graph-model.ts';
import type { SqlClient } from '../store/sql-client.ts';

const PUT_NODES = `
INSERT INTO kg_nodes (id, kind, label, props)
SELECT n->>'id', n->>'kind', n->>'label', n->'props' FROM jsonb_array_elements($1::text::jsonb) AS x(n)
ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, label = EXCLUDED.label, props = EXCLUDED.props`;

const PUT_EDGES = `
INSERT INTO kg_edges (id, kind, from_id, to_id, props)
SELECT e->>'id', e->>'kind', e->>'from', e->>'to', e->'props' FROM jsonb_array_elements($1::text::jsonb) AS x(e)
ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, from_id = EXCLUDED.from_id, to_id = EXCLUDED.to_id, props = EXCLUDED.props`;

const DELETE_EDGES = `DELETE FROM kg_edges WHERE id = ANY($1::text[])`;

const NODES = `SELECT id, kind, label, props FROM kg_nodes`;
const EDGES = `SELECT id, kind, from_id, to_id, props FROM kg_edges`;

/** Writes a plan's changes on `tx` (one transaction): nodes first, their edges after. */
export async function saveChanges(tx: SqlClient, c: GraphChanges): Promise<void> {
  if (c.nodes.length > 0) await tx.query(PUT_NODES, [JSON.stringify(c.nodes)]);
  if (c.removedEdges.length > 0) await tx.query(DELETE_EDGES, [c.removedEdges]);
  if (c.edges.length > 0) await tx.query(PUT_EDGES, [JSON.stringify(c.edges)]);
}

interface NodeRow { id: string; kind: string; label: string; props: Props }
interface EdgeRow { id: string; kind: string; from_id: string; to_id: string; props: Props }

/**
 * The tables as a snapshot, read in one transaction. Unchecked and unsorted: the memory store it is
 * loaded into checks and sorts it (a row edited by hand into something the kinds forbid is refused there).
 */
export async function loadSnapshot(db: SqlClient): Promise<GraphSnapshot> {
  return db.transaction(async (tx) => {
    const nodes = await tx.query<NodeRow>(NODES);
    const edges = await tx.query<EdgeRow>(EDGES);
    return {
      nodes: nodes.map((r) => ({ id: r.id, kind: r.kind as NodeKind, label: r.label, props: r.props })),
      edges: edges.map((r) => ({ id: r.id, kind: r.kind as EdgeKind, from: r.from_id, to: r.to_id, props: r.props })),
    };
  });
}
