import { useEffect, useState, type FormEvent } from 'react';
import { uiStore } from '../shell/ui-store.ts';
import { ApiCallError } from '../api/rest-client.ts';
import type { WhatIfResult } from '../../../protocol/what-if.ts';
import type { SetpointValue } from '../../../protocol/plant.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { duration } from '../util/format.ts';
import { changesWithDurations } from './what-if-duration.ts';
import { compareWhatIf, defectRows, effectRows, MACHINE_BASIS, machineRows, pendingChanges, planLines, spreadRange, spreadText } from './what-if-logic.ts';

const HORIZONS = [{ label: '1 h', s: 3600 }, { label: '4 h', s: 14_400 }, { label: '8 h', s: 28_800 }, { label: '24 h', s: 86_400 }];

/** What-if (engineers): setpoint sliders within their safe bounds, horizon and seeds; baseline and changed side by side. */
export function WhatIfPanel() {
  const rt = useRuntime();
  const selected = useTwin((s) => s.selectedAsset);
  const [setpoints, setSetpoints] = useState<SetpointValue[]>([]);
  // An intervention sent from a root-cause card starts the form once, then the form is the user's.
  const [prefill] = useState(() => {
    const p = uiStore.getState().whatIfPrefill;
    if (p) uiStore.setState({ whatIfPrefill: null });
    return p;
  });
  const [asset, setAsset] = useState<string>(prefill?.asset ?? selected ?? 'Line_A');
  const [values, setValues] = useState<Record<string, number>>(prefill ? { ...prefill.values } : {});
  const [durations, setDurations] = useState<Record<string, string>>({});
  const [horizonS, setHorizonS] = useState(14_400);
  const [seeds, setSeeds] = useState(16);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<WhatIfResult | null>(null);
  useEffect(() => {
    rt.rest.get<SetpointValue[]>('/api/plant/setpoints').then(setSetpoints, (e: Error) => setError(e.message));
  }, [rt.rest]);
  const assets = [...new Set(setpoints.map((s) => s.asset))];
  const mine = setpoints.filter((s) => s.asset === asset);
  const { changes, errors: durationErrors } = changesWithDurations(pendingChanges(values, mine), durations, horizonS);
  const blocked = Object.keys(durationErrors).length > 0;
  const run = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(await rt.rest.post<WhatIfResult>('/api/digital-twin/what-if', { changes, horizon: horizonS, seeds }));
    } catch (err) {
      setError(err instanceof ApiCallError && err.status === 403 ? `${err.message} — what-if needs the engineer role` : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="whatif-title" data-testid="what-if">
      <header className="panel-head"><h2 id="whatif-title">What-if</h2><span className="muted small">forks the live plant; the plant itself is not changed</span></header>
      <form onSubmit={run} className="stack">
        <label className="field">Asset
          <select value={asset} onChange={(e) => { setAsset(e.target.value); setValues({}); setDurations({}); }} data-testid="whatif-asset">
            {assets.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        {mine.map((s) => {
          const v = values[s.id] ?? s.target;
          const step = (s.max - s.min) / 200;
          return (
            // A div, not one label: the duration field is a second input and gets its own aria-label.
            <div key={s.id} className="field slider">
              <span>{s.name} <span className="muted">({s.min}–{s.max} {s.unit}, now {s.target})</span></span>
              <span className="slider-row">
                <input type="range" min={s.min} max={s.max} step={step} value={v} onChange={(e) => setValues({ ...values, [s.id]: Number(e.target.value) })} aria-label={s.name} aria-valuetext={`${v} ${s.unit}`} data-testid={`whatif-slider-${s.id}`} />
                <output className={v !== s.target ? 'changed' : ''}>{+v.toPrecision(5)} {s.unit}</output>
              </span>
              {v !== s.target ? (
                <span className="slider-row">
                  <span className="muted small">for</span>
                  <input type="text" placeholder="always" size={8} value={durations[s.id] ?? ''} onChange={(e) => setDurations({ ...durations, [s.id]: e.target.value })} aria-label={`${s.name}: for how long, then back (hours, or e.g. 1h30m)`} aria-invalid={durationErrors[s.id] ? true : undefined} data-testid={`whatif-duration-${s.id}`} />
                  <span className="muted small">then back (h, or e.g. 1h30m; empty: stays)</span>
                </span>
              ) : null}
              {durationErrors[s.id] ? <span className="error small" role="alert" data-testid={`whatif-duration-error-${s.id}`}>{durationErrors[s.id]}</span> : null}
            </div>
          );
        })}
        <div className="form-row">
          <label className="field">Horizon
            <select value={horizonS} onChange={(e) => setHorizonS(Number(e.target.value))}>{HORIZONS.map((h) => <option key={h.s} value={h.s}>{h.label}</option>)}</select>
          </label>
          <label className="field">Seeds
            <input type="number" min={1} max={64} value={seeds} onChange={(e) => setSeeds(Math.min(64, Math.max(1, Number(e.target.value) || 1)))} />
          </label>
          <button type="submit" className="btn btn-primary" disabled={busy || changes.length === 0 || blocked} data-testid="whatif-run">{busy ? 'Running…' : 'Run what-if'}</button>
        </div>
        {changes.length === 0 ? <p className="muted small">Move a slider to compare a change against the current plant.</p> : null}
      </form>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {result ? <WhatIfResultTable result={result} /> : null}
    </section>
  );
}

/** Baseline and changed branches side by side, with the paired difference and a verdict per metric. */
export function WhatIfResultTable({ result }: { result: WhatIfResult }) {
  const rows = compareWhatIf(result);
  const seedCount = result.request.seeds.length;
  return (
    <div data-testid="whatif-result">
      <table className="table compare" aria-label="What-if result">
        <thead><tr><th>Metric</th><th className="num">Baseline</th><th className="num">Changed</th><th className="num">Δ (paired)</th><th>Verdict</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label} <span className="muted small">{r.unit}</span></th>
              <td className="num" title={spreadRange(r.baseline)} data-testid="whatif-baseline">{spreadText(r.baseline)}</td>
              <td className="num" title={spreadRange(r.changed)} data-testid="whatif-changed">{spreadText(r.changed)}</td>
              <td className="num">{spreadText(r.delta)}</td>
              <td><span className={`verdict verdict-${r.verdict.replace(' ', '-')}`}>{r.verdict}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      <WhatIfDetails result={result} />
      <p className="muted small">
        {seedCount} seeds over {duration(result.request.horizonS)} · ran in {Math.round(result.wallMs)} ms · ± is the spread across seeds
      </p>
    </div>
  );
}

