/**
 * Exports of the knowledge graph: `json` (the snapshot itself, what seeding reads back), `graphml`
 * (graph tools) and `cypher` (a script for any Neo4j). Pure: the route writes the text.
 * @example const { text, mediaType } = exportGraph(await store.snapshot(), 'graphml');
 */
import type { GraphSnapshot } from './graph-model.ts';
import { toCypher } from './cypher-export.ts';
import { toGraphml } from './graphml-export.ts';

export const EXPORT_FORMATS = ['json', 'graphml', 'cypher'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const MEDIA_TYPES: Readonly<Record<ExportFormat, string>> = {
  json: 'application/json',
  graphml: 'application/graphml+xml',
  cypher: 'application/x-cypher-query',
};

export interface GraphExport {
  readonly text: string;
  readonly mediaType: string;
  /** The file name's extension, without the dot. */
  readonly extension: ExportFormat;
}

/** The snapshot as text in `format`. */
export function exportGraph(s: GraphSnapshot, format: ExportFormat): GraphExport {
  const text = format === 'json' ? `${JSON.stringify(s, null, 2)}\n` : format === 'graphml' ? toGraphml(s) : toCypher(s);
  return { text, mediaType: MEDIA_TYPES[format], extension: format };
}
