/**
 * How long the history keeps each kind of row, as data: which table, which time column, how many
 * days. Pure: the cut-off is computed from a time the caller gives (the twin's clock), never read here.
 *
 * What is never deleted, by design: the audit log (append-only, its triggers refuse DELETE: it is
 * the record of who changed the plant), alerts (a few rows a day, and the record of what operators
 * were told), settings, recordings and the model registry's copy (made by people, small).
 */

export const DAY_MS = 86_400_000;

/** The tables retention prunes, with the column their age is read from. */
export const RETAINED_TABLES = {
  samples: 't',
  samples_10s: 't',
  samples_1m: 't',
  samples_10m: 't',
  events: 't',
  predictions: 't',
} as const;
export type RetainedTable = keyof typeof RETAINED_TABLES;

/** Days each table keeps, per table; null: forever. */
export type RetentionPolicy = { readonly [T in RetainedTable]: number | null };

/**
 * Sized by `npm run bench:storage` on the glass plant (PGlite, GB per simulated day): raw samples
 * 2.69, samples_10s 0.50, samples_1m 0.13, samples_10m 0.04, events 0.02. A day of raw samples
 * covers the incident under review; charts of older ranges read the rollups, kept longer. At these
 * horizons the history settles near 11 GB (the earlier week-to-two-years policy: about 93 GB).
 */
export const DEFAULT_RETENTION: RetentionPolicy = {
  samples: 1,
  samples_10s: 3,
  samples_1m: 14,
  samples_10m: 90,
  events: 90,
  predictions: 30,
};

/** The environment variable of each table's horizon: TWIN_RETAIN_<TABLE>_DAYS. */
export const retentionEnvName = (table: RetainedTable): string => `TWIN_RETAIN_${table.toUpperCase()}_DAYS`;

/** One table's pruning: rows with `column` < `cutoffMs` go. */
export interface RetentionCut {
  readonly table: RetainedTable;
  readonly column: string;
  readonly cutoffMs: number;
}

/** The cut of every table that is not kept forever, at twin time `nowMs`. */
export function retentionCuts(policy: RetentionPolicy, nowMs: number): RetentionCut[] {
  const cuts: RetentionCut[] = [];
  for (const table of Object.keys(RETAINED_TABLES) as RetainedTable[]) {
    const days = policy[table];
    if (days !== null) cuts.push({ table, column: RETAINED_TABLES[table], cutoffMs: nowMs - days * DAY_MS });
  }
  return cuts;
}

/**
 * The policy from `TWIN_RETAIN_<TABLE>_DAYS` variables: a positive number of days (fractions allowed)
 * or `forever`; an unset variable keeps the default. Throws naming the variable and the bad value.
 */
export function retentionPolicyFromEnv(env: Readonly<Record<string, string | undefined>>, defaults: RetentionPolicy = DEFAULT_RETENTION): RetentionPolicy {
  const out: Record<string, number | null> = { ...defaults };
  for (const table of Object.keys(RETAINED_TABLES) as RetainedTable[]) {
    const name = retentionEnvName(table);
    const text = env[name];
    if (text === undefined || text === '') continue;
    if (text === 'forever') {
      out[table] = null;
      continue;
    }
    const days = Number(text);
    if (!Number.isFinite(days) || days <= 0) throw new RangeError(`${name}: "${text}" is not a positive number of days or "forever"`);
    out[table] = days;
  }
  // A coarser rollup that forgets before a finer one would leave charts of old ranges on the finer level only.
  const levels = ['samples', 'samples_10s', 'samples_1m', 'samples_10m'] as const;
  for (let i = 1; i < levels.length; i++) {
    const finer = out[levels[i - 1]!] ?? null, coarser = out[levels[i]!] ?? null;
    if ((coarser ?? Infinity) < (finer ?? Infinity)) {
      throw new RangeError(`${retentionEnvName(levels[i]!)}: ${coarser ?? 'forever'} days is shorter than ${retentionEnvName(levels[i - 1]!)} (${finer ?? 'forever'}): a coarser level must be kept at least as long as a finer one`);
    }
  }
  return out as RetentionPolicy;
}
