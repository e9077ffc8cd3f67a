// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { loadApiKey, saveApiKey, wsProtocols } from './api-key.ts';
import { ApiCallError, createRestClient } from './rest-client.ts';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('REST client', () => {
  it('sends the stored API key as x-api-key and unwraps the envelope', async () => {
    const fetch = vi.fn(async () => json(200, { data: { ok: 1 }, error: null }));
    const rest = createRestClient({ getKey: () => 'k-123', fetch });
    expect(await rest.get('/api/kpis')).toEqual({ ok: 1 });
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>)['x-api-key']).toBe('k-123');
  });

  it('sends no key header without a key (development servers)', async () => {
    const fetch = vi.fn(async () => json(200, { data: 1, error: null }));
    await createRestClient({ getKey: () => null, fetch }).get('/api/health');
    expect((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].headers).not.toHaveProperty('x-api-key');
  });

  it('throws the coded error and reports a 401 so the shell can ask for a key', async () => {
    const onUnauthorized = vi.fn();
    const rest = createRestClient({ getKey: () => null, onUnauthorized, fetch: async () => json(401, { data: null, error: { code: 'TWIN_ERR_UNAUTHORIZED', message: 'credentials required' } }) });
    await expect(rest.get('/api/kpis')).rejects.toMatchObject({ code: 'TWIN_ERR_UNAUTHORIZED', status: 401 });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('turns a network failure into TWIN_ERR_NETWORK', async () => {
    const rest = createRestClient({ getKey: () => null, fetch: async () => { throw new TypeError('Failed to fetch'); } });
    const err = await rest.get('/api/kpis').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).code).toBe('TWIN_ERR_NETWORK');
  });
});

describe('API key storage', () => {
  it('keeps a trimmed key in localStorage and forgets it on null', () => {
    saveApiKey('  abc  ');
    expect(loadApiKey()).toBe('abc');
    saveApiKey(null);
    expect(loadApiKey()).toBeNull();
  });

  it('carries the key to the WebSocket as a base64url sub-protocol next to "twinworks"', () => {
    expect(wsProtocols(null)).toEqual([]);
    expect(wsProtocols('a+b/c?')).toEqual(['twinworks', `twin-key.${btoa('a+b/c?').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`]);
  });
});