/** Time to effect per metric, defects by type and, for a machine, its remaining life and failure risk. */
function WhatIfDetails({ result }: { result: WhatIfResult }) {
  const effects = effectRows(result.timeToEffect, result.request.horizonS, result.request.seeds.length);
  const defects = defectRows(result);
  const machine = machineRows(result);
  return (
    <>
      <ul className="muted small" aria-label="Plan that ran">
        {planLines(result.request.changes).map((l) => <li key={l}>{l}</li>)}
      </ul>
      <p className="small" aria-label="Time to effect per metric">
        Time to effect (±{duration(result.timeToEffect.resolutionS)}):{' '}
        {effects.map((e, i) => <span key={e.quantity}>{i > 0 ? ' · ' : ''}<span data-testid={`whatif-effect-${e.quantity}`} title={e.seedsText}>{e.text}</span></span>)}
      </p>
      {defects.length > 0 ? (
        <table className="table compare" aria-label="Defects per 1,000 by type">
          <thead><tr><th>Defect type <span className="muted small">per 1,000</span></th><th className="num">Baseline</th><th className="num">Changed</th><th className="num">Δ (paired)</th></tr></thead>
          <tbody>
            {defects.map((d) => (
              <tr key={d.type} data-testid={`whatif-defect-${d.type}`}>
                <th scope="row">{d.label}</th>
                <td className="num" title={spreadRange(d.baseline)}>{spreadText(d.baseline)}</td>
                <td className="num" title={spreadRange(d.changed)}>{spreadText(d.changed)}</td>
                <td className="num">{spreadText(d.delta)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {machine.length > 0 ? (
        <table className="table compare" aria-label="Machine health">
          <caption className="muted small">Machine: {MACHINE_BASIS}</caption>
          <thead><tr><th>Machine</th><th className="num">Baseline</th><th className="num">Changed</th><th className="num">Δ (paired)</th></tr></thead>
          <tbody>
            {machine.map((m) => (
              <tr key={m.key} data-testid={`whatif-machine-${m.key}`}>
                <th scope="row">{m.label}</th>
                <td className="num">{m.baseline}</td>
                <td className="num">{m.changed}</td>
                <td className="num">{m.delta}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
