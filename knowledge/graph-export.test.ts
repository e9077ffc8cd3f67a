import { describe, expect, it } from 'vitest';
import { cypherNumber, cypherString } from './cypher-export.ts';
import { exportGraph } from './graph-export.ts';
import { EDGE_KINDS, NODE_KINDS, type GraphEdge, type GraphNode, type GraphSnapshot, type PropValue, type Props } from './graph-model.ts';
import { plantFixture } from './graph-store-fixture.test-helper.ts';
import { MemoryGraphStore } from './memory-graph-store.ts';
import { childrenNamed, parseXml, textOf, type XmlElement } from './xml-check.test-helper.ts';

const NASTY = `O'Brien "quoted" \\ back\\slash <tag> & &amp; \t tab\nnew line\r\ncrlf ü 😀 '}) DETACH DELETE n //`;

/** The plant graph with text that every format must escape, in ids, labels and props. */
function nastyGraph(): GraphSnapshot {
  const f = plantFixture('export');
  const odd: GraphNode = { id: `variable:export/${NASTY}`, kind: 'Variable', label: NASTY, props: { note: NASTY, n: 3, third: 1 / 3, big: 1e21, on: true, none: null } };
  const edge: GraphEdge = { id: `CAUSES:${odd.id}->${f.id('crack')}`, kind: 'CAUSES', from: odd.id, to: f.id('crack'), props: { alpha: 2, beta: 1, why: NASTY } };
  return MemoryGraphStore.fromSnapshot({ nodes: [...f.nodes, odd], edges: [...f.edges, edge] }).snapshotSync();
}

const withoutNulls = (p: Props): Props => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null));

describe('JSON export', () => {
  it('is the snapshot itself: parsed, it is the same graph, and a store takes it back', () => {
    const s = nastyGraph();
    const { text, mediaType, extension } = exportGraph(s, 'json');
    expect([mediaType, extension]).toEqual(['application/json', 'json']);
    expect(JSON.parse(text)).toEqual(s);
    expect(MemoryGraphStore.fromSnapshot(JSON.parse(text) as GraphSnapshot).snapshotSync()).toEqual(s);
  });
});

describe('GraphML export', () => {
  /** The graph a GraphML reader finds: each data value typed by its key. */
  function readGraphml(root: XmlElement): GraphSnapshot {
    const keys = new Map(childrenNamed(root, 'key').map((k) => [k.attributes['id']!, k.attributes]));
    const typed = (key: string, text: string): PropValue => {
      const type = keys.get(key)!['attr.type'];
      return type === 'double' ? Number(text) : type === 'boolean' ? text === 'true' : text;
    };
    const [graph] = childrenNamed(root, 'graph');
    const data = (e: XmlElement): [string, string][] => childrenNamed(e, 'data').map((d) => [d.attributes['key']!, textOf(d)]);
    const props = (e: XmlElement): Props =>
      Object.fromEntries(data(e).filter(([k]) => k.startsWith('np') || k.startsWith('ep')).map(([k, v]) => [keys.get(k)!['attr.name']!.slice(2), typed(k, v)]));
    const value = (e: XmlElement, key: string): string => data(e).find(([k]) => k === key)![1];
    return {
      nodes: childrenNamed(graph!, 'node').map((n) => ({ id: n.attributes['id']!, kind: value(n, 'kind') as GraphNode['kind'], label: value(n, 'label'), props: props(n) })),
      edges: childrenNamed(graph!, 'edge').map((e) => ({ id: e.attributes['id']!, kind: value(e, 'edge_kind') as GraphEdge['kind'], from: e.attributes['source']!, to: e.attributes['target']!, props: props(e) })),
    };
  }

  it('is well-formed GraphML that gives back every node, edge and prop, whatever characters they hold', () => {
    const s = nastyGraph();
    const { text, mediaType } = exportGraph(s, 'graphml');
    expect(mediaType).toBe('application/graphml+xml');
    const root = parseXml(text);
    expect(root.name).toBe('graphml');
    expect(root.attributes['xmlns']).toBe('http://graphml.graphdrawing.org/xmlns');
    expect(childrenNamed(root, 'graph')[0]?.attributes).toMatchObject({ edgedefault: 'directed' });
    // GraphML has no null: a null prop is left out.
    expect(readGraphml(root)).toEqual({
      nodes: s.nodes.map((n) => ({ ...n, props: withoutNulls(n.props) })),
      edges: s.edges.map((e) => ({ ...e, props: withoutNulls(e.props) })),
    });
  });

  it('declares one typed key per prop name: double, boolean, or string when the values are mixed', () => {
    const s: GraphSnapshot = {
      nodes: [
        { id: 'sensor:a', kind: 'Sensor', label: 'a', props: { n: 1, flag: true, mixed: 1 } },
        { id: 'sensor:b', kind: 'Sensor', label: 'b', props: { n: 2.5, flag: false, mixed: 'one' } },
      ],
      edges: [],
    };
    const keys = childrenNamed(parseXml(exportGraph(s, 'graphml').text), 'key').map((k) => k.attributes);
    expect(keys.filter((k) => k['for'] === 'node').map((k) => [k['attr.name'], k['attr.type']])).toEqual([
      ['kind', 'string'], ['label', 'string'], ['p_flag', 'boolean'], ['p_mixed', 'string'], ['p_n', 'double'],
    ]);
  });

  it('is checked by a reader stricter than the browsers\' (the check itself refuses what they let through)', () => {
    for (const bad of ['<a>1 < 2</a>', '<a>&bogus;</a>', '<a x="1" x="2"/>', '<a><b></a>', '<a>AT&T</a>', '<a/><b/>', '<a>\u0001</a>', '<a>&#0;</a>']) {
      expect(() => parseXml(bad), bad).toThrow();
    }
    expect(textOf(parseXml('<a>x&#13;y\r\nz</a>'))).toBe('x\ry\nz');
  });
});

