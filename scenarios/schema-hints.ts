/**
 * Plain-words messages for values that do not match a schema.json definition as a whole: better than
 * "must match pattern …" or "must be number,string". Keyed by `$defs` name; an ajv error is matched
 * to its definition through `parentSchema` (ajv's `verbose`), which is the schema object itself.
 */

import { didYouMean } from './suggest.ts';
import { MACHINE_TYPES } from './types.ts';

type Hint = (value: unknown) => string;

const HINTS: Readonly<Record<string, Hint>> = {
  scenarioName: () => 'must be a kebab-case name like "pump-bearing-failure" (lowercase letters, digits, single hyphens)',
  identifier: () => 'must be an id: a letter followed by letters, digits or underscores, like "Line_A" or "pump_003"',
  timestamp: () => 'must be an ISO 8601 timestamp with a time zone, like "2024-03-14T06:00:00Z"',
  duration: () => 'must be a duration like "24h", "1h30m", "90s", or a number of seconds',
  timeOffset: () =>
    'must be a time: an offset from the start like "10h42m", a number of seconds, or an ISO 8601 timestamp like "2024-03-14T10:42:00Z"',
  plant: () => 'must be "reference", or an object { lines, machines }, or { preset: reference, add_machines, lines, machines }',
  profile: (v) =>
    `must be a built-in profile (${MACHINE_TYPES.join(', ')}) or a path to a profile file ending in ".json"` +
    (typeof v === 'string' ? didYouMean(v, MACHINE_TYPES) : ''),
  target: () => 'must be an asset id like "Line_A" or a sensor id like "Line_A.furnace.zone1_temp"',
  faultType: () => 'must be a fault type name in snake_case, like "burner_drift" or "bearing_spall"',
  setpointId: () => 'must be a setpoint id "<asset>.<name>", like "Line_A.furnace_temp" or "pump_003.load"',
  failureId: () => 'must be a machine id, optionally with its failure mode, like "pump_003" or "pump_003:bearing_wear"',
};

/** Keywords that judge a value's overall form. */
const WHOLE_VALUE = new Set(['type', 'pattern', 'const', 'enum', 'anyOf', 'oneOf']);

/** Finds hints for errors of one schema. */
export class SchemaHints {
  private readonly byObject = new Map<object, Hint>();

  constructor(root: { readonly $defs?: Readonly<Record<string, unknown>> }) {
    for (const [name, def] of Object.entries(root.$defs ?? {})) {
      const hint = Object.hasOwn(HINTS, name) ? HINTS[name] : undefined;
      if (hint !== undefined) this.register(def, hint);
    }
  }

  /** The hint for an error of `keyword` in `parentSchema` about `value`, if there is one. */
  hintFor(parentSchema: unknown, keyword: string, value: unknown): string | undefined {
    if (!WHOLE_VALUE.has(keyword) || typeof parentSchema !== 'object' || parentSchema === null) return undefined;
    return this.byObject.get(parentSchema)?.(value);
  }

  /** A definition's own keywords and those of its if/then/else (not of its properties). */
  private register(schema: unknown, hint: Hint): void {
    if (typeof schema !== 'object' || schema === null) return;
    this.byObject.set(schema, hint);
    const s = schema as Record<string, unknown>;
    this.register(s['then'], hint);
    this.register(s['else'], hint);
  }
}
