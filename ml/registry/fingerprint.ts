/** A dataset fingerprint: SHA-256 of the windows' shapes, names, inputs and targets, so "same data" can be checked. */
import { createHash } from 'node:crypto';
import type { WindowSet } from '../window-set.ts';

/** First 16 hex digits of the SHA-256 over the given sets, in order. */
export function datasetFingerprint(...sets: readonly WindowSet[]): string {
  const h = createHash('sha256');
  for (const ws of sets) {
    h.update(JSON.stringify([ws.n, ws.steps, ws.features, ws.targets, ws.featureNames, ws.targetNames]));
    h.update(new Uint8Array(ws.x.buffer, ws.x.byteOffset, ws.x.byteLength));
    h.update(new Uint8Array(ws.y.buffer, ws.y.byteOffset, ws.y.byteLength));
    h.update(new Uint8Array(ws.group.buffer, ws.group.byteOffset, ws.group.byteLength));
  }
  return h.digest('hex').slice(0, 16);
}
