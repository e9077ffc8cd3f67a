import type { SampleSource } from './history-store.ts';

/** The `source` column's codes: stored as smallint, never renumbered (migration 2). */
const CODES: Readonly<Record<SampleSource, number>> = { twin: 0, plant: 1 };

export function sourceCode(source: SampleSource | undefined): number {
  return CODES[source ?? 'twin'];
}
