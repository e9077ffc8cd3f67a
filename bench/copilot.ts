/**
 * npm run bench:copilot — how often the copilot calls the right tool, cites the right manual section
 * and states only grounded numbers, on the reference plant with its real services (the served
 * models, the knowledge graph, alerts, history, the what-if pool, the maintenance planner), through
 * the API (POST /api/copilot/chat, in process), with no language model: the planner answers.
 * Progress and every miss on stderr, one JSON line on stdout:
 *   questions, questions_dev, questions_heldout        bench/support/copilot-questions.ts (≥ 60)
 *   tool_accuracy, _dev, _heldout   share of questions whose answer called the expected tool with the
 *                                   expected arguments, or asked for exactly the missing parameters
 *   fact_accuracy, fact_questions   prediction and alert questions whose answer states the served
 *                                   figure as GET /api/predictions or the alert book has it (the RUL in
 *                                   hours, the risk in percent, "no prediction yet" when there is none;
 *                                   the alert's id)
 *   answer_grounded                 share of answers whose every number is in a tool's result or arguments
 *   retrieval_recall_at_3, _dev, _heldout   share of manual questions with an expected section in the
 *                                   search's top three
 *   retrieval_recall_at_3_title_overlap_baseline    the same questions ranked by how many of the
 *                                   question's words a section's title holds (no BM25, no stemming)
 *   p95_ms, p95_ms_lookups          answer latency over all questions; over those that run no
 *                                   simulation (not optimize_schedule or what_if)
 *   plan_ms, what_if_ms             the slowest planning and what-if answer (they fork the plant)
 *   models_ready                    whether the served models had predictions (false: RUL and risk
 *                                   answers say "no prediction yet", still scored on the tool called)
 * Models: the registry in TWIN_MODELS_DIR when set (e.g. the one `npm start` trained; what it lacks
 * is trained into it), else the default models are trained into a temporary folder first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertView } from '../protocol/alerts.ts';
import type { ChatAnswer } from '../protocol/copilot.ts';
import type { PredictionData } from '../protocol/predictions.ts';
import { manualDocuments, incidentDocuments } from '../twin-api/copilot/copilot-docs.ts';
import { createTwinServices } from '../twin-api/services/create-twin-services.ts';
import { KEYS, testAuth } from '../twin-api/test-app.test-helper.ts';
import { QUESTIONS, type BenchQuestion } from './support/copilot-questions.ts';

const p95 = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]! : null;
};
const share = (xs: readonly boolean[]) => (xs.length ? Math.round((1000 * xs.filter(Boolean).length) / xs.length) / 1000 : null);
const say = (m: string) => process.stderr.write(`${m}\n`);

function sameArgs(got: Readonly<Record<string, unknown>>, want: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(want).every(([k, v]) => JSON.stringify(got[k]) === JSON.stringify(v));
}

function toolRight(q: BenchQuestion, a: ChatAnswer, alert: string): boolean {
  const e = q.expect;
  if ('needs' in e) return a.toolCalls.length === 0 && JSON.stringify([...a.needs].sort()) === JSON.stringify([...e.needs].sort());
  const want = Object.fromEntries(Object.entries(e.args ?? {}).map(([k, v]) => [k, v === '{ALERT}' ? alert : v]));
  return a.toolCalls.some((c) => c.tool === e.tool && sameArgs(c.args, want));
}

/** The fact a prediction or alert question's answer must state, read from the services directly (not from the answer's tool calls). */
function factOf(q: BenchQuestion, predictions: readonly PredictionData[], alertView: AlertView): string | null {
  if ('needs' in q.expect) return null;
  const asset = q.expect.args?.['asset'] as string | undefined;
  const p = predictions.find((x) => x.asset === asset);
  if (q.expect.tool === 'predict_rul') return p?.rul ? `${p.rul.hours.toFixed(1)} h` : 'There is no RUL prediction';
  if (q.expect.tool === 'predict_failure') return p?.failureProbability ? `${Math.round(100 * p.failureProbability.value)} %` : 'There is no failure-risk prediction';
  if (q.expect.tool === 'explain_alert') return alertView.id;
  return null;
}

function cited(q: BenchQuestion, a: ChatAnswer): boolean {
  const search = a.toolCalls.find((c) => c.tool === 'search_manuals' && c.ok);
  const hits = ((search?.result as { hits?: { id: string }[] } | null)?.hits ?? []).slice(0, 3).map((h) => h.id);
  return hits.some((h) => q.sections!.includes(h));
}

/** The naive ranking the BM25 index is compared with: question words found in a section's title. */
function titleOverlapTop3(docs: ReturnType<typeof manualDocuments>, q: string, topic: string | undefined): string[] {
  const words = new Set(q.toLowerCase().match(/[a-z]{3,}/g) ?? []);
  return docs
    .filter((d) => !topic || d.topic === topic || d.topic === null)
    .map((d) => ({ id: d.id, n: (d.title.toLowerCase().match(/[a-z]{3,}/g) ?? []).filter((w) => words.has(w)).length }))
    .sort((x, y) => y.n - x.n)
    .slice(0, 3)
    .map((x) => x.id);
}

