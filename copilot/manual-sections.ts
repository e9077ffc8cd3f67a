/**
 * The documents the copilot retrieves from, cut into sections: a manual is split at its `##` and
 * `###` headings (each section is written to stand alone, its machine type named in it), an incident
 * write-up and a graph intervention are one section each.
 */

export interface DocSection {
  /** `pump#symptom-high-vibration-on-the-pump`, `incident:pump-bearing-failure`, `intervention:<id>` */
  readonly id: string;
  /** Where it comes from: the manual's file, the scenario, the graph. */
  readonly source: string;
  /** The machine type or "glass_line" it is about, or null. */
  readonly topic: string | null;
  readonly title: string;
  readonly text: string;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[`*:()]/g, '')
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Sections of one manual (markdown). A `##` section with `###` children keeps only its own lead
 * text; each `###` is a section titled "parent: child".
 * @example manualSections('pump', '# Pump …\n## Failure modes\n### bearing_wear\n…')[1].id === 'pump#bearing_wear'
 */
export function manualSections(topic: string, markdown: string, source = `${topic}.md`): DocSection[] {
  const out: DocSection[] = [];
  let h2 = '';
  let title = '';
  let id = '';
  let body: string[] = [];
  const flush = () => {
    const text = body.join('\n').trim();
    if (title && text) out.push({ id, source, topic, title, text });
    body = [];
  };
  for (const line of markdown.split('\n')) {
    const m = /^(#{1,3})\s+(.*)$/.exec(line);
    if (!m) {
      body.push(line);
      continue;
    }
    flush();
    const level = m[1]!.length;
    const heading = m[2]!.trim();
    if (level === 1) {
      title = heading;
      id = `${topic}#overview`;
    } else if (level === 2) {
      h2 = heading;
      title = heading;
      id = `${topic}#${slug(heading)}`;
    } else {
      title = `${h2}: ${heading}`;
      id = `${topic}#${slug(heading)}`;
    }
  }
  flush();
  // Two headings of the same words in one manual: the second gets a suffix, ids stay unique.
  const seen = new Map<string, number>();
  return out.map((s) => {
    const n = seen.get(s.id) ?? 0;
    seen.set(s.id, n + 1);
    return n === 0 ? s : { ...s, id: `${s.id}-${n + 1}` };
  });
}

/** An incident of the scenario library as one section: what happened and its true causes. */
export function incidentSection(s: { readonly name: string; readonly title: string; readonly description: string; readonly groundTruth: { readonly summary: string; readonly causes: readonly string[] } | null }): DocSection | null {
  if (!s.groundTruth) return null;
  return {
    id: `incident:${s.name}`,
    source: `scenarios/library/${s.name}.yaml`,
    topic: null,
    title: `Incident: ${s.title}`,
    text: `${s.description}\n${s.groundTruth.summary}\nRoot causes: ${s.groundTruth.causes.join('; ')}.`,
  };
}

/** An intervention of the knowledge graph on a line as one section: what it changes and when. */
export function interventionSection(n: { readonly id: string; readonly label: string; readonly props: Readonly<Record<string, unknown>> }, mitigates: readonly string[]): DocSection {
  const when = typeof n.props['when'] === 'string' ? ` When: ${n.props['when']}.` : '';
  const setpoint = typeof n.props['setpoint'] === 'string' ? ` Setpoint: ${n.props['setpoint']}.` : '';
  return {
    id: n.id,
    source: 'knowledge graph',
    topic: 'glass_line',
    title: `Intervention: ${n.label}`,
    text: `${n.label} on ${String(n.props['asset'] ?? 'the line')}, against ${mitigates.map((m) => m.replace(/^defect:/, '').replaceAll('_', ' ')).join(', ')}.${when}${setpoint}`,
  };
}
