/**
 * Properties of the loader over generated input: whatever it is given, it returns a Scenario or
 * throws a ScenarioError whose every issue is readable; and what it accepts survives a round trip.
 */

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { formatTimestamp, parseTimestamp } from './timestamp.ts';
import { formatDuration } from './duration.ts';
import { listScenarios } from './library.ts';
import { parseScenario, ScenarioError, validateScenario } from './loader.ts';
import { scenarioToFile, stringifyScenario } from './serialize.ts';
import type { Scenario } from './types.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Words that would mean a raw ajv message, a JSON pointer or a stack leaked into an issue. */
const JARGON =
  /instancePath|schemaPath|must NOT|must have required property|must match|must be equal to|#\/|\$defs|additionalProperties|anyOf|oneOf|allowedValues|\bshould\b|undefined|\[object Object\]|\n\s+at /;

/** Runs `load`; a rejection must be a ScenarioError of readable issues. Returns the scenario, if accepted. */
function loadOrReadableError(load: () => Scenario): Scenario | undefined {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    expect(err.issues.length).toBeGreaterThan(0);
    for (const issue of err.issues) {
      expect(issue.path).toMatch(/^(\(root\)|[A-Za-z_$[])/);
      expect(issue.message.trim().length).toBeGreaterThan(0);
      // Quoted text is the file's own (a key, a value), which may say anything.
      expect(issue.message.replace(/"(?:[^"\\]|\\.)*"/g, '""')).not.toMatch(JARGON);
    }
    expect(err.message).not.toMatch(/\n\s+at /);
    return undefined;
  }
}

/** A scenario that was accepted comes back unchanged through its file form, as data and as text. */
function expectRoundTrip(s: Scenario): void {
  expect(s.faults.map((f) => f.atS)).toEqual([...s.faults.map((f) => f.atS)].sort((a, b) => a - b));
  expect(s.actions.map((a) => a.atS)).toEqual([...s.actions.map((a) => a.atS)].sort((a, b) => a - b));
  expect(validateScenario(scenarioToFile(s), 'round-trip')).toEqual(s);
  expect(parseScenario(stringifyScenario(s), 'round-trip.yaml')).toEqual(s);
}

const LIBRARY: readonly Json[] = listScenarios().map((e) => parse(readFileSync(e.path, 'utf8'), { merge: true }) as Json);

/** Every path in a value, the root included. */
function pathsOf(value: Json, at: Path = []): Path[] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => pathsOf(v, [...at, i])));
  if (value !== null && typeof value === 'object') return here.concat(Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k])));
  return here;
}

function getAt(value: Json, at: Path): Json {
  return at.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, value);
}

/** A copy of `value` with the node at `at` replaced by `f(node)`, or removed when `f` returns undefined. */
function updateAt(value: Json, at: Path, f: (node: Json) => Json | undefined): Json | undefined {
  if (at.length === 0) return f(value);
  const [key, ...rest] = at as [string | number, ...Path];
  if (Array.isArray(value)) {
    const copy = [...value];
    const next = updateAt(copy[key as number]!, rest, f);
    if (next === undefined) copy.splice(key as number, 1);
    else copy[key as number] = next;
    return copy;
  }
  const copy = { ...(value as Record<string, Json>) };
  const next = updateAt(copy[key as string]!, rest, f);
  if (next === undefined) delete copy[key as string];
  else copy[key as string] = next;
  return copy;
}

/** Same value, another type: the mistakes people make when they misremember a field. */
function retype(node: Json): Json {
  if (typeof node === 'number') return String(node);
  if (typeof node === 'string') return Number.isNaN(Number(node)) ? [node] : Number(node);
  if (typeof node === 'boolean') return node ? 1 : 'false';
  if (node === null) return {};
  if (Array.isArray(node)) return Object.fromEntries(node.map((v, i) => [String(i), v]));
  return Object.values(node);
}

