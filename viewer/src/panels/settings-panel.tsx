import { useEffect, useState, type FormEvent } from 'react';
import type { AlertSettings } from '../../../protocol/alert-settings.ts';
import { KPI_CARDS, type KpiCardId } from '../live/settings.ts';
import { ApiKeyForm } from '../shell/api-key-dialog.tsx';
import { useRuntime, useSettings } from '../shell/runtime-context.tsx';
import { SafetyPolicyForm } from './safety-policy-form.tsx';

const KPI_LABEL: Record<KpiCardId, string> = { defects: 'Defects', quality: 'Quality rate', criticalAlerts: 'Critical alerts', predictionAccuracy: 'Prediction accuracy', productionRate: 'Production rate', responseTime: 'Alert → action' };

/** Alert thresholds (server, engineers), with the rule lists as JSON the server validates field by field. */
function AlertSettingsForm() {
  const rt = useRuntime();
  const [s, setS] = useState<AlertSettings | null>(null);
  const [lists, setLists] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => {
    rt.rest.get<AlertSettings>('/api/settings/alerts').then((v) => { setS(v); setLists(JSON.stringify({ thresholds: v.thresholds, rateRules: v.rateRules }, null, 2)); }, (e: Error) => setMsg(e.message));
  }, [rt.rest]);
  if (!s) return <p className="muted">{msg ?? 'Loading alert settings…'}</p>;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    let parsed: unknown;
    try { parsed = JSON.parse(lists); } catch { setMsg('Threshold overrides: not valid JSON'); return; }
    try {
      const saved = await rt.rest.put<AlertSettings>('/api/settings/alerts', { ...(parsed as object), hysteresis: s.hysteresis, coolDownS: s.coolDownS, updateIntervalS: s.updateIntervalS });
      setS(saved);
      setMsg('Saved.');
    } catch (err) { setMsg((err as Error).message); }
  };
  const h = s.hysteresis;
  return (
    <form onSubmit={save} className="stack" aria-label="Alert thresholds">
      <div className="form-grid">
        <label className="field">Deadband (fraction of band)<input type="number" step="0.005" min={0} max={0.5} value={h.deadbandFraction} onChange={(e) => setS({ ...s, hysteresis: { ...h, deadbandFraction: Number(e.target.value) } })} /></label>
        <label className="field">Samples to open<input type="number" min={1} value={h.openSamples} onChange={(e) => setS({ ...s, hysteresis: { ...h, openSamples: Number(e.target.value) } })} /></label>
        <label className="field">Samples to clear<input type="number" min={1} value={h.clearSamples} onChange={(e) => setS({ ...s, hysteresis: { ...h, clearSamples: Number(e.target.value) } })} /></label>
        <label className="field">Cool-down (s)<input type="number" min={0} value={s.coolDownS} onChange={(e) => setS({ ...s, coolDownS: Number(e.target.value) })} /></label>
        <label className="field">Alert update interval (s)<input type="number" min={0} value={s.updateIntervalS} onChange={(e) => setS({ ...s, updateIntervalS: Number(e.target.value) })} /></label>
      </div>
      <label className="field">Threshold overrides and rate rules (JSON, e.g. {'{"sensor": "motor_001.bearing_temp_c", "warningHigh": 80}'})
        <textarea rows={6} className="mono" value={lists} onChange={(e) => setLists(e.target.value)} spellCheck={false} />
      </label>
      <div className="btn-row"><button className="btn btn-primary" type="submit">Save thresholds</button>{msg ? <span className="small" role="status">{msg}</span> : null}</div>
    </form>
  );
}

/** Settings: API key, update rate, default chart range, visible KPI cards, alert thresholds, the optimizer's safety policy. */
export function SettingsPanel() {
  const rt = useRuntime();
  const settings = useSettings((s) => s);
  const toggle = (id: KpiCardId) => rt.updateSettings({ visibleKpis: settings.visibleKpis.includes(id) ? settings.visibleKpis.filter((k) => k !== id) : KPI_CARDS.filter((k) => k === id || settings.visibleKpis.includes(k)) });
  return (
    <section className="panel" aria-labelledby="settings-title" data-testid="settings">
      <header className="panel-head"><h2 id="settings-title">Settings</h2></header>
      <h3>Access</h3>
      <ApiKeyForm />
      <h3>Display</h3>
      <div className="form-grid">
        <label className="field">Live update rate
          <select value={settings.updateRateHz} onChange={(e) => rt.updateSettings({ updateRateHz: Number(e.target.value) })} data-testid="settings-rate">
            {[0.5, 1, 2, 5, 10].map((r) => <option key={r} value={r}>{r} per second</option>)}
          </select>
        </label>
        <label className="field">Default chart range
          <select value={settings.chartRangeS} onChange={(e) => rt.updateSettings({ chartRangeS: Number(e.target.value) })}>
            {[[900, '15 min'], [3600, '1 h'], [21_600, '6 h'], [86_400, '24 h']].map(([s, l]) => <option key={s} value={s}>{l}</option>)}
          </select>
        </label>
      </div>
      <fieldset className="fieldset"><legend>KPI cards</legend>
        {KPI_CARDS.map((id) => (
          <label key={id} className="chip"><input type="checkbox" checked={settings.visibleKpis.includes(id)} onChange={() => toggle(id)} />{KPI_LABEL[id]}</label>
        ))}
      </fieldset>
      <h3>Alert thresholds <span className="muted small">(server-wide; engineers)</span></h3>
      <AlertSettingsForm />
      <h3>Optimizer safety policy <span className="muted small">(server-wide; admins change it)</span></h3>
      <SafetyPolicyForm />
    </section>
  );
}
