import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { KgFocus } from '../panels/kg-logic.ts';

/** The page's views (hash routes). */
export const VIEWS = ['overview', 'asset', 'fleet', 'what-if', 'optimizer', 'maintenance', 'replay', 'knowledge', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export interface UiState {
  readonly view: View;
  /** Sensors shown in the asset view's charts. */
  readonly chartSensors: readonly string[];
  /** Values the what-if view starts from once (an intervention to try from a root-cause card). */
  readonly whatIfPrefill: { readonly asset: string; readonly values: Readonly<Record<string, number>> } | null;
  /** What the knowledge graph view shows (null: its default, a defect on the first line); an RCA card sets it with its path. */
  readonly kgFocus: KgFocus | null;
  /** The copilot's dock beside the view's panel (toggled from the top bar; its conversation is in copilot-store.ts). */
  readonly copilotOpen: boolean;
}

/** Navigation and chart selection: UI state, apart from the twin's data. */
export const uiStore = createStore<UiState>()(() => ({ view: viewFromHash(globalThis.location?.hash ?? ''), chartSensors: [], whatIfPrefill: null, kgFocus: null, copilotOpen: false }));

/** "#/what-if" → "what-if"; anything unknown → overview. */
export function viewFromHash(hash: string): View {
  const v = hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return (VIEWS as readonly string[]).includes(v) ? (v as View) : 'overview';
}

/** Goes to a view (and records it in the URL so reload and back work). */
export function navigate(view: View): void {
  uiStore.setState({ view });
  if (globalThis.location && viewFromHash(globalThis.location.hash) !== view) globalThis.location.hash = `#/${view}`;
}

/** Selects a slice of the UI state. */
export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(uiStore, selector);
}
