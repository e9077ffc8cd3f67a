/** Scenario text to plain data: JSON or YAML, syntax errors with line numbers, and a path → line map. */

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { ScenarioError, type IssuePath } from './scenario-error.ts';

export interface SourceText {
  /** The parsed value, not yet validated. */
  readonly data: unknown;
  /** The 1-based line where the value (or the key) at `at` is written, or its nearest written ancestor's. */
  lineOf(at: IssuePath): number | undefined;
}

/** Aliases beyond this are refused: a few lines of YAML can otherwise expand to gigabytes. */
const MAX_ALIASES = 100;

/** JSON by extension (.json) or by a leading "{"; YAML otherwise. Throws ScenarioError on syntax errors. */
export function readSourceText(text: string, source: string): SourceText {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return isJson(body, source) ? readJson(body, source) : readYaml(body, source);
}

function isJson(text: string, source: string): boolean {
  if (/\.json$/i.test(source)) return true;
  if (/\.ya?ml$/i.test(source)) return false;
  return text.trimStart().startsWith('{');
}

function readJson(text: string, source: string): SourceText {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const { message, offset } = describeJsonError(err);
    const lp = offset === undefined ? undefined : linePos(text, offset);
    const where = lp === undefined ? '' : ` (column ${lp.col})`;
    const issue = { path: '(root)', message: `is not valid JSON: ${message}${where}` };
    throw new ScenarioError(source, [lp === undefined ? issue : { ...issue, line: lp.line }]);
  }
  // JSON is YAML 1.2, so the YAML parser can place issues on lines; only parsed when needed.
  let positions: SourceText['lineOf'] | undefined;
  return {
    data,
    lineOf: (at) => {
      positions ??= lineMap(text);
      return positions(at);
    },
  };
}

/** 1-based line and column of a character offset. */
function linePos(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}

/** V8's message without the echoed input, and the offset when it gives one. */
function describeJsonError(err: unknown): { message: string; offset: number | undefined } {
  const raw = err instanceof Error ? err.message : String(err);
  const pos = / in JSON at position (\d+)/.exec(raw);
  const message = raw
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, (\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/ \(line \d+ column \d+\)$/, '');
  return { message, offset: pos === null ? undefined : Number(pos[1]) };
}

function readYaml(text: string, source: string): SourceText {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true, merge: true });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      source,
      doc.errors.map((e) => {
        const lp = e.linePos?.[0];
        const where = lp === undefined ? '' : ` (column ${lp.col})`;
        const issue = { path: '(root)', message: `is not valid YAML: ${yamlMessage(e.code, e.message)}${where}` };
        return lp === undefined ? issue : { ...issue, line: lp.line };
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    throw new ScenarioError(source, [{ path: '(root)', message: `is not valid YAML: too many aliases (at most ${MAX_ALIASES})` }]);
  }
  return { data, lineOf: positionsOf(doc, lines) };
}

function yamlMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return 'a scenario file holds one document; remove the extra "---"';
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function lineMap(text: string): SourceText['lineOf'] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return doc.errors.length > 0 ? () => undefined : positionsOf(doc, lines);
}

/** Walks up from `at` to the nearest node written in the source; keys report the key's line. */
function positionsOf(doc: Document, lines: LineCounter): SourceText['lineOf'] {
  return (at) => {
    for (let n = at.length; n > 0; n--) {
      const parent = n === 1 ? doc.contents : doc.getIn(at.slice(0, n - 1), true);
      const last = at[n - 1]!;
      let start: number | undefined;
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
        start = pair !== undefined && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      } else if (isSeq(parent) && typeof last === 'number') {
        const item = parent.items[last] as { range?: [number, number, number] } | undefined;
        start = item?.range?.[0];
      }
      if (start !== undefined) return lines.linePos(start).line;
    }
    return undefined;
  };
}
