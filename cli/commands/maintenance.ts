/**
 * `twin maintenance plan | show | apply`: the maintenance planner of a running twin, from a terminal.
 * The plan is made where the predictions are (the server's `POST /api/optimizer/schedule`), so the
 * CLI and the viewer see one planner; this file only asks and prints.
 */
import type { SchedulePlan, ScheduleRequest } from '../../protocol/maintenance.ts';
import { durationFlag, parseCommandArgs } from '../args.ts';
import { UsageError } from '../usage-error.ts';
import { callTwin, TWIN_CONNECTION_FLAGS, twinApiKey } from '../twin-client.ts';

export const MAINTENANCE_USAGE = `twin maintenance plan [--teams 2] [--horizon 7d] [--risk 0.7] [--rul 24h] [--units a,b] [--json] | show [id] [--json] | apply <id> [--note text]
                                   [--url http://127.0.0.1:8080] [--api-key-file F | TWIN_API_KEY]: the running twin's maintenance planner`;

const CONNECTION = TWIN_CONNECTION_FLAGS;
const apiKey = (file: string | undefined) => twinApiKey('maintenance', file);
const call = (base: string, key: string | undefined, method: 'GET' | 'POST', path: string, body?: unknown) => callTwin('maintenance', base, key, method, path, body);

const number = (v: string | undefined, flag: string, lo: number, hi: number): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(Number.isFinite(n) && n >= lo && n <= hi)) throw new UsageError(`maintenance: ${flag}: "${v}" must be a number in ${lo}..${hi}`);
  return n;
};

const pct = (p: number) => `${(100 * p).toFixed(0)} %`;
const ci = (m: { mean: number; lo: number; hi: number } | null, unit = '') => (m === null ? 'n/a' : `${m.mean.toFixed(1)}${unit} [${m.lo.toFixed(1)}, ${m.hi.toFixed(1)}]`);

/** The plan as a planner reads it: one block per team, jobs in time order, then the figures. */
export function formatPlan(p: SchedulePlan): string {
  const out = [`maintenance plan ${p.id} from ${p.from}, ${p.horizonDays} days, ${p.teams.length} teams — ${p.source === 'mip' ? `${p.solver} ${p.status}${p.gap !== null ? `, gap ${(100 * p.gap).toFixed(2)} %` : ''}` : `greedy fallback: ${p.fallbackReason}`}`];
  for (const team of p.teams) {
    const jobs = p.jobs.filter((j) => j.team === team);
    out.push(`  ${team}:${jobs.length === 0 ? ' no jobs' : ''}`);
    for (const j of jobs) out.push(`    ${j.start.slice(0, 16).replace('T', ' ')} – ${j.end.slice(11, 16)}  ${j.unit.padEnd(16)} ${j.failureMode.padEnd(20)} ${j.hours} h  risk ${pct(j.riskBefore)} → ${pct(j.riskAfter)}${p.applied ? `  [${p.applied.jobs.find((a) => a.unit === j.unit)?.state ?? '?'}]` : ''}`);
  }
  out.push(`  expected cost: ${p.costs.planned.toFixed(0)} against ${p.costs.runToFailure.toFixed(0)} running to failure (greedy: ${p.greedy.costs.planned.toFixed(0)}, ${p.greedy.jobs} jobs)`);
  if (p.twinCheck) {
    const t = p.twinCheck;
    out.push(`  on the twin (${t.seeds.length} seeds, ${t.horizonH} h, ${t.stepS} s step, 95 % intervals): failures doing nothing ${ci(t.nothing.failures)}, with the plan ${ci(t.plan.failures)} (avoided ${ci(t.plan.failuresAvoidedPct, ' %')}), greedy ${ci(t.greedy.failures)}; cost change ${ci(t.plan.costChangePct, ' %')} (greedy ${ci(t.greedy.costChangePct, ' %')})`);
  } else out.push(`  not checked on the twin: ${p.twinCheckError}`);
  if (p.unschedulable.length) out.push(`  required but not schedulable: ${p.unschedulable.join(', ')}`);
  for (const s of p.skipped) out.push(`  left out: ${s.unit} (${s.reason})`);
  return out.join('\n');
}

export async function maintenance(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'plan') {
    const { values } = parseCommandArgs('maintenance plan', rest, { ...CONNECTION, teams: { type: 'string' }, horizon: { type: 'string' }, risk: { type: 'string' }, rul: { type: 'string' }, units: { type: 'string' } });
    const teams = number(values.teams, '--teams', 1, 200);
    if (teams !== undefined && !Number.isInteger(teams)) throw new UsageError(`maintenance: --teams: "${values.teams}" must be a whole number`);
    const body: ScheduleRequest = {
      ...(teams !== undefined ? { teams_available: teams } : {}),
      ...(values.horizon !== undefined ? { horizon_days: durationFlag(values.horizon, 'maintenance: --horizon') / 86_400 } : {}),
      ...(values.risk !== undefined ? { risk_threshold: number(values.risk, '--risk', 0, 1)! } : {}),
      ...(values.rul !== undefined ? { rul_threshold: durationFlag(values.rul, 'maintenance: --rul') / 3600 } : {}),
      ...(values.units !== undefined ? { unit_list: values.units.split(',').map((u) => u.trim()).filter(Boolean) } : {}),
    };
    const plan = (await call(values.url, apiKey(values['api-key-file']), 'POST', '/api/optimizer/schedule', body)) as SchedulePlan;
    console.log(values.json ? JSON.stringify(plan) : formatPlan(plan));
    return 0;
  }
  if (sub === 'show') {
    const { values, positionals } = parseCommandArgs('maintenance show', rest, CONNECTION, true);
    const plan = (await call(values.url, apiKey(values['api-key-file']), 'GET', positionals[0] ? `/api/maintenance/schedule/${encodeURIComponent(positionals[0])}` : '/api/maintenance/schedule')) as SchedulePlan | null;
    if (plan === null) console.log(values.json ? 'null' : 'no maintenance plan yet (twin maintenance plan makes one)');
    else console.log(values.json ? JSON.stringify(plan) : formatPlan(plan));
    return 0;
  }
  if (sub === 'apply') {
    const { values, positionals } = parseCommandArgs('maintenance apply', rest, { ...CONNECTION, note: { type: 'string' } }, true);
    if (positionals.length !== 1) throw new UsageError('maintenance apply: give the plan id (twin maintenance show prints it)');
    const plan = (await call(values.url, apiKey(values['api-key-file']), 'POST', `/api/maintenance/schedule/${encodeURIComponent(positionals[0]!)}/apply`, values.note !== undefined ? { note: values.note } : {})) as SchedulePlan;
    console.log(values.json ? JSON.stringify(plan) : formatPlan(plan));
    return 0;
  }
  throw new UsageError(`maintenance: unknown subcommand "${sub ?? ''}" (use plan, show or apply)`);
}
