/** A path into a scenario file: object keys and array indices, e.g. ["faults", 2, "at"]. */
export type IssuePath = readonly (string | number)[];

/** A problem found while validating, before it is attached to a source. */
export interface PathIssue {
  readonly at: IssuePath;
  readonly message: string;
}

/** One problem in a scenario file. */
export interface ScenarioIssue {
  /** Where in the file, e.g. "faults[2].at"; "(root)" for the file as a whole. */
  readonly path: string;
  /** Plain words, e.g. "must be within the scenario duration (0..24h)". */
  readonly message: string;
  /** 1-based line in the source text, when known. */
  readonly line?: number;
}

/** How many issues the error message lists; `issues` always holds all of them. */
const MAX_LISTED = 20;
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats a path the way a reader would write it.
 * @example formatIssuePath(['faults', 2, 'at']) === 'faults[2].at'
 */
export function formatIssuePath(at: IssuePath): string {
  if (at.length === 0) return '(root)';
  let out = '';
  for (const seg of at) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** "faults[2].at: must be within the scenario duration (0..24h)" */
export function formatIssue(issue: ScenarioIssue): string {
  return `${issue.path}: ${issue.message}`;
}

/** Attaches a located issue to its path text (and line, when known). */
export function toScenarioIssue(issue: PathIssue, line?: number): ScenarioIssue {
  const base = { path: formatIssuePath(issue.at), message: issue.message };
  return line === undefined ? base : { ...base, line };
}

/** A scenario that cannot be loaded: every problem found, each with a path and a readable message. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  readonly source: string;
  readonly issues: readonly ScenarioIssue[];

  constructor(source: string, issues: readonly ScenarioIssue[]) {
    const all = issues.length > 0 ? issues : [{ path: '(root)', message: 'is not a valid scenario' }];
    super(formatMessage(source, all));
    this.source = source;
    this.issues = all;
  }
}

/** One line per issue, "source:line: path: message", so editors and terminals can jump to it. */
function formatMessage(source: string, issues: readonly ScenarioIssue[]): string {
  const lines = issues
    .slice(0, MAX_LISTED)
    .map((i) => `${source}${i.line === undefined ? '' : `:${i.line}`}: ${formatIssue(i)}`);
  if (issues.length > MAX_LISTED) lines.push(`${source}: … and ${issues.length - MAX_LISTED} more problems`);
  return lines.join('\n');
}
