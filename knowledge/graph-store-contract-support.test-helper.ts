/**
 * What the parts of the GraphStore contract share (graph-store-contract.test-helper.ts runs them):
 * how a suite opens its store, the context every part gets, and a few expectations.
 */
import { expect } from 'vitest';
import type { GraphEdge, GraphSnapshot } from './graph-model.ts';
import { GraphStoreError, type GraphStore, type GraphStoreErrorCode, type IncidentOutcome } from './graph-store.ts';
import type { PlantFixture } from './graph-store-fixture.test-helper.ts';

export interface OpenedGraphStore {
  readonly store: GraphStore;
  /** Closes the store and whatever was opened for it (its database). */
  close(): Promise<void>;
}

/**
 * Opens the store of one database; every call opens the same database again (a restart). `handover`
 * is the snapshot the previous store closed with: only a store without a database (memory) may use
 * it, the others must find everything in their database.
 */
export type OpenGraphStore = (handover: GraphSnapshot) => Promise<OpenedGraphStore>;

/** What each part of the contract gets: the open store, and the plant graph seeded under a fresh namespace. */
export interface ContractContext {
  store(): GraphStore;
  seeded(): Promise<PlantFixture>;
}

/** Fails unless `p` is refused with a GraphStoreError of `code` (and a message matching `message`). */
export async function expectRefused(p: Promise<unknown>, code: GraphStoreErrorCode, message?: RegExp): Promise<void> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err, 'the call was not refused').toBeInstanceOf(GraphStoreError);
  expect({ code: (err as GraphStoreError).code, message: (err as Error).message }).toMatchObject({ code, message: message ?? expect.any(String) });
}

export const ids = (xs: readonly { readonly id: string }[]): string[] => xs.map((x) => x.id);
export const sorted = (xs: readonly string[]): string[] => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
export const counts = (e: GraphEdge | null | undefined): [unknown, unknown] => [e?.props['alpha'], e?.props['beta']];
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The part of a snapshot under the fixture's namespace. */
export function inNamespace(f: PlantFixture, s: GraphSnapshot): GraphSnapshot {
  const prefix = `${f.id('crack').slice('defect:'.length).split('/')[0]!}/`;
  const mine = (id: string): boolean => id.includes(`:${prefix}`);
  return { nodes: s.nodes.filter((n) => mine(n.id)), edges: s.edges.filter((e) => mine(e.from)) };
}

let incidents = 0;
/** A confirmed cause of bubbles (burner fouling, through the furnace temperature) on an incident of its own. */
export const outcome = (f: PlantFixture, over: Partial<IncidentOutcome> = {}): IncidentOutcome => ({
  incidentId: `ALT-${++incidents}-${f.id('crack')}`,
  incidentLabel: 'bubbles on Line_A',
  symptom: f.id('bubble'),
  cause: f.id('burner_fouling'),
  verdict: 'confirmed',
  path: [f.edge('CAUSES', 'burner_fouling', 'furnace_temp'), f.edge('CAUSES', 'furnace_temp', 'bubble')],
  by: 'olga',
  at: '2026-01-05T08:30:00.000Z',
  deviations: [
    { variable: f.id('furnace_temp'), sigma: 3.2, onset: '2026-01-05T07:50:00.000Z' },
    { variable: f.id('viscosity'), sigma: -2.5, onset: '2026-01-05T08:05:00.000Z' },
  ],
  ...over,
});
