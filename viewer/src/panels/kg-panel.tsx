/**
 * The causal knowledge graph around a symptom or an asset's node, drawn by sigma (WebGL) in the
 * layered layout of kg-layout.ts, with a root-cause answer's path highlighted when opened from an
 * RCA card. The shell loads this file on demand: sigma and graphology stay out of the main bundle.
 */
import '@react-sigma/core/lib/style.css';
import './kg-panel.css';
import { SigmaContainer, useLoadGraph, useRegisterEvents } from '@react-sigma/core';
import Graph from 'graphology';
import { useEffect, useMemo, useState } from 'react';
import type { KgEdge, KgNode, KgSubgraph } from '../../../protocol/knowledge.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { uiStore, useUi } from '../shell/ui-store.ts';
import { layoutKg } from './kg-layout.ts';
import { edgeLook, edgeRows, fade, forAsset, NODE_STYLE, nodeRows, pathElements, subgraphUrl, type KgFocus } from './kg-logic.ts';
import { NODE_PROGRAMS } from './kg-programs.ts';

type Picked = { readonly type: 'node' | 'edge'; readonly id: string } | null;

/** The graphology graph sigma draws: positions from the layout, looks from kg-logic. */
function buildGraph(g: KgSubgraph, hl: { edges: Set<string>; nodes: Set<string> }): Graph {
  const graph = new Graph({ multi: true, type: 'directed' });
  const at = layoutKg(g.nodes, g.edges);
  const some = hl.nodes.size > 0 || hl.edges.size > 0;
  for (const n of g.nodes) {
    const st = NODE_STYLE[n.kind];
    const p = at.get(n.id)!;
    const on = hl.nodes.has(n.id);
    graph.addNode(n.id, { x: p.x, y: p.y, label: n.label, size: on ? st.size * 1.4 : st.size, color: some && !on ? fade(st.color, 0.35) : st.color, type: st.shape, highlighted: on, zIndex: on ? 2 : 1 });
  }
  for (const e of g.edges) {
    if (!graph.hasNode(e.from) || !graph.hasNode(e.to)) continue;
    const look = edgeLook(e, some ? hl.edges : null);
    graph.addDirectedEdgeWithKey(e.id, e.from, e.to, { ...look, type: 'arrow', zIndex: hl.edges.has(e.id) ? 2 : 1 });
  }
  return graph;
}

function LoadGraph({ graph, onPick, onHover }: { graph: Graph; onPick: (p: Picked) => void; onHover: (p: Picked) => void }) {
  const load = useLoadGraph();
  const register = useRegisterEvents();
  useEffect(() => load(graph), [load, graph]);
  useEffect(() => {
    register({
      clickNode: (e) => onPick({ type: 'node', id: e.node }),
      clickEdge: (e) => onPick({ type: 'edge', id: e.edge }),
      clickStage: () => onPick(null),
      enterNode: (e) => onHover({ type: 'node', id: e.node }),
      leaveNode: () => onHover(null),
      enterEdge: (e) => onHover({ type: 'edge', id: e.edge }),
      leaveEdge: () => onHover(null),
    });
  }, [register, onPick, onHover]);
  return null;
}

