/**
 * Loading scenarios: text → data → checked, normalized `Scenario`. Pure: reading files is
 * scenario-file.ts's job. Every problem is reported as a ScenarioError listing all issues found.
 *
 * @example
 * const s = parseScenario('name: demo\nduration: 1h\nplant: reference\n', 'demo.yaml');
 * s.durationS === 3600; s.machines.length === 26
 */

import { normalizeScenario } from './normalize.ts';
import { ScenarioError, toScenarioIssue, type PathIssue } from './scenario-error.ts';
import { checkSchema } from './schema-validator.ts';
import { readSourceText } from './source-text.ts';
import type { Scenario } from './types.ts';

export { ScenarioError } from './scenario-error.ts';
export type { ScenarioIssue } from './scenario-error.ts';

/** Parses YAML or JSON text and validates it; `source` names it in errors (and .json/.yaml picks the syntax). */
export function parseScenario(text: string, source: string): Scenario {
  const { data, lineOf } = readSourceText(text, source);
  const result = check(data);
  if (result.ok) return result.scenario;
  throw new ScenarioError(source, result.issues.map((i) => toScenarioIssue(i, lineOf(i.at))));
}

/** Validates already-parsed data (e.g. from a request body) and normalizes it. */
export function validateScenario(raw: unknown, source: string): Scenario {
  const result = check(raw);
  if (result.ok) return result.scenario;
  throw new ScenarioError(source, result.issues.map((i) => toScenarioIssue(i)));
}

type Checked = { ok: true; scenario: Scenario } | { ok: false; issues: PathIssue[] };

function check(raw: unknown): Checked {
  if (raw === null || raw === undefined) {
    return { ok: false, issues: [{ at: [], message: 'is empty: a scenario needs at least name, duration and plant' }] };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, issues: [{ at: [], message: 'must be a scenario: an object with at least name, duration and plant' }] };
  }
  const schema = checkSchema(raw);
  return schema.ok ? normalizeScenario(schema.file) : schema;
}
