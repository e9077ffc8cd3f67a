/**
 * Turns ajv's errors into issues a scenario author can act on: "faults[2].at: must be a time: …"
 * instead of "/faults/2/at must match pattern "^((?=\d)…". Needs ajv's `verbose` option (for the
 * offending value and the parent schema).
 */

import type { ErrorObject } from 'ajv/dist/2020.js';
import type { IssuePath, PathIssue } from './scenario-error.ts';
import { describeValue, formatValue } from './describe-value.ts';
import { SchemaHints } from './schema-hints.ts';
import { subschemas } from './schema-walk.ts';
import { didYouMean } from './suggest.ts';

/** Issues for ajv's errors on `data` against `schema`, one per problem, the most useful branch of each anyOf/oneOf. */
export function translateSchemaErrors(
  errors: readonly ErrorObject[],
  data: unknown,
  schema: Readonly<Record<string, unknown>>,
): PathIssue[] {
  const hints = hintsFor(schema);
  const issues: PathIssue[] = [];
  const seen = new Set<string>();
  for (const e of pickBranches(errors.filter((e) => e.keyword !== 'if'), schema, hints)) {
    const at = [...toSegments(e.instancePath, data), ...fieldOf(e)];
    const hint = hints.hintFor(e.parentSchema, e.keyword, e.data);
    const message = hint ?? messageFor(e);
    // A hint describes the whole value, so one per path; other messages once each.
    const key = hint === undefined ? `${JSON.stringify(at)} ${message}` : JSON.stringify(at);
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ at, message });
  }
  return issues;
}

const hintCache = new WeakMap<object, SchemaHints>();

function hintsFor(schema: Readonly<Record<string, unknown>>): SchemaHints {
  let hints = hintCache.get(schema);
  if (hints === undefined) hintCache.set(schema, (hints = new SchemaHints(schema)));
  return hints;
}

const COMBINATORS = new Set(['anyOf', 'oneOf']);

/**
 * For each anyOf/oneOf (outermost first), keep only the errors of its most plausible branch: one the
 * value's type fits, then the one with fewest errors, then the one that got deepest into the value.
 * A combinator with a hint keeps its own error instead. An error belongs to a branch if it is about
 * the same value or a part of it and its schema object lies inside the branch.
 */
function pickBranches(errors: readonly ErrorObject[], schema: Readonly<Record<string, unknown>>, hints: SchemaHints): ErrorObject[] {
  let list = [...errors];
  const done = new Set<ErrorObject>();
  for (;;) {
    const combinator = list
      .filter((e) => COMBINATORS.has(e.keyword) && !done.has(e))
      .sort((a, b) => a.instancePath.length - b.instancePath.length)[0];
    if (combinator === undefined) return list;
    done.add(combinator);
    const branches = (Array.isArray(combinator.schema) ? combinator.schema : []).map((branch: unknown) => {
      const inside = subschemas(branch, schema);
      return list.filter((e) => e !== combinator && isWithin(e.instancePath, combinator.instancePath) && inside.has(e.parentSchema ?? {}));
    });
    const all = new Set(branches.flat());
    if (all.size === 0) continue;
    if (hints.hintFor(combinator.parentSchema, combinator.keyword, combinator.data) !== undefined) {
      list = list.filter((e) => !all.has(e));
      continue;
    }
    const candidates = branches.filter((b) => b.length > 0);
    const best = candidates.reduce((a, b) => (branchScore(b, combinator) > branchScore(a, combinator) ? b : a));
    // No branch takes a value of this type: say which types would do, rather than pick one.
    const union = branchScore(best, combinator) < 0 && candidates.length === branches.length;
    list = list.flatMap((e) => {
      if (e === combinator) return union ? [typeUnion(candidates, combinator)] : [];
      if (!all.has(e)) return [e];
      return !union && best.includes(e) ? [e] : [];
    });
  }
}