function Details({ g, picked }: { g: KgSubgraph; picked: Picked }) {
  const nodes = useMemo(() => new Map(g.nodes.map((n) => [n.id, n])), [g]);
  const label = (id: string) => nodes.get(id)?.label ?? id;
  let rows: [string, string][] | null = null;
  let head = '';
  if (picked?.type === 'node') {
    const n = nodes.get(picked.id);
    if (n) [rows, head] = [nodeRows(n), n.label];
  } else if (picked?.type === 'edge') {
    const e = g.edges.find((x) => x.id === picked.id);
    if (e) [rows, head] = [edgeRows(e, label), `${label(e.from)} → ${label(e.to)}`];
  }
  if (!rows) return <p className="muted small" data-testid="kg-details">Hover or click a node or an edge for its properties.</p>;
  return (
    <div className="kg-details" data-testid="kg-details" data-picked={picked!.id}>
      <strong>{head}</strong>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k} className="kg-row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

const DEFAULT_FOCUS = (asset: string | null): KgFocus => ({ node: 'defect:crack', asset, depth: 2, path: [], cause: null, title: null });

/** The knowledge graph view: pick a node and an asset, see its causal neighbourhood, inspect nodes and edges. */
export function KgPanel() {
  const rt = useRuntime();
  const lines = useTwin((s) => (s.topology?.assets ?? []).filter((a) => a.kind === 'line').map((a) => a.id).join(','));
  const stored = useUi((s) => s.kgFocus);
  const focus = stored ?? DEFAULT_FOCUS(lines.split(',')[0] || null);
  const [data, setData] = useState<{ url: string; g: KgSubgraph } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<Picked>(null);
  const [hovered, setHovered] = useState<Picked>(null);
  const [nodeText, setNodeText] = useState(focus.node);
  const url = subgraphUrl(focus);
  useEffect(() => setNodeText(focus.node), [focus.node]);
  useEffect(() => {
    let live = true;
    setError(null);
    rt.rest.get<KgSubgraph>(url).then(
      (g) => live && setData({ url, g }),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [rt.rest, url]);
  const shown = useMemo(() => (data ? forAsset(data.g, focus.asset) : null), [data, focus.asset]);
  const hl = useMemo(() => (shown ? pathElements(shown, focus.path, focus.cause) : { edges: new Set<string>(), nodes: new Set<string>() }), [shown, focus.path, focus.cause]);
  const graph = useMemo(() => (shown ? buildGraph(shown, hl) : null), [shown, hl]);
  const set = (change: Partial<KgFocus>) => uiStore.setState({ kgFocus: { ...focus, path: [], cause: null, title: null, ...change } });
  const settings = useMemo(
    () => ({ nodeProgramClasses: NODE_PROGRAMS, defaultEdgeType: 'arrow', enableEdgeEvents: true, zIndex: true, labelColor: { color: '#e6edf3' }, labelSize: 11, labelRenderedSizeThreshold: 7, renderEdgeLabels: false }),
    [],
  );
  const nodeById = useMemo(() => new Map((shown?.nodes ?? []).map((n: KgNode) => [n.id, n])), [shown]);
  const pathText = shown && hl.edges.size > 0
    ? focus.path.filter((id) => hl.edges.has(id)).map((id) => shown.edges.find((e: KgEdge) => e.id === id)!).map((e, i) => `${i === 0 ? `${nodeById.get(e.from)?.label ?? e.from} → ` : ''}${nodeById.get(e.to)?.label ?? e.to}`).join(' → ')
    : null;
  return (
    <section className="panel kg-panel" data-testid="kg-panel" aria-label="Knowledge graph">
      <h2>Knowledge graph</h2>
      {focus.title ? <p className="small" data-testid="kg-title">{focus.title}</p> : null}
      <form className="kg-form" onSubmit={(e) => { e.preventDefault(); set({ node: nodeText.trim() || focus.node }); }}>
        <label>
          Around <input value={nodeText} onChange={(e) => setNodeText(e.target.value)} data-testid="kg-node" size={28} aria-label="Node id (defect:crack, variable:Line_A.furnace_temp, sensor:…)" />
        </label>
        <label>
          Asset{' '}
          <select value={focus.asset ?? ''} onChange={(e) => set({ asset: e.target.value || null })} data-testid="kg-asset">
            <option value="">all</option>
            {lines.split(',').filter(Boolean).map((l) => <option key={l} value={l}>{l}</option>)}
            {focus.asset && !lines.split(',').includes(focus.asset) ? <option value={focus.asset}>{focus.asset}</option> : null}
          </select>
        </label>
        <label>
          Depth{' '}
          <select value={focus.depth} onChange={(e) => set({ depth: Number(e.target.value) })} data-testid="kg-depth">
            {[1, 2, 3, 4].map((d) => <option key={d} value={d}>{d}</option>)}
            {focus.depth > 4 ? <option value={focus.depth}>{focus.depth}</option> : null}
          </select>
        </label>
        <button className="btn btn-small" type="submit">Show</button>
      </form>
      <ul className="kg-legend" aria-label="Legend">
        {Object.entries(NODE_STYLE).filter(([k]) => k !== 'Deviation').map(([k, st]) => (
          <li key={k}><span className={`kg-mark kg-${st.shape}`} style={{ background: st.color }} aria-hidden="true" />{k}</li>
        ))}
        <li><span className="kg-line" style={{ background: 'rgb(220,38,38)' }} aria-hidden="true" />causes, same sign</li>
        <li><span className="kg-line" style={{ background: 'rgb(37,99,235)' }} aria-hidden="true" />causes, opposite sign</li>
      </ul>
      {error ? <p className="error" role="alert">Knowledge graph: {error}</p> : null}
      {!graph || !shown ? (
        !error ? <p className="muted small">Loading the graph…</p> : null
      ) : (
        <div className="kg-body">
          <div className="kg-canvas" data-testid="kg-graph" data-node-count={shown.nodes.length} data-edge-count={shown.edges.length} data-highlighted={[...hl.edges].join(' ')}>
            <SigmaContainer settings={settings} style={{ height: '100%', width: '100%' }}>
              <LoadGraph graph={graph} onPick={setPicked} onHover={setHovered} />
            </SigmaContainer>
          </div>
          {pathText ? <p className="small" data-testid="kg-path"><strong>Path:</strong> {pathText}</p> : null}
          <label className="small">
            Node{' '}
            <select value={picked?.type === 'node' ? picked.id : ''} onChange={(e) => setPicked(e.target.value ? { type: 'node', id: e.target.value } : null)} data-testid="kg-pick">
              <option value="">—</option>
              {shown.nodes.map((n) => <option key={n.id} value={n.id}>{n.label}</option>)}
            </select>
          </label>
          <Details g={shown} picked={hovered ?? picked} />
        </div>
      )}
    </section>
  );
}
