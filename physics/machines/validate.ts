/**
 * Small checked readers for JSON documents: each failure is a ProfileError naming the source and
 * the JSON path, e.g. `pump.json: sensors[2].limits.warning: low 5 is above high 3`.
 */

export class ProfileError extends Error {
  constructor(source: string, path: string, problem: string) {
    super(`${source}: ${path ? `${path}: ` : ''}${problem}`);
    this.name = 'ProfileError';
  }
}

export type Json = Readonly<Record<string, unknown>>;

/** A cursor on one JSON value: its source file and path, for error messages. */
export class At {
  constructor(
    readonly source: string,
    readonly path: string,
    readonly value: unknown,
  ) {}

  fail(problem: string): never {
    throw new ProfileError(this.source, this.path, problem);
  }

  key(k: string): At {
    const v = this.object()[k];
    return new At(this.source, this.path ? `${this.path}.${k}` : k, v);
  }

  has(k: string): boolean {
    return this.object()[k] !== undefined;
  }

  object(): Json {
    const v = this.value;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(`expected an object, got ${describe(v)}`);
    return v as Json;
  }

  /** Fails on keys outside `allowed` (catches typos such as "periodSec"). */
  only(allowed: readonly string[]): this {
    for (const k of Object.keys(this.object())) {
      if (!allowed.includes(k)) this.fail(`unknown key "${k}" (allowed: ${allowed.join(', ')})`);
    }
    return this;
  }

  array(): At[] {
    if (!Array.isArray(this.value)) this.fail(`expected an array, got ${describe(this.value)}`);
    return (this.value as unknown[]).map((v, i) => new At(this.source, `${this.path}[${i}]`, v));
  }

  entries(): [string, At][] {
    return Object.keys(this.object()).map((k) => [k, this.key(k)]);
  }

  string(): string {
    if (typeof this.value !== 'string' || this.value.trim() === '') this.fail(`expected a non-empty string, got ${describe(this.value)}`);
    return this.value as string;
  }

  optString(): string | undefined {
    return this.value === undefined ? undefined : this.string();
  }

  number(lo = -Infinity, hi = Infinity, what = ''): number {
    const v = this.value;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(`expected a finite number, got ${describe(v)}`);
    const n = v as number;
    if (n < lo || n > hi) {
      const range = hi === Infinity ? `>= ${lo}` : lo === -Infinity ? `<= ${hi}` : `in [${lo}, ${hi}]`;
      this.fail(`${what || 'value'} ${n} must be ${range}`);
    }
    return n;
  }

  positive(): number {
    const n = this.number();
    if (!(n > 0)) this.fail(`expected a positive number, got ${n}`);
    return n;
  }

  boolean(): boolean {
    if (typeof this.value !== 'boolean') this.fail(`expected true or false, got ${describe(this.value)}`);
    return this.value as boolean;
  }

  oneOf<T extends string | number>(options: readonly T[]): T {
    if (!options.includes(this.value as T)) this.fail(`expected one of ${options.map((o) => JSON.stringify(o)).join(', ')}, got ${describe(this.value)}`);
    return this.value as T;
  }

  /** An identifier usable in expressions: lower snake_case. */
  name(): string {
    const s = this.string();
    if (!/^[a-z][a-z0-9_]*$/.test(s)) this.fail(`"${s}" is not a valid name (lower snake_case: [a-z][a-z0-9_]*)`);
    return s;
  }
}

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}
