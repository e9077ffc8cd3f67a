/**
 * The copilot's documents, read once at start: the shipped manuals (copilot/manuals/*.md), the
 * scenario library's incident write-ups with their true causes, and the knowledge graph's line
 * interventions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { incidentSection, interventionSection, manualSections, type DocSection } from '../../copilot/manual-sections.ts';
import { DocIndex } from '../../copilot/retrieval.ts';
import type { GraphSnapshot } from '../../knowledge/graph-model.ts';
import { listScenarios, loadLibraryScenario } from '../../scenarios/library.ts';

export const MANUALS_DIR = fileURLToPath(new URL('../../copilot/manuals/', import.meta.url));

export function manualDocuments(dir = MANUALS_DIR): DocSection[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((f) => manualSections(f.slice(0, -3), readFileSync(join(dir, f), 'utf8'), `copilot/manuals/${f}`));
}

export function incidentDocuments(): DocSection[] {
  return listScenarios()
    .map((e) => incidentSection(loadLibraryScenario(e.name)))
    .filter((s): s is DocSection => s !== null);
}

export function interventionDocuments(graph: GraphSnapshot): DocSection[] {
  const mitigates = new Map<string, string[]>();
  for (const e of graph.edges) if (e.kind === 'MITIGATES') mitigates.set(e.from, [...(mitigates.get(e.from) ?? []), e.to]);
  // Machine interventions are "plan maintenance for <mode>" for every mode: the manuals say that better.
  return graph.nodes.filter((n) => n.kind === 'Intervention' && (mitigates.get(n.id) ?? []).some((t) => t.startsWith('defect:'))).map((n) => interventionSection(n, mitigates.get(n.id) ?? []));
}

export function copilotDocIndex(graph: GraphSnapshot): DocIndex {
  return new DocIndex([...manualDocuments(), ...incidentDocuments(), ...interventionDocuments(graph)]);
}
