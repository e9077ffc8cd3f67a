/**
 * Picks the fastest TF.js backend that loads here: tfjs-node-gpu, tfjs-node, wasm, then cpu
 * (`TWIN_TF_BACKEND` forces one). The native packages are optional and not dependencies: they are
 * imported through a name held in a variable, so neither TypeScript nor a bundler requires them.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Backend names in order of preference. */
export const BACKEND_ORDER = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

const NATIVE_PACKAGE: Partial<Record<BackendName, string>> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
};

let chosen: Promise<BackendName> | undefined;

async function tryBackend(name: BackendName): Promise<boolean> {
  try {
    const pkg = NATIVE_PACKAGE[name];
    if (pkg !== undefined) {
      await import(/* @vite-ignore */ pkg); // registers the 'tensorflow' backend
      return await tf.setBackend('tensorflow');
    }
    if (name === 'wasm') {
      // In Node the .wasm binaries are read from disk, next to the package's dist/ bundle.
      const req = createRequire(import.meta.url);
      const dist = path.join(path.dirname(req.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
      setWasmPaths(dist + path.sep);
    }
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/**
 * Selects and initialises the backend once per process; returns its name.
 * @example const backend = await initBackend(); // 'wasm' on a machine without tfjs-node
 */
export function initBackend(
  prefer: string | undefined = process.env['TWIN_TF_BACKEND'],
  log: (line: string) => void = (l) => process.stderr.write(l + '\n'),
): Promise<BackendName> {
  chosen ??= selectBackend(prefer, log);
  return chosen;
}

/** Tries `prefer` first, then BACKEND_ORDER; activates and returns the first that loads (no caching). */
export async function selectBackend(prefer: string | undefined, log: (line: string) => void): Promise<BackendName> {
  const wanted = prefer === undefined || prefer === '' ? [] : [prefer === 'node' ? 'tensorflow' : prefer];
  const order = [...wanted, ...BACKEND_ORDER.filter((b) => !wanted.includes(b))] as BackendName[];
  for (const name of order) {
    if (await tryBackend(name)) {
      await tf.ready();
      const active = (NATIVE_PACKAGE[name] !== undefined ? name : tf.getBackend()) as BackendName;
      log(`[ml] TF.js backend: ${active}${wanted.length > 0 && wanted[0] !== active ? ` (${prefer} unavailable)` : ''}`);
      return active;
    }
  }
  throw new Error('no TF.js backend could be initialised');
}

/** The backend chosen by `initBackend`, or undefined before it ran. */
export async function backendName(): Promise<BackendName | undefined> {
  return chosen === undefined ? undefined : chosen;
}

export { tf };
