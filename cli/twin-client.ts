/**
 * How CLI commands talk to a running twin: its URL (--url, TWIN_URL), an API key (--api-key-file or
 * TWIN_API_KEY), and the API's envelope unwrapped into the data or an error that names the command.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './usage-error.ts';

export const TWIN_CONNECTION_FLAGS = { url: { type: 'string', default: process.env['TWIN_URL'] ?? 'http://127.0.0.1:8080' }, 'api-key-file': { type: 'string' }, json: { type: 'boolean', default: false } } as const;

export function twinApiKey(who: string, file: string | undefined): string | undefined {
  if (file === undefined) return process.env['TWIN_API_KEY'];
  const key = readFileSync(file, 'utf8').trim();
  if (!key) throw new UsageError(`${who}: --api-key-file: "${file}" is empty`);
  return key;
}

/** The `data` of the answer; a 400 is the user's mistake (UsageError), anything else an error naming the request. */
export async function callTwin(who: string, base: string, key: string | undefined, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  let url: URL;
  try {
    url = new URL(path, base);
  } catch {
    throw new UsageError(`${who}: --url: "${base}" is not a URL`);
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers: { ...(key ? { 'x-api-key': key } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch (err) {
    throw new Error(`${who}: cannot reach the twin at ${base} (${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}); start it with npm start or give --url`);
  }
  const envelope = (await res.json().catch(() => null)) as { data: unknown; error: { code: string; message: string } | null } | null;
  if (!envelope) throw new Error(`${who}: ${method} ${path}: HTTP ${res.status} without a JSON answer`);
  if (envelope.error) {
    const msg = `${who}: ${envelope.error.message} (${envelope.error.code})`;
    throw res.status === 400 ? new UsageError(msg) : new Error(msg);
  }
  return envelope.data;
}
