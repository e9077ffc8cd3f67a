import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { OptimizerSettings } from '../../../protocol/recommendation.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { draftOf, MODES, settingsFromDraft, type SettingsDraft } from './optimizer-settings-logic.ts';
import { apiErrorText } from './recommendations-logic.ts';

/** Engineers: on/off, the mode of each line, cadence, validity, reward weights and the rollback rule (GET/PUT /api/rl-agent/settings). */
export function OptimizerSettingsForm() {
  const rt = useRuntime();
  // Select the topology itself (a stable reference), not a list built in the selector: that would be new on every store change.
  const topology = useTwin((s) => s.topology);
  const lines = useMemo(() => (topology?.assets ?? []).filter((a) => a.kind === 'line').map((a) => a.id), [topology]);
  const [base, setBase] = useState<OptimizerSettings | null>(null);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    rt.rest.get<OptimizerSettings>('/api/rl-agent/settings').then(
      (s) => {
        setBase(s);
        setDraft(draftOf(s));
      },
      (err: unknown) => setNote(apiErrorText(err, 'Loading the settings')),
    );
  }, [rt]);
  if (!base || !draft) return note ? <p className="error small">{note}</p> : <p className="muted small">Loading…</p>;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const out = settingsFromDraft(draft, base);
    if ('problem' in out) return setNote(out.problem);
    try {
      const saved = await rt.rest.put<OptimizerSettings>('/api/rl-agent/settings', out.settings);
      setBase(saved);
      setDraft(draftOf(saved));
      setNote('Saved.');
    } catch (err) {
      setNote(apiErrorText(err, 'Saving'));
    }
  };
  const field = (label: string, value: string, set: (v: string) => void, testId: string) => (
    <label className="field small" key={testId}>
      {label}
      <input inputMode="decimal" size={6} value={value} onChange={(e) => set(e.target.value)} data-testid={testId} />
    </label>
  );
  const weights = Object.keys(draft.weights) as (keyof SettingsDraft['weights'])[];
  return (
    <form className="rec-settings" onSubmit={(e) => void save(e)} data-testid="rec-settings">
      <label className="small">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} data-testid="rec-enabled" /> plan on the cadence and after serious alerts
      </label>
      <fieldset className="rec-grid">
        <legend className="small">Mode per line (manual: every change needs an operator; semi-auto and auto apply small changes by themselves)</legend>
        {lines.map((id) => (
          <label key={id} className="field small">
            {id}
            <select value={draft.modes[id] ?? 'manual'} onChange={(e) => setDraft({ ...draft, modes: { ...draft.modes, [id]: e.target.value as SettingsDraft['modes'][string] } })} data-testid={`rec-mode-${id}`}>
              {MODES.map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
        ))}
      </fieldset>
      <fieldset className="rec-grid">
        <legend className="small">Timing (simulated minutes) and the rollback rule</legend>
        {field('plan every', draft.cadenceMin, (v) => setDraft({ ...draft, cadenceMin: v }), 'rec-cadence')}
        {field('proposals valid for', draft.validityMin, (v) => setDraft({ ...draft, validityMin: v }), 'rec-validity')}
        {field('rollback window', draft.windowMin, (v) => setDraft({ ...draft, windowMin: v }), 'rec-window-min')}
        {field('roll back above (+% defects)', draft.worseningPct, (v) => setDraft({ ...draft, worseningPct: v }), 'rec-worsening')}
      </fieldset>
      <fieldset className="rec-grid">
        <legend className="small">Reward weights</legend>
        {weights.map((k) => field(k, draft.weights[k], (v) => setDraft({ ...draft, weights: { ...draft.weights, [k]: v } }), `rec-weight-${k}`))}
      </fieldset>
      <div className="btn-row">
        <button type="submit" className="btn" data-testid="rec-settings-save">Save settings</button>
        {note ? <span className="small" role="status" data-testid="rec-settings-note">{note}</span> : null}
      </div>
    </form>
  );
}
