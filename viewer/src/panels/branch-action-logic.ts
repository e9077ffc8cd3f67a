import type { SetpointInfo } from '../../../protocol/plant.ts';
import type { BranchRequest } from '../../../protocol/sessions.ts';
import type { BranchDraft } from '../live/store-types.ts';

export type { BranchDraft };

export const EMPTY_DRAFT: BranchDraft = { setpoint: '', value: '', offset: '' };

/** A checked branch action: the setpoint change to send (null: none), or why it cannot be sent. */
export type BranchActionCheck =
  | { readonly ok: true; readonly action: { readonly setpoint: string; readonly value: number; readonly offsetS: number } | null }
  | { readonly ok: false; readonly reason: string };

/** Seconds from "90", "90s", "5m", "1h30m", "1h 30m"; null when it is none of these (or negative). */
export function parseOffsetS(text: string): number | null {
  const t = text.trim();
  if (t === '') return 0;
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const m = /^(?:(\d+(?:\.\d+)?)h)?\s*(?:(\d+(?:\.\d+)?)m)?\s*(?:(\d+(?:\.\d+)?)s)?$/.exec(t);
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/**
 * Checks the draft against the setpoint's safe bounds and the session's span before anything is sent
 * (the server checks again). `remainingS`: how long the session runs after the branch point (null: no end).
 */
export function checkBranchAction(draft: BranchDraft, setpoints: readonly SetpointInfo[], remainingS: number | null): BranchActionCheck {
  if (draft.setpoint === '') return { ok: true, action: null };
  const sp = setpoints.find((s) => s.id === draft.setpoint);
  if (!sp) return { ok: false, reason: `no setpoint "${draft.setpoint}" in this plant` };
  const text = draft.value.trim();
  if (text === '') return { ok: false, reason: `enter a value for ${sp.id} (${sp.min}–${sp.max} ${sp.unit})` };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, reason: `value: "${text}" is not a number` };
  if (value < sp.min || value > sp.max) return { ok: false, reason: `value: ${value} is outside the safe range ${sp.min}–${sp.max} ${sp.unit}` };
  const offsetS = parseOffsetS(draft.offset);
  if (offsetS === null) return { ok: false, reason: `after: "${draft.offset.trim()}" is not a time (seconds, or e.g. 5m, 1h30m)` };
  if (remainingS !== null && offsetS > remainingS) return { ok: false, reason: `after: ${offsetS} s is past the session's end (${remainingS} s after the branch point)` };
  return { ok: true, action: { setpoint: sp.id, value, offsetS } };
}

/** The body of POST /api/sessions/:id/branch for a branch at `tS` with the checked action. */
export function branchRequest(tS: number, action: { setpoint: string; value: number; offsetS: number } | null): BranchRequest {
  return { t: tS, actions: action ? [{ at: tS + action.offsetS, setpoint: action.setpoint, value: action.value }] : [] };
}