/** One type error listing every type the branches accept. */
function typeUnion(branches: readonly ErrorObject[][], combinator: ErrorObject): ErrorObject {
  const types = new Set<string>();
  for (const b of branches) {
    for (const e of b) {
      if (e.keyword === 'type' && e.instancePath === combinator.instancePath) String((e.params as { type?: unknown }).type).split(',').forEach((t) => types.add(t));
    }
  }
  return { ...combinator, keyword: 'type', params: { type: [...types].join(',') } };
}

function isWithin(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** Comparable score: the value's type fits (1e6), then fewer errors (1e3 each), then the deepest error. */
function branchScore(branch: readonly ErrorObject[], combinator: ErrorObject): number {
  const typeFits = !branch.some((e) => e.keyword === 'type' && e.instancePath === combinator.instancePath);
  const depth = Math.max(...branch.map((e) => e.instancePath.split('/').length));
  return (typeFits ? 1e6 : 0) - Math.min(branch.length, 999) * 1e3 + Math.min(depth, 999);
}


/** "/faults/2/at" → ["faults", 2, "at"]: numbers only where the data there is a list. */
function toSegments(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      out.push(Number(key));
      node = node[Number(key)];
    } else {
      out.push(key);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return out;
}

/** The field an error is about, when ajv reports it on the parent object. */
function fieldOf(e: ErrorObject): IssuePath {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required' && typeof p['missingProperty'] === 'string') return [p['missingProperty']];
  if (e.keyword === 'additionalProperties' && typeof p['additionalProperty'] === 'string') return [p['additionalProperty']];
  if (e.keyword === 'propertyNames' && typeof p['propertyName'] === 'string') return [p['propertyName']];
  return [];
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

function typeWords(types: unknown): string {
  const words = String(types).split(',').map((t) => TYPE_WORDS[t] ?? t);
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function messageFor(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  const got = ` (got ${describeValue(e.data)})`;
  switch (e.keyword) {
    case 'type':
      return `must be ${typeWords(p['type'])}${got}`;
    case 'required':
      return 'is required';
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = didYouMean(String(p['additionalProperty']), known);
      return `is not a known field${hint !== '' ? hint : known.length > 0 ? ` (expected one of: ${known.join(', ')})` : ''}`;
    }
    case 'enum': {
      const allowed = Array.isArray(p['allowedValues']) ? p['allowedValues'].map(String) : [];
      const hint = typeof e.data === 'string' ? didYouMean(e.data, allowed) : '';
      return `must be one of: ${allowed.join(', ')}${hint !== '' ? hint : got}`;
    }
    case 'const':
      return `must be ${formatValue(p['allowedValue'])}${got}`;
    case 'minimum':
      return p['limit'] === 0 ? `must not be negative${got}` : `must be at least ${String(p['limit'])}${got}`;
    case 'maximum':
      return `must be at most ${String(p['limit'])}${got}`;
    case 'exclusiveMinimum':
      return `must be greater than ${String(p['limit'])}${got}`;
    case 'exclusiveMaximum':
      return `must be less than ${String(p['limit'])}${got}`;
    case 'multipleOf':
      return `must be a multiple of ${String(p['multipleOf'])}${got}`;
    case 'minLength':
      return p['limit'] === 1 ? 'must not be empty' : `must be at least ${String(p['limit'])} characters long`;
    case 'maxLength':
      return `must be at most ${String(p['limit'])} characters long`;
    case 'minItems':
      return `must have at least ${String(p['limit'])} item${p['limit'] === 1 ? '' : 's'}`;
    case 'maxItems':
      return `must have at most ${String(p['limit'])} items`;
    case 'uniqueItems':
      return `must not repeat items (items ${String(p['j'])} and ${String(p['i'])} are the same)`;
    case 'pattern':
      return `has an invalid format${got}`;
    case 'oneOf':
      return p['passingSchemas'] != null ? 'matches more than one of the allowed forms' : `does not match any of the allowed forms${got}`;
    case 'anyOf':
      return `does not match any of the allowed forms${got}`;
    case 'false schema':
    case 'not':
      return 'is not allowed here';
    default:
      return `has an invalid value${got}`;
  }
}
