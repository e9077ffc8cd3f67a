import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { ViewerSettings } from '../live/settings.ts';
import type { TwinState } from '../live/store-types.ts';
import type { TwinRuntime } from '../live/twin-runtime.ts';

/** The runtime the app runs against (tests pass one with a fake REST client). */
export const RuntimeContext = createContext<TwinRuntime | null>(null);

/** The current runtime; throws outside a provider so a missing one fails loudly. */
export function useRuntime(): TwinRuntime {
  const rt = useContext(RuntimeContext);
  if (!rt) throw new Error('useRuntime: no RuntimeContext provider');
  return rt;
}

/** Selects a slice of the twin store; the component re-renders only when the slice changes. */
export function useTwin<T>(selector: (s: TwinState) => T): T {
  return useStore(useRuntime().store, selector);
}

/** Selects a slice of the viewer settings. */
export function useSettings<T>(selector: (s: ViewerSettings) => T): T {
  return useStore(useRuntime().settings, selector);
}
