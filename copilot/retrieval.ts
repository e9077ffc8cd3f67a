/**
 * Search over the shipped documentation: BM25 (MiniSearch's BM25+) over manual sections, incident
 * write-ups and the graph's interventions, with prefix and fuzzy matching for typed questions.
 * Built once at start from the sections; searching is pure.
 */
import MiniSearch from 'minisearch';
import type { DocSection } from './manual-sections.ts';

export interface SearchHit {
  readonly id: string;
  readonly source: string;
  readonly title: string;
  readonly topic: string | null;
  readonly score: number;
  /** The section's first sentences, for the answer. */
  readonly excerpt: string;
}

/** Words that carry no meaning in a maintenance question. */
const STOP = new Set('a an and are as at be by can do does for from has have how i in is it its my of on or should the this to what when where which who why will with you your me we our please'.split(' '));

/**
 * A light suffix stemmer (English plurals and verb forms): "serviced", "service" and "servicing" meet,
 * as do "intervals" and "interval". Applied to documents and queries alike.
 */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, '');
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (w.endsWith(suffix) && !w.endsWith('ss') && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w.length > 3 && w.endsWith('e') ? w.slice(0, -1) : w;
}

/** How people ask against how the manuals write: a question's word brings the manuals' words along. */
const SYNONYMS: Readonly<Record<string, string>> = {
  servic: 'maintenance interval',
  often: 'interval',
  frequency: 'interval',
  hot: 'temperature high',
  overheat: 'temperature high',
  noisy: 'noise vibration',
  shak: 'vibration',
  broken: 'failure',
  broke: 'failure',
  grease: 'lubrication',
  oil: 'lubrication',
};

export class DocIndex {
  private readonly search: MiniSearch<DocSection>;
  private readonly byId = new Map<string, DocSection>();

  constructor(sections: readonly DocSection[]) {
    this.search = new MiniSearch<DocSection>({
      fields: ['title', 'text', 'topic'],
      storeFields: ['id'],
      processTerm: (term) => {
        const t = term.toLowerCase();
        return STOP.has(t) ? null : stem(t);
      },
      searchOptions: { boost: { title: 3, topic: 2 }, prefix: (t) => t.length > 3, fuzzy: (t) => (t.length > 5 ? 0.2 : false), combineWith: 'OR' },
    });
    for (const s of sections) {
      if (this.byId.has(s.id)) throw new Error(`copilot documents: section id "${s.id}" appears twice`);
      this.byId.set(s.id, s);
    }
    this.search.addAll([...sections]);
  }

  get size(): number {
    return this.byId.size;
  }

  /** The best `k` sections for a query, optionally only those about `topic` (and those about no machine). */
  query(text: string, k = 3, topic?: string | null): SearchHit[] {
    const expanded = [text, ...(text.match(/[a-z']+/gi) ?? []).map((w) => SYNONYMS[stem(w)]).filter(Boolean)].join(' ');
    const hits = this.search.search(expanded, topic ? { filter: (r) => { const s = this.byId.get(r.id as string)!; return s.topic === topic || s.topic === null; } } : {});
    return hits.slice(0, k).map((h) => {
      const s = this.byId.get(h.id as string)!;
      return { id: s.id, source: s.source, title: s.title, topic: s.topic, score: h.score, excerpt: excerpt(s.text) };
    });
  }

  section(id: string): DocSection | undefined {
    return this.byId.get(id);
  }
}

/** Up to ~320 characters, ending at a sentence or line. */
function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= 320) return flat;
  const cut = flat.slice(0, 320);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('; '));
  return `${end > 120 ? cut.slice(0, end + 1) : cut}…`;
}
