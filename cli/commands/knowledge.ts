/**
 * `twin knowledge export`: the causal knowledge graph as a file to load into Neo4j (cypher), graph
 * tools (graphml) or back into a twin (json). With --data-dir or --database-url it is the graph as
 * a twin kept it in its history database (feedback and engineers' edits included; stop the server
 * first for a PGlite --data-dir, or ask the running one: GET /api/knowledge-graph/export); without,
 * the knowledge shipped with the twin seeded for the scenario's plant.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { createEngine } from '../../engine/plant.ts';
import { defaultSeed, knowledgePlant } from '../../knowledge/default-knowledge.ts';
import { exportGraph, EXPORT_FORMATS, type ExportFormat } from '../../knowledge/graph-export.ts';
import type { GraphSnapshot } from '../../knowledge/graph-model.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { SqlGraphStore } from '../../twin-api/knowledge/sql-graph-store.ts';
import { createHistoryStore } from '../../twin-api/store/create-store.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError } from '../usage-error.ts';

export const KNOWLEDGE_USAGE = `twin knowledge export --format cypher|graphml|json [--out file] [--scenario glass-plant] [--data-dir DIR | --database-url URL]
                                   the knowledge graph; from a twin's history database when given (learnt confidences included), else the shipped knowledge for the scenario's plant`;

async function storedGraph(dataDir: string | undefined, databaseUrl: string | undefined): Promise<GraphSnapshot> {
  if (dataDir !== undefined && !existsSync(dataDir)) throw new UsageError(`knowledge export: --data-dir: "${dataDir}" does not exist`);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new UsageError('knowledge export: --database-url: must start with postgres:// or postgresql://');
  const store = await createHistoryStore(databaseUrl !== undefined ? { databaseUrl, dataDir: '' } : { dataDir: dataDir! });
  try {
    const graph = await SqlGraphStore.open(store.db);
    const s = await graph.snapshot();
    if (s.nodes.length === 0) throw new UsageError('knowledge export: the history database holds no knowledge graph yet (start the twin on it once, or leave out --data-dir/--database-url for the shipped knowledge)');
    return s;
  } finally {
    await store.close();
  }
}

export async function knowledge(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'export') throw new UsageError(`knowledge: unknown subcommand "${sub ?? ''}" (use "export")`);
  const { values } = parseCommandArgs('knowledge export', rest, {
    format: { type: 'string' },
    out: { type: 'string' },
    scenario: { type: 'string', default: 'glass-plant' },
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
  });
  const format = values.format;
  if (format === undefined) throw new UsageError(`knowledge export: --format is required (${EXPORT_FORMATS.join(', ')})`);
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`knowledge export: --format: "${format}" is not one of ${EXPORT_FORMATS.join(', ')}`);
  if (values['data-dir'] !== undefined && values['database-url'] !== undefined) throw new UsageError('knowledge export: give --data-dir or --database-url, not both');
  let snapshot: GraphSnapshot;
  if (values['data-dir'] !== undefined || values['database-url'] !== undefined) snapshot = await storedGraph(values['data-dir'], values['database-url']);
  else {
    const scenario = loadLibraryScenario(values.scenario);
    snapshot = defaultSeed(knowledgePlant(scenario, createEngine(scenario).layout.sensors));
  }
  const { text } = exportGraph(snapshot, format as ExportFormat);
  if (values.out !== undefined) {
    writeFileSync(values.out, text);
    console.error(`wrote ${snapshot.nodes.length} nodes and ${snapshot.edges.length} edges to ${values.out} (${format})`);
  } else process.stdout.write(text);
  return 0;
}
