import { readFileSync } from 'node:fs';
import { RECORDING_VERSION, type Recording } from '../scenarios/recording.ts';
import { UsageError } from './usage-error.ts';

/** Reads a recording written by `twin simulate --record`; a damaged file gets one clear line. */
export function readRecording(path: string): Recording {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`recording "${path}" not found or unreadable`);
  }
  let raw: Partial<Recording>;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UsageError(`recording "${path}" is not valid JSON`);
  }
  if (raw.version !== RECORDING_VERSION) throw new UsageError(`recording "${path}": unsupported version ${String(raw.version)}`);
  for (const key of ['scenario', 'startTick', 'endTick', 'inputs', 'checkpoints', 'hash'] as const) {
    if (raw[key] === undefined) throw new UsageError(`recording "${path}": missing "${key}"`);
  }
  if (!Array.isArray(raw.checkpoints) || raw.checkpoints.length === 0) throw new UsageError(`recording "${path}": no checkpoints`);
  return raw as Recording;
}
