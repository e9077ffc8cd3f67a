import type { ApiError } from '../../../protocol/envelope.ts';

/** A failed API call: the server's coded error, or a network failure (code TWIN_ERR_NETWORK). */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

export interface RestClientOptions {
  /** Origin and prefix, '' for same origin. */
  readonly baseUrl?: string;
  readonly getKey: () => string | null;
  /** Called on every 401 so the shell can ask for a key. */
  readonly onUnauthorized?: (error: ApiCallError) => void;
  readonly fetch?: typeof fetch;
}

/** REST access to twin-api: adds the API key, unwraps `{ data, error }`, throws ApiCallError. */
export interface RestClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
}

/** Creates the REST client. */
export function createRestClient(options: RestClientOptions): RestClient {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const key = options.getKey();
    if (key) headers['x-api-key'] = key;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch (err) {
      throw new ApiCallError('TWIN_ERR_NETWORK', `cannot reach the twin server (${(err as Error).message})`, 0);
    }
    let envelope: { data: T; error: ApiError | null } | null = null;
    try {
      envelope = (await res.json()) as { data: T; error: ApiError | null };
    } catch {
      // A proxy's HTML error page or an empty body: fall through with the status.
    }
    if (!res.ok || !envelope || envelope.error) {
      const error = new ApiCallError(envelope?.error?.code ?? `HTTP_${res.status}`, envelope?.error?.message ?? `${method} ${path}: HTTP ${res.status}`, res.status);
      if (res.status === 401) options.onUnauthorized?.(error);
      throw error;
    }
    return envelope.data;
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    put: (path, body) => call('PUT', path, body),
    delete: (path) => call('DELETE', path),
  };
}