async function main() {
  const given = process.env['TWIN_MODELS_DIR'];
  const modelsDir = given ?? mkdtempSync(join(tmpdir(), 'bench-copilot-models-'));
  say(`models: ${modelsDir}; the defaults missing there are trained first (several minutes on a first run)…`);
  const s = await createTwinServices({
    auth: testAuth(),
    scenario: 'glass-plant',
    clock: { kind: 'paced', speed: 1 },
    store: { kind: 'memory' },
    mqtt: null,
    models: { dir: modelsDir, bootstrap: true, retrainOnDrift: false },
    viewerDist: null,
    log: (m) => say(`  [twin] ${m}`),
  });
  try {
    const t0 = Date.now();
    while (s.models.status().status === 'training' && Date.now() - t0 < 30 * 60_000) await new Promise((r) => setTimeout(r, 2000));
    say(`models: ${s.models.status().status} — ${s.models.status().detail}`);
    // Two simulated hours of history and predictions; the clock is not started, the twin is stepped.
    for (let i = 0; i < 24; i++) {
      s.engine.runFor(300);
      await new Promise((r) => setImmediate(r));
    }
    const modelsReady = s.predictions.latest().some((p) => p.rul !== undefined || p.failureProbability !== undefined);
    s.alerts.reportAnomaly('pump_003', 0.9, 0.5, ['pump_003.vibration_rms_mm_s'], s.engine.isoAt());
    const alert = s.alerts.list({ states: ['active'] }).find((a) => a.asset === 'pump_003')!.id;

    const predictions = s.predictions.latest();
    const alertView = s.alerts.get(alert)!;
    const rows: { q: BenchQuestion; a: ChatAnswer; ms: number; right: boolean; cites: boolean | null; fact: boolean | null }[] = [];
    for (const q of QUESTIONS) {
      const sub = (x: string) => x.replaceAll('{ALERT}', alert);
      const messages = [...(q.before ? [{ role: 'user', content: q.before }, { role: 'assistant', content: '…' }] : []), { role: 'user', content: sub(q.q) }];
      const context = q.context ? Object.fromEntries(Object.entries(q.context).map(([k, v]) => [k, sub(v)])) : undefined;
      const t = performance.now();
      const res = await s.app.inject({ method: 'POST', url: '/api/copilot/chat', headers: { 'x-api-key': KEYS[q.role ?? 'viewer'] }, payload: { messages, ...(context ? { context } : {}) } });
      const ms = performance.now() - t;
      if (res.statusCode !== 200) throw new Error(`"${q.q}": HTTP ${res.statusCode} ${res.body}`);
      const a = res.json().data as ChatAnswer;
      const right = toolRight(q, a, alert);
      const cites = q.sections ? cited(q, a) : null;
      const want = factOf(q, predictions, alertView);
      const fact = want === null ? null : a.text.includes(want);
      rows.push({ q, a, ms, right, cites, fact });
      if (fact === false) say(`fact [${q.split}] "${q.q}": expected "${want}" in: ${a.text.slice(0, 200)}`);
      if (!right || cites === false || !a.grounded) say(`miss [${q.split}] "${q.q}": ${!right ? `called ${JSON.stringify(a.toolCalls.map((c) => [c.tool, c.args]))} needs ${JSON.stringify(a.needs)}` : ''}${cites === false ? ' cited the wrong sections' : ''}${a.grounded ? '' : ` ungrounded ${a.ungrounded.join(', ')}`}`);
    }

    const docs = [...manualDocuments(), ...incidentDocuments()];
    const manualRows = rows.filter((r) => r.q.sections);
    const baseline = manualRows.map((r) => {
      const topic = 'args' in r.q.expect ? (r.q.expect.args?.['topic'] as string | undefined) : undefined;
      return titleOverlapTop3(docs, r.q.q, topic).some((id) => r.q.sections!.includes(id));
    });
    const simulated = (r: (typeof rows)[number]) => r.a.toolCalls.some((c) => c.tool === 'optimize_schedule' || c.tool === 'what_if');
    const split = (k: 'dev' | 'heldout') => rows.filter((r) => r.q.split === k);
    const out = {
      questions: rows.length,
      questions_dev: split('dev').length,
      questions_heldout: split('heldout').length,
      tool_accuracy: share(rows.map((r) => r.right)),
      tool_accuracy_dev: share(split('dev').map((r) => r.right)),
      tool_accuracy_heldout: share(split('heldout').map((r) => r.right)),
      fact_accuracy: share(rows.filter((r) => r.fact !== null).map((r) => r.fact!)),
      fact_questions: rows.filter((r) => r.fact !== null).length,
      answer_grounded: share(rows.map((r) => r.a.grounded)),
      retrieval_recall_at_3: share(manualRows.map((r) => r.cites!)),
      retrieval_recall_at_3_dev: share(manualRows.filter((r) => r.q.split === 'dev').map((r) => r.cites!)),
      retrieval_recall_at_3_heldout: share(manualRows.filter((r) => r.q.split === 'heldout').map((r) => r.cites!)),
      retrieval_questions: manualRows.length,
      retrieval_recall_at_3_title_overlap_baseline: share(baseline),
      p95_ms: Math.round(p95(rows.map((r) => r.ms))!),
      p95_ms_lookups: Math.round(p95(rows.filter((r) => !simulated(r)).map((r) => r.ms))!),
      plan_ms: Math.round(Math.max(0, ...rows.filter((r) => r.a.toolCalls.some((c) => c.tool === 'optimize_schedule' && c.ok)).map((r) => r.ms))),
      what_if_ms: Math.round(Math.max(0, ...rows.filter((r) => r.a.toolCalls.some((c) => c.tool === 'what_if' && c.ok)).map((r) => r.ms))),
      models_ready: modelsReady,
      engine: 'planner',
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    await s.stop();
    if (!given) rmSync(modelsDir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
