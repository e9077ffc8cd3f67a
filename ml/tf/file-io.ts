/**
 * TF.js model artifacts on disk without tfjs-node: `model.json` (topology, weight specs, our
 * metadata) beside one `weights.bin`, the layout of tfjs's own `file://` handler
 * (tfjs-node `io/file_system.ts`), so either side can read the other's files.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';

/** Writes artifacts to `dir` (created if needed). */
export async function saveArtifacts(dir: string, a: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
  await mkdir(dir, { recursive: true });
  const data = a.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(a.weightData);
  const json = {
    format: a.format,
    generatedBy: a.generatedBy,
    convertedBy: a.convertedBy ?? null,
    modelTopology: a.modelTopology,
    userDefinedMetadata: a.userDefinedMetadata,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: a.weightSpecs ?? [] }],
  };
  await writeFile(path.join(dir, MODEL_JSON), JSON.stringify(json));
  await writeFile(path.join(dir, WEIGHTS_BIN), new Uint8Array(data));
  return {
    modelArtifactsInfo: {
      dateSaved: new Date(0), // deterministic files; the file system keeps the real time
      modelTopologyType: 'JSON',
      weightDataBytes: data.byteLength,
    },
  };
}

/** Reads artifacts written by `saveArtifacts` (or tfjs-node's `file://` handler with one shard). */
export async function loadArtifacts(dir: string): Promise<tf.io.ModelArtifacts> {
  const json = JSON.parse(await readFile(path.join(dir, MODEL_JSON), 'utf8')) as {
    modelTopology: object;
    format?: string;
    generatedBy?: string;
    userDefinedMetadata?: Record<string, unknown>;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) {
      const b = await readFile(path.join(dir, p));
      buffers.push(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
    }
  }
  const a: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs: specs,
    weightData: tf.io.CompositeArrayBuffer.join(buffers),
  };
  if (json.format !== undefined) a.format = json.format;
  if (json.generatedBy !== undefined) a.generatedBy = json.generatedBy;
  if (json.userDefinedMetadata !== undefined) a.userDefinedMetadata = json.userDefinedMetadata as Record<string, object>;
  return a;
}

/** A save handler for `tf.LayersModel.save`, e.g. `model.save(fileSaveHandler('out/rul'))`. */
export function fileSaveHandler(dir: string): tf.io.IOHandler {
  return tf.io.withSaveHandler((a) => saveArtifacts(dir, a));
}

/** A load handler for `tf.loadLayersModel(await fileLoadHandler('out/rul'))`. */
export async function fileLoadHandler(dir: string): Promise<tf.io.IOHandler> {
  return tf.io.fromMemory(await loadArtifacts(dir));
}
