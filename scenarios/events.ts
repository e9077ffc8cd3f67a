/** Checks and normalizes the scripted faults and operator actions, sorted by time. */

import type { ActionFile, FaultFile } from './file-types.ts';
import { LINE_FAULTS, machineFaults, SENSOR_FAULTS, targetKindOf, type FaultKind, type FaultTargetKind } from './faults.ts';
import type { PathIssue } from './scenario-error.ts';
import { checkSetpointValue, setpointsOf } from './setpoints.ts';
import { didYouMean } from './suggest.ts';
import { resolveTime, type TimeFrame } from './times.ts';
import type { FaultEvent, OperatorAction } from './types.ts';
import type { AssetIndex } from './asset-index.ts';

/** Faults with times in seconds and parameters filled, sorted by time (stable). */
export function normalizeFaults(
  faults: readonly FaultFile[],
  assets: AssetIndex,
  frame: TimeFrame | undefined,
  issues: PathIssue[],
): FaultEvent[] {
  const out: FaultEvent[] = [];
  faults.forEach((f, i) => {
    const atS = timeOf(f.at, frame, ['faults', i, 'at'], issues);
    const kind = faultTarget(f.target, assets, ['faults', i, 'target'], issues);
    const params = kind === undefined ? undefined : faultParams(f, kind, assets, i, issues);
    if (atS !== undefined && params !== undefined) out.push({ atS, target: f.target, type: f.type, params });
  });
  return out.sort((a, b) => a.atS - b.atS);
}

/** Actions with times in seconds, sorted by time (stable). */
export function normalizeActions(
  actions: readonly ActionFile[],
  assets: AssetIndex,
  frame: TimeFrame | undefined,
  issues: PathIssue[],
): OperatorAction[] {
  const out: OperatorAction[] = [];
  actions.forEach((a, i) => {
    const atS = timeOf(a.at, frame, ['actions', i, 'at'], issues);
    if ('maintenance' in a) {
      const known = assets.kindOf(a.maintenance) !== undefined;
      if (!known) issues.push({ at: ['actions', i, 'maintenance'], message: assets.unknownMessage(a.maintenance) });
      if (atS !== undefined && known) out.push({ atS, kind: 'maintenance', target: a.maintenance });
      return;
    }
    if (checkSetpointAction(a, assets, i, issues) && atS !== undefined) {
      out.push({ atS, kind: 'setpoint', setpoint: a.setpoint, value: a.value });
    }
  });
  return out.sort((a, b) => a.atS - b.atS);
}

function timeOf(value: FaultFile['at'], frame: TimeFrame | undefined, at: PathIssue['at'], issues: PathIssue[]) {
  const t = resolveTime(value, frame);
  if ('problem' in t) {
    issues.push({ at, message: t.problem });
    return undefined;
  }
  return t.atS;
}

/** The kind of thing a fault target names, or undefined (with an issue) if it names nothing known. */
function faultTarget(target: string, assets: AssetIndex, at: PathIssue['at'], issues: PathIssue[]): FaultTargetKind | undefined {
  const dot = target.indexOf('.');
  const asset = dot < 0 ? target : target.slice(0, dot);
  const kind = assets.kindOf(asset);
  if (kind === undefined) {
    const what = dot < 0 ? '' : `sensor "${target}" belongs to no known asset: `;
    issues.push({ at, message: `${what}${assets.unknownMessage(asset)}` });
    return undefined;
  }
  return dot < 0 ? kind : 'sensor';
}

function faultParams(
  f: FaultFile,
  kind: FaultTargetKind,
  assets: AssetIndex,
  i: number,
  issues: PathIssue[],
): Record<string, number> | undefined {
  const belongs = targetKindOf(f.type);
  const profile = kind === 'machine' ? assets.builtinProfileOf(f.target) : undefined;
  // A machine with a profile file may have failure modes of its own: its model checks them.
  if (kind === 'machine' && profile === undefined && belongs !== 'line' && belongs !== 'sensor') return { ...f.params };
  const kinds = kind === 'line' ? LINE_FAULTS : kind === 'sensor' ? SENSOR_FAULTS : machineFaults(profile!);
  const spec = kinds.find((k) => k.type === f.type);
  if (spec !== undefined) return checkParams(spec, f.params ?? {}, ['faults', i, 'params'], issues);
  const names = kinds.map((k) => k.type);
  const what = profile ?? kind;
  const message =
    belongs === 'sensor'
      ? `${f.type} is a sensor fault: its target must be a sensor id like "${f.target}.<sensor>", not the ${kind} "${f.target}"`
      : belongs !== undefined && belongs !== kind
        ? `${f.type} is a ${belongs} fault, but "${f.target}" is a ${kind} (${what} faults: ${names.join(', ')})`
        : `unknown ${what} fault "${f.type}"${didYouMean(f.type, names)}; expected one of: ${names.join(', ')}`;
  issues.push({ at: ['faults', i, 'type'], message });
  return undefined;
}

/** Parameters in the catalog's order, defaults filled (optional ones left out if absent); undefined if any is wrong. */
function checkParams(
  spec: FaultKind,
  given: Readonly<Record<string, number>>,
  at: PathIssue['at'],
  issues: PathIssue[],
): Record<string, number> | undefined {
  const before = issues.length;
  const names = spec.params.map((p) => p.name);
  for (const name of Object.keys(given)) {
    if (names.includes(name)) continue;
    const takes = names.length === 0 ? 'it takes no parameters' : `it takes ${names.join(', ')}`;
    const hint = didYouMean(name, names);
    issues.push({ at: [...at, name], message: `is not a parameter of ${spec.type}${hint !== '' ? hint : ` (${takes})`}` });
  }
  const out: Record<string, number> = {};
  for (const p of spec.params) {
    const value = Object.hasOwn(given, p.name) ? given[p.name] : p.default;
    if (value === undefined && p.optional === true) continue;
    if (value === undefined) {
      issues.push({ at: [...at, p.name], message: `is required for ${spec.type}${p.unit === '' ? '' : ` (${p.unit})`}` });
    } else if (!(value >= p.min && value <= p.max)) {
      issues.push({ at: [...at, p.name], message: `must be between ${p.min} and ${p.max}${p.unit === '' ? '' : ` ${p.unit}`} (got ${value})` });
    } else if (p.nonZero === true && value === 0) {
      issues.push({ at: [...at, p.name], message: `must not be 0 (a ${spec.type} of 0 is no fault)` });
    } else out[p.name] = value;
  }
  return issues.length === before ? out : undefined;
}

function checkSetpointAction(
  a: { readonly setpoint: string; readonly value: number },
  assets: AssetIndex,
  i: number,
  issues: PathIssue[],
): boolean {
  const [asset = '', name = ''] = a.setpoint.split('.');
  const kind = assets.kindOf(asset);
  if (kind === undefined) {
    issues.push({ at: ['actions', i, 'setpoint'], message: assets.unknownMessage(asset) });
    return false;
  }
  const ranges = setpointsOf(kind);
  const range = ranges.find((r) => r.name === name);
  if (range === undefined) {
    const names = ranges.map((r) => r.name);
    issues.push({
      at: ['actions', i, 'setpoint'],
      message: `${kind} ${asset} has no setpoint "${name}"${didYouMean(name, names)}; its setpoints: ${names.join(', ')}`,
    });
    return false;
  }
  const problem = checkSetpointValue(range, a.value, true);
  if (problem !== undefined) issues.push({ at: ['actions', i, 'value'], message: problem });
  return problem === undefined;
}