type Mutation = (file: Json) => Json | undefined;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((k): Mutation => (file) => {
    const paths = pathsOf(file);
    return updateAt(file, paths[k % paths.length]!, () => undefined);
  }),
  fc.tuple(fc.nat(), fc.jsonValue()).map(([k, v]): Mutation => (file) => {
    const paths = pathsOf(file);
    return updateAt(file, paths[k % paths.length]!, () => v as Json);
  }),
  fc.nat().map((k): Mutation => (file) => {
    const paths = pathsOf(file);
    return updateAt(file, paths[k % paths.length]!, retype);
  }),
  fc.tuple(fc.nat(), fc.constantFrom<Json>('999h', 10e9, -1, '2099-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '10:42', '25h', 0))
    .map(([k, at]): Mutation => (file) => {
      const times = pathsOf(file).filter((p) => p[p.length - 1] === 'at' || p[0] === 'duration' || p[0] === 'step');
      return times.length === 0 ? file : updateAt(file, times[k % times.length]!, () => at);
    }),
  fc.tuple(fc.nat(), fc.constantFrom<Json>('Line_D', 'pump_009', 'Line_A', 'pump_003', 'pump_003.vibration_rms', 'sensor_stuck', 'burner_drift', 'fouling', 'Line_A.load', 'x.y.z', ''))
    .map(([k, id]): Mutation => (file) => {
      const strings = pathsOf(file).filter((p) => typeof getAt(file, p) === 'string');
      return strings.length === 0 ? file : updateAt(file, strings[k % strings.length]!, () => id);
    }),
);

describe('the loader, on generated input', () => {
  it('meets any JSON value with a scenario or a readable ScenarioError', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        loadOrReadableError(() => validateScenario(raw, 'random'));
      }),
      { numRuns: 300 },
    );
  });

  it('meets any JavaScript value, odd ones included, the same way', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }), (raw) => {
        loadOrReadableError(() => validateScenario(raw, 'random'));
      }),
      { numRuns: 300 },
    );
  });

  it('meets objects with scenario-like keys and random values the same way', () => {
    const keys = ['name', 'title', 'seed', 'start', 'duration', 'step', 'plant', 'disturbances', 'faults', 'actions', 'ground_truth', 'nmae'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 })), (raw) => {
        loadOrReadableError(() => validateScenario(raw, 'random'));
      }),
      { numRuns: 300 },
    );
  });

  it('meets YAML-ish and JSON-ish text the same way', () => {
    const token = fc.constantFrom(
      'name: demo', 'duration: 1h', 'plant: reference', 'faults:', 'actions:', '- at: 1h', 'target: Line_A', 'type: burner_drift',
      ':', ' ', '\n', '  ', '- ', '{', '}', '[', ']', ',', '"', "'", '#', '&a ', '*a', '<<: ', '!!str ', '!!binary ', '!tag ',
      '---\n', '...\n', '|\n', '>\n', '24h', '10:42', '2024-03-14T00:00:00Z', '-1', '.nan', '.inf', 'null', '~', 'true', '%YAML 1.2\n',
      '? ', '@', '`', '\t', '\\', '\u00e9', '\uFEFF', '"\\u', '1e999', '0x1F',
    );
    const text = fc.oneof(fc.array(token, { maxLength: 40 }).map((t) => t.join('')), fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }));
    fc.assert(
      fc.property(text, fc.constantFrom('random.yaml', 'random.json', 'random'), (t, source) => {
        loadOrReadableError(() => parseScenario(t, source));
      }),
      { numRuns: 500 },
    );
  });

  it('meets mutated library files with a scenario that round-trips or a readable ScenarioError, the same from data and from JSON text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LIBRARY), fc.array(mutation, { minLength: 1, maxLength: 3 }), (base, mutations) => {
        const file = mutations.reduce<Json | undefined>((f, m) => (f === undefined ? undefined : m(f)), base) ?? null;
        const fromData = loadOrReadableError(() => validateScenario(file, 'mutated'));
        const fromText = loadOrReadableError(() => parseScenario(JSON.stringify(file), 'mutated.json'));
        expect(fromText).toEqual(fromData);
        loadOrReadableError(() => parseScenario(stringify(file), 'mutated.yaml'));
        if (fromData !== undefined) expectRoundTrip(fromData);
      }),
      { numRuns: 400 },
    );
  });

  it('accepts changes that keep a file valid, and round-trips the result', () => {
    const glassPlant = LIBRARY.find((f) => (f as { name?: string }).name === 'furnace-overheat-crack-storm') as Record<string, Json>;
    const startMs = parseTimestamp(glassPlant['start'] as string)!;
    const durationS = 16 * 3600;
    const time = fc.oneof(
      fc.integer({ min: 0, max: durationS }),
      fc.integer({ min: 0, max: durationS }).map(formatDuration),
      fc.integer({ min: 0, max: durationS }).map((s) => formatTimestamp(startMs + s * 1000)),
      fc.double({ min: 0, max: durationS, noNaN: true }),
    );
    const action = fc.oneof(
      fc.record({ at: time, setpoint: fc.constant('Line_B.belt_speed'), value: fc.double({ min: 0, max: 200, noNaN: true }) }),
      fc.record({ at: time, setpoint: fc.constantFrom('pump_001.load', 'fan_002.speed'), value: fc.integer({ min: 0, max: 110 }) }),
      fc.record({ at: time, maintenance: fc.constantFrom('Line_A', 'Line_C', 'compressor_003') }),
    );
    const fault = fc.record({
      at: time,
      target: fc.constantFrom('Line_A', 'Line_C'),
      type: fc.constant('pressure_oscillation'),
      params: fc.record({ amplitudeMPa: fc.double({ min: 0.1, max: 50, noNaN: true }) }, { requiredKeys: [] }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.string(),
        fc.array(fault, { maxLength: 5 }),
        fc.array(action, { maxLength: 5 }),
        (seed, title, faults, actions) => {
          const file = { ...glassPlant, seed, title: title === '' ? 'untitled' : title, faults: [...(glassPlant['faults'] as Json[]), ...faults], actions };
          const s = validateScenario(file, 'valid-mutation');
          expect(s.seed).toBe(seed);
          expect(s.faults).toHaveLength(faults.length + 1);
          expect(s.actions).toHaveLength(actions.length);
          expectRoundTrip(s);
        },
      ),
      { numRuns: 200 },
    );
  });
});
