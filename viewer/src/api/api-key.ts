/** Where the viewer keeps the API key: this browser's localStorage, never the URL. */
export const API_KEY_STORAGE = 'twinworks.apiKey';

/** The stored API key, or null (development servers need none). */
export function loadApiKey(storage: Pick<Storage, 'getItem'> | null = globalThis.localStorage ?? null): string | null {
  const key = storage?.getItem(API_KEY_STORAGE) ?? null;
  return key && key.trim() ? key.trim() : null;
}

/** Stores (or, with null, forgets) the API key. */
export function saveApiKey(key: string | null, storage: Pick<Storage, 'setItem' | 'removeItem'> | null = globalThis.localStorage ?? null): void {
  if (!storage) return;
  if (key && key.trim()) storage.setItem(API_KEY_STORAGE, key.trim());
  else storage.removeItem(API_KEY_STORAGE);
}

/**
 * The WebSocket sub-protocols that carry the key: browsers cannot set headers on a WebSocket, so the
 * key rides in Sec-WebSocket-Protocol as "twin-key.<base64url(key)>" next to "twinworks", which the
 * server selects. Without a key, no sub-protocol is offered.
 */
export function wsProtocols(key: string | null): string[] {
  if (!key) return [];
  const b64 = btoa(String.fromCharCode(...new TextEncoder().encode(key)));
  return ['twinworks', `twin-key.${b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`];
}
