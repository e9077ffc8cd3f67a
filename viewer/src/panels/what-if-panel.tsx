import { useEffect, useState, type FormEvent } from 'react';
import { ApiCallError } from '../api/rest-client.ts';
import type { WhatIfResult } from '../../../protocol/what-if.ts';
import type { SetpointValue } from '../../../protocol/plant.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { duration } from '../util/format.ts';
import { compareWhatIf, pendingChanges, spreadRange, spreadText } from './what-if-logic.ts';

const HORIZONS = [{ label: '1 h', s: 3600 }, { label: '4 h', s: 14_400 }, { label: '8 h', s: 28_800 }, { label: '24 h', s: 86_400 }];

/** What-if (engineers): setpoint sliders within their safe bounds, horizon and seeds; baseline and changed side by side. */
export function WhatIfPanel() {
  const rt = useRuntime();
  const selected = useTwin((s) => s.selectedAsset);
  const [setpoints, setSetpoints] = useState<SetpointValue[]>([]);
  const [asset, setAsset] = useState<string>(selected ?? 'Line_A');
  const [values, setValues] = useState<Record<string, number>>({});
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
  const changes = pendingChanges(values, mine);
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
          <select value={asset} onChange={(e) => { setAsset(e.target.value); setValues({}); }} data-testid="whatif-asset">
            {assets.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        {mine.map((s) => {
          const v = values[s.id] ?? s.target;
          const step = (s.max - s.min) / 200;
          return (
            <label key={s.id} className="field slider">
              <span>{s.name} <span className="muted">({s.min}–{s.max} {s.unit}, now {s.target})</span></span>
              <span className="slider-row">
                <input type="range" min={s.min} max={s.max} step={step} value={v} onChange={(e) => setValues({ ...values, [s.id]: Number(e.target.value) })} aria-valuetext={`${v} ${s.unit}`} data-testid={`whatif-slider-${s.id}`} />
                <output className={v !== s.target ? 'changed' : ''}>{+v.toPrecision(5)} {s.unit}</output>
              </span>
            </label>
          );
        })}
        <div className="form-row">
          <label className="field">Horizon
            <select value={horizonS} onChange={(e) => setHorizonS(Number(e.target.value))}>{HORIZONS.map((h) => <option key={h.s} value={h.s}>{h.label}</option>)}</select>
          </label>
          <label className="field">Seeds
            <input type="number" min={1} max={64} value={seeds} onChange={(e) => setSeeds(Math.min(64, Math.max(1, Number(e.target.value) || 1)))} />
          </label>
          <button type="submit" className="btn btn-primary" disabled={busy || changes.length === 0} data-testid="whatif-run">{busy ? 'Running…' : 'Run what-if'}</button>
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
  const tte = result.timeToEffect;
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
      <p className="muted small">
        Time to effect: {tte.tS === null ? 'no departure within the horizon' : `${duration(tte.tS)} (${tte.quantity?.replace('_', ' ')}, ±${duration(tte.resolutionS)})`} · {result.request.seeds.length} seeds over {duration(result.request.horizonS)} · ran in {Math.round(result.wallMs)} ms · ± is the spread across seeds
      </p>
    </div>
  );
}
