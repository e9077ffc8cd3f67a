import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ChannelMessage, ControlMessage } from '../../../protocol/ws.ts';
import { applyChannelMessage, applyControlMessage, isControl } from './apply-message.ts';
import { initialTwinState, type ConnectionState, type TwinState } from './store-types.ts';

/** The vanilla store: lives outside React so the WebSocket client and three.js can use it directly. */
export type TwinStore = StoreApi<TwinState>;

/** Creates an empty twin store. */
export function createTwinStore(initial: Partial<TwinState> = {}): TwinStore {
  return createStore<TwinState>()(() => ({ ...initialTwinState(), ...initial }));
}

/** Applies a WebSocket message to the store; returns true when the REST view must be refetched (resync). */
export function receive(store: TwinStore, m: ChannelMessage | ControlMessage): boolean {
  const state = store.getState();
  const applied = isControl(m) ? applyControlMessage(state, m) : applyChannelMessage(state, m);
  if (applied.patch) store.setState(applied.patch);
  return applied.refetch;
}

/** Merges a connection change (from the WebSocket client) into the store. */
export function setConnection(store: TwinStore, change: Partial<ConnectionState>): void {
  store.setState((s) => ({ connection: { ...s.connection, ...change } }));
}
