/** schema.json, compiled once, as a check that either types the file or explains what is wrong. */

import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ScenarioFile } from './file-types.ts';
import type { PathIssue } from './scenario-error.ts';
import { translateSchemaErrors } from './schema-issues.ts';
import schema from './schema.json' with { type: 'json' };

/** The published JSON Schema (draft 2020-12) for scenario files. */
export const SCENARIO_FILE_SCHEMA: Readonly<Record<string, unknown>> = schema;

let compiled: ValidateFunction<ScenarioFile> | undefined;

function validator(): ValidateFunction<ScenarioFile> {
  // Strict, except that if/then/else branches deliberately leave `type` and `properties` to the
  // enclosing schema (repeating them would report one mistake twice).
  compiled ??= new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false })
    .compile<ScenarioFile>(schema);
  return compiled;
}

/** The file typed as a ScenarioFile, or the structural problems found in it. */
export function checkSchema(raw: unknown): { ok: true; file: ScenarioFile } | { ok: false; issues: PathIssue[] } {
  const validate = validator();
  if (validate(raw)) return { ok: true, file: raw };
  return { ok: false, issues: translateSchemaErrors(validate.errors ?? [], raw, schema) };
}
