/** The what-if request (schema in protocol/what-if.ts): its checks against one plant's setpoints, giving a timed plan. */
import { setpointProblem } from '../../physics/setpoint-bounds.ts';
import { Value } from 'typebox/value';
import type { LookaheadPlan, PlanStep } from '../../lookahead/plan.ts';
import type { SetpointSpec } from '../../physics/model.ts';
import { DEFAULT_LOOKAHEAD_STEP_S, DEFAULT_SEEDS, MAX_HORIZON_S, MAX_SEEDS, WhatIfRequest } from '../../protocol/what-if.ts';
import { formatDuration, parseDuration } from '../../scenarios/duration.ts';
import { didYouMean } from '../../scenarios/suggest.ts';
import { WhatIfError } from './errors.ts';

/**
 * The default look-ahead step: the coarsest of 10/30/60 s that stays faithful to the 1 s plant.
 * Measured over the library incidents (32-64 seeds, 4 h): at 10 s every defect rate is within one
 * standard error of the 1 s run; at 30 s the forming-pressure oscillation aliases (bubbles -7 %),
 * at 60 s it loses half its defects (45 vs 90 per 1,000) and the seed spread of belt-speed what-ifs
 * shrinks by a third. See lookahead/README.md.
 */
export { DEFAULT_LOOKAHEAD_STEP_S, DEFAULT_SEEDS, LOOKAHEAD_STEPS_S, MAX_HORIZON_S, MAX_SEEDS, WhatIfChange, WhatIfRequest } from '../../protocol/what-if.ts';

/** A request checked against a plant: the timed plan the look-ahead runs. */
export type WhatIfPlan = LookaheadPlan;

/** "/changes/0/value" → "changes[0].value" */
function fieldName(pointer: string): string {
  const parts = pointer.split('/').filter((p) => p !== '');
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(body)';
}

function schemaIssues(body: unknown): string[] {
  const issues: string[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(WhatIfRequest, body)) {
    // A union reports each failed branch and then itself: keep the union's summary, once per field.
    if (e.keyword === 'boolean') continue;
    const field = fieldName(e.instancePath);
    const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperties?: string[] }).additionalProperties?.join(', ')})` : '';
    const line = `${field}: ${e.message}${extra}`;
    if (seen.has(field) && e.keyword !== 'additionalProperties') continue;
    seen.add(field);
    issues.push(line);
  }
  return issues;
}

/**
 * Checks `body` against the schema and against the plant's setpoints and tick (`plantStepS`);
 * throws a WhatIfError (TWIN_ERR_WHAT_IF_BAD_REQUEST) listing every problem, each naming its field.
 * A change without `atS` applies now (atS 0); one with `durationS` returns to its previous target after it.
 * @example parseWhatIfRequest({ changes: [{ setpoint: 'Line_A.furnace_temp', value: 1450, atS: 600 }], horizon: '4h' }, setpoints)
 */
export function parseWhatIfRequest(body: unknown, setpoints: readonly SetpointSpec[], plantStepS = 1): WhatIfPlan {
  const fail = (issues: string[]): never => {
    throw new WhatIfError('TWIN_ERR_WHAT_IF_BAD_REQUEST', issues.join('; '), issues);
  };
  if (!Value.Check(WhatIfRequest, body)) {
    // A union's branch errors read badly ("must be number; must be string"): say what is expected.
    const horizon = (body as { horizon?: unknown } | null)?.horizon;
    const horizonIssue =
      typeof horizon === 'number' ? `horizon: must be more than 0 seconds (got ${horizon})` : 'horizon: must be a number of seconds or a duration such as "4h"';
    const issues = schemaIssues(body).map((i) =>
      i.startsWith('horizon:') ? horizonIssue : i.startsWith('seeds:') ? `seeds: must be an integer 1..${MAX_SEEDS} or a list of 1..${MAX_SEEDS} distinct integer seeds` : i,
    );
    fail(issues);
  }
  const req = body as WhatIfRequest;
  const issues: string[] = [];
  const horizonS = parseDuration(req.horizon);
  const byId = new Map(setpoints.map((s) => [s.id, s] as const));
  // A setpoint may change several times (a timed plan), but only once at one time.
  const firstUse = new Map<string, number>();
  const steps: PlanStep[] = [];
  const offTick = (tS: number) => Math.abs(tS / plantStepS - Math.round(tS / plantStepS)) > 1e-9;
  req.changes.forEach((c, i) => {
    const sp = byId.get(c.setpoint);
    if (sp === undefined) {
      issues.push(`changes[${i}].setpoint: unknown setpoint "${c.setpoint}"${didYouMean(c.setpoint, [...byId.keys()])}`);
      return;
    }
    const atS = c.atS ?? 0;
    const useKey = `${sp.id}@${atS}`;
    const before = firstUse.get(useKey);
    if (before !== undefined) issues.push(`changes[${i}].setpoint: ${sp.id} is already changed by changes[${before}]${atS > 0 ? ` at ${atS} s` : ''}`);
    firstUse.set(useKey, i);
    const problem = setpointProblem(sp, c.value);
    if (problem !== undefined) {
      issues.push(`changes[${i}].value: ${sp.id} ${problem}`);
    }
    if (horizonS !== undefined && atS >= horizonS) issues.push(`changes[${i}].atS: must be before the horizon (${formatDuration(horizonS)}), got ${atS} s`);
    else if (offTick(atS)) issues.push(`changes[${i}].atS: must be a multiple of the plant's ${plantStepS} s step, got ${atS}`);
    if (c.durationS !== undefined) {
      const backS = atS + c.durationS;
      if (offTick(c.durationS)) issues.push(`changes[${i}].durationS: must be a multiple of the plant's ${plantStepS} s step, got ${c.durationS}`);
      else if (horizonS !== undefined && backS >= horizonS) {
        issues.push(`changes[${i}].durationS: the setpoint would return at ${formatDuration(backS)}, not before the horizon (${formatDuration(horizonS)}); shorten it or look further ahead`);
      }
    }
    steps.push(c.durationS === undefined ? { atS, setpoint: sp.id, value: c.value } : { atS, setpoint: sp.id, value: c.value, durationS: c.durationS });
  });
  // "Back" must mean one value: no other change of the setpoint inside a timed change's window.
  steps.forEach((s, i) => {
    if (s.durationS === undefined) return;
    const j = steps.findIndex((o, k) => k !== i && o.setpoint === s.setpoint && o.atS >= s.atS && o.atS <= s.atS + s.durationS!);
    if (j >= 0) issues.push(`changes[${i}].durationS: ${s.setpoint} changes again at ${steps[j]!.atS} s before it returns at ${s.atS + s.durationS} s`);
  });
  if (horizonS === undefined || horizonS <= 0) {
    issues.push(`horizon: "${String(req.horizon)}" is not a positive duration (seconds, or e.g. "4h", "90m")`);
  } else if (horizonS > MAX_HORIZON_S) {
    issues.push(`horizon: must be at most ${formatDuration(MAX_HORIZON_S)}, got ${formatDuration(horizonS)}`);
  }
  if (issues.length > 0) fail(issues);
  const seeds = req.seeds === undefined ? DEFAULT_SEEDS : req.seeds;
  return {
    steps,
    horizonS: horizonS!,
    seeds: typeof seeds === 'number' ? Array.from({ length: seeds }, (_, i) => i + 1) : [...seeds],
    stepS: req.stepS ?? DEFAULT_LOOKAHEAD_STEP_S,
    scope: req.scope ?? 'affected',
  };
}