/** Reads the Cypher string literal starting at `text[start]` (a quote): its value and where it ends. */
function readCypherString(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  const escapes: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === quote) return { value, end: i + 1 };
    if (c === '\n') throw new Error('a raw line end in a string literal');
    if (c !== '\\') {
      value += c;
      continue;
    }
    const next = text[++i]!;
    if (next === 'u') {
      value += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (escapes[next] !== undefined) value += escapes[next];
    else throw new Error(`unknown escape \\${next}`);
  }
  throw new Error('an unclosed string literal');
}

/** The script as statements, each with its code outside string literals and backtick names, and its literals. */
function statements(script: string): { code: string; strings: string[] }[] {
  const out: { code: string; strings: string[] }[] = [];
  let code = '';
  let strings: string[] = [];
  for (let i = 0; i < script.length; ) {
    const c = script[i]!;
    if (c === "'" || c === '"') {
      const s = readCypherString(script, i);
      strings.push(s.value);
      code += '$s';
      i = s.end;
    } else if (c === '`') {
      const end = script.indexOf('`', i + 1);
      code += script.slice(i, end + 1);
      i = end + 1;
    } else if (c === '/' && script[i + 1] === '/') {
      i = script.indexOf('\n', i);
    } else if (c === ';') {
      out.push({ code: code.trim(), strings });
      code = '';
      strings = [];
      i++;
    } else {
      code += c;
      i++;
    }
  }
  expect(code.trim(), 'text after the last statement').toBe('');
  return out;
}

describe('Cypher export', () => {
  it('creates the constraint and indexes first, if not there, then merges every node and every edge', () => {
    const s = nastyGraph();
    const { text, mediaType } = exportGraph(s, 'cypher');
    expect(mediaType).toBe('application/x-cypher-query');
    const all = statements(text);
    const schema = all.filter((x) => x.code.startsWith('CREATE'));
    expect(schema.map((x) => x.code)).toEqual(all.slice(0, schema.length).map((x) => x.code));
    expect(schema[0]!.code).toBe('CREATE CONSTRAINT kg_node_id IF NOT EXISTS FOR (n:KgNode) REQUIRE n.id IS UNIQUE');
    expect(schema.every((x) => x.code.includes('IF NOT EXISTS'))).toBe(true);
    expect(schema).toHaveLength(1 + EDGE_KINDS.length);
    const merges = all.slice(schema.length);
    expect(merges).toHaveLength(s.nodes.length + s.edges.length);
    expect(merges.every((x) => /^(MATCH .* )?MERGE /.test(x.code))).toBe(true);
  });

  it('escapes backslashes and quotes so that every value reads back as it was and none leaves its literal', () => {
    const s = nastyGraph();
    const all = statements(exportGraph(s, 'cypher').text);
    const odd = s.nodes.find((n) => n.label === NASTY)!;
    const statement = all.find((x) => x.strings[0] === odd.id)!;
    expect(statement.strings).toContain(NASTY);
    // The props as JSON text (what the Neo4j store reads back) decode to the props themselves.
    expect(statement.strings.map((x) => { try { return JSON.parse(x) as unknown; } catch { return undefined; } })).toContainEqual(odd.props);
    // Outside the literals only our own words remain: the label's "DETACH DELETE" stayed inside one.
    for (const x of all) expect(x.code).not.toMatch(/DETACH|DELETE|\/\//);
    expect(cypherString(`a'b"c\\d`)).toBe(`'a\\'b\\"c\\\\d'`);
    expect(readCypherString(cypherString(NASTY), 0).value).toBe(NASTY);
  });

  it('labels nodes and types relationships only with the kinds, values only as literals', () => {
    const all = statements(exportGraph(nastyGraph(), 'cypher').text);
    for (const x of all.filter((y) => y.code.includes('MERGE'))) {
      const labels = [...x.code.matchAll(/[(\[]\w*:(\w+)/g)].map((m) => m[1]!);
      const set = [...x.code.matchAll(/SET n:(\w+)/g)].map((m) => m[1]!);
      for (const l of [...labels, ...set]) expect([...NODE_KINDS, ...EDGE_KINDS, 'KgNode']).toContain(l);
    }
  });

  it('writes numbers as Cypher floats, as the driver sends them', () => {
    expect([3, -2, 0.1, 1e21, 5e-324, 1.5e-7].map(cypherNumber)).toEqual(['3.0', '-2.0', '0.1', '1e21', '5e-324', '1.5e-7']);
    expect(() => cypherNumber(Number.NaN)).toThrow();
  });
});
