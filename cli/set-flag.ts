import { parseDuration } from '../scenarios/duration.ts';
import { UsageError } from './usage-error.ts';

/** One `--set asset.setpoint=value[@offset]`: a setpoint change `offsetS` after the branch point. */
export interface SetFlag {
  readonly setpoint: string;
  readonly value: number;
  readonly offsetS: number;
}

/** Parses `--set Line_A.furnace_temp=1420@5m`; errors name the flag and what is wrong. */
export function setFlag(text: string): SetFlag {
  const m = /^([A-Za-z0-9_]+\.[A-Za-z0-9_]+)=([^@]+)(?:@(.+))?$/.exec(text.trim());
  if (!m) throw new UsageError(`--set: "${text}" is not asset.setpoint=value[@offset] (e.g. Line_A.furnace_temp=1420@5m)`);
  const value = Number(m[2]);
  if (!Number.isFinite(value)) throw new UsageError(`--set: "${m[2]}" in "${text}" is not a number`);
  let offsetS = 0;
  if (m[3] !== undefined) {
    const s = parseDuration(m[3]);
    if (s === undefined || !(s >= 0)) throw new UsageError(`--set: offset "${m[3]}" in "${text}" is not a time after the branch point (e.g. 5m, 90s)`);
    offsetS = s;
  }
  return { setpoint: m[1]!, value, offsetS };
}

/** Every `--set` given (at least one). */
export function setFlags(values: readonly string[] | undefined, command: string): SetFlag[] {
  if (!values || values.length === 0) throw new UsageError(`${command}: --set asset.setpoint=value[@offset] is required`);
  return values.map(setFlag);
}
