/**
 * The planner's answer templates: each turns tool results into sentences using only the numbers in
 * them (rounded as shown), and says how far each can be trusted. No template writes a number of its own.
 */
import type { FailureToolData, RulToolData, WhatIfToolData } from './tools.ts';

const pct = (p: number) => `${Math.round(100 * p)} %`;
const h1 = (h: number) => `${h.toFixed(1)} h`;
const f1 = (v: number) => v.toFixed(1);
const readable = (feature: string) => feature.split('.').at(-1)!.replace(/_/g, ' ');

export function failureText(d: FailureToolData): string {
  if (d.probability === null) return `There is no failure-risk prediction for ${d.asset} yet (the model is ${d.status}).`;
  const drivers = d.topFactors.filter((f) => f.contribution > 0).slice(0, 3).map((f) => readable(f.feature));
  const auc = d.model.metrics['roc_auc'];
  return [
    `The failure-risk model gives ${d.asset} a ${pct(d.probability)} probability of failing within ${d.horizonH} h.`,
    drivers.length ? `What pushed it most: ${drivers.join(', ')}.` : '',
    auc !== undefined ? `Confidence: the model (${d.model.version ?? 'champion'}) ranks failing machines above healthy ones with a held-out ROC AUC of ${auc.toFixed(2)}; treat the probability as an estimate, not a certainty.` : 'Confidence: the registry records no held-out metrics for this model, so treat the probability with caution.',
  ]
    .filter(Boolean)
    .join(' ');
}

export function rulText(d: RulToolData): string {
  if (d.rul === null) return `There is no RUL prediction for ${d.asset} yet (the model is ${d.status}).`;
  if (d.rul.kind === 'at-least') return `The RUL model says ${d.asset} has more than ${h1(d.rul.hours)} of useful life left: that is the model's cap, so it says only "at least", not how much more.`;
  const spread = d.rmseH !== null ? ` Confidence: ± ${h1(d.rmseH)} (the model's held-out RMSE, one standard deviation).` : ' Confidence: the registry records no held-out error for this model.';
  return `The RUL model estimates ${h1(d.rul.hours)} of remaining useful life for ${d.asset}.${spread}`;
}

interface PlanSummary {
  readonly id: string;
  readonly solverLine: string;
  readonly horizonDays: number;
  readonly teams: readonly string[];
  readonly jobs: readonly { unit: string; team: string; failureMode: string; start: string; hours: number; riskBefore: number; riskAfter: number }[];
  readonly costs: { readonly planned: number; readonly runToFailure: number };
  readonly twin: null | { readonly seeds: number; readonly intervalLevelPct: number; readonly failuresNothing: string; readonly failuresPlan: string; readonly costChangePct: string };
  readonly twinCheckError: string | null;
  readonly unschedulable: readonly string[];
  readonly skipped: number;
}

export function scheduleText(p: PlanSummary): string {
  const lines = [`Plan ${p.id} (${p.solverLine}): ${p.jobs.length} jobs over ${p.horizonDays} days with ${p.teams.length} teams.`];
  for (const j of p.jobs.slice(0, 8)) lines.push(`- ${j.unit}: ${j.failureMode}, ${j.team}, ${j.start.slice(0, 16).replace('T', ' ')} UTC, ${j.hours} h; risk ${pct(j.riskBefore)} → ${pct(j.riskAfter)}.`);
  if (p.jobs.length > 8) lines.push(`- and ${p.jobs.length - 8} more (see the Maintenance view).`);
  lines.push(`Expected cost ${Math.round(p.costs.planned)} against ${Math.round(p.costs.runToFailure)} running to failure; these figures rest on the served predictions.`);
  if (p.twin) lines.push(`On the twin (${p.twin.seeds} seeds, ${p.twin.intervalLevelPct} % intervals): failures doing nothing ${p.twin.failuresNothing}, with the plan ${p.twin.failuresPlan}; cost change ${p.twin.costChangePct}.`);
  else lines.push(`It was not checked on the twin: ${p.twinCheckError}.`);
  if (p.unschedulable.length) lines.push(`No crew or window could take: ${p.unschedulable.join(', ')} — inspect those manually.`);
  if (p.skipped) lines.push(`${p.skipped} machines were left out for lack of predictions.`);
  lines.push('Nothing is applied until an engineer applies the plan.');
  return lines.join('\n');
}


export function whatIfText(w: WhatIfToolData): string {
  const d = w.deltaDefectsPer1000;
  return [
    `Setting ${w.setpoint} to ${w.value} ${w.unit}, over ${w.horizonH} h on ${w.seeds} seeds of the twin: defects ${f1(w.baselineDefectsPer1000)} → ${f1(w.changedDefectsPer1000)} per thousand units (change ${f1(d.mean)}, from ${f1(d.p10)} to ${f1(d.p90)} across the seeds), throughput ${f1(w.deltaUnitsPerH)} units/h, energy ${f1(w.deltaEnergyMWh)} MWh.`,
    d.p10 < 0 && d.p90 > 0 ? 'The seeds disagree on the sign of the change in defects: the twin cannot tell whether it helps.' : '',
    'Nothing was changed on the plant.',
  ]
    .filter(Boolean)
    .join(' ');
}

export { pct, h1, f1, readable };
