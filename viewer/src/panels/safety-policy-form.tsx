import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SetpointValue } from '../../../protocol/plant.ts';
import type { SafetyPolicyChange, SafetyPolicyDoc } from '../../../protocol/recommendation.ts';
import { roleAllows } from '../api/roles.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { apiErrorText } from './recommendations-logic.ts';
import { cell, draftOf, effectiveRange, governedBy, policyDiff, policyFromDraft, RATE_UNITS, versionLine, type EntryDraft, type PolicyDraft, type RateUnit } from './safety-policy-logic.ts';

/**
 * The safety policy per setpoint (GET/PUT /api/rl-agent/safety-policy): range, largest rate, approval
 * threshold, and beside each the actuator's own range and the envelope in force. Admins edit (the
 * changes are listed for confirmation before the PUT); everyone else reads.
 */
export function SafetyPolicyForm() {
  const rt = useRuntime();
  const me = useTwin((s) => s.me);
  const editable = roleAllows(me, 'admin');
  const [base, setBase] = useState<SafetyPolicyDoc | null>(null);
  const [change, setChange] = useState<SafetyPolicyChange | null>(null);
  const [actuators, setActuators] = useState<readonly SetpointValue[]>([]);
  const [draft, setDraft] = useState<PolicyDraft | null>(null);
  const [pending, setPending] = useState<{ policy: SafetyPolicyDoc; lines: string[] } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);

  const load = useCallback(async () => {
    const [p, c, sp] = await Promise.all([
      rt.rest.get<SafetyPolicyDoc>('/api/rl-agent/safety-policy'),
      rt.rest.get<SafetyPolicyChange>('/api/rl-agent/safety-policy/changed'),
      rt.rest.get<SetpointValue[]>('/api/plant/setpoints'),
    ]);
    setBase(p);
    setDraft(draftOf(p));
    setChange(c);
    setActuators(sp);
  }, [rt]);
  useEffect(() => {
    load().catch((err: unknown) => setNote(apiErrorText(err, 'Loading the safety policy')));
  }, [load]);

  if (!base || !draft) return note ? <p className="error small">{note}</p> : <p className="muted small">Loading the safety policy…</p>;
  const keys = Object.keys(draft);
  const set = (key: string, patch: Partial<EntryDraft>) => {
    setDraft({ ...draft, [key]: { ...draft[key]!, ...patch } });
    setPending(null);
  };
  const review = (e: FormEvent) => {
    e.preventDefault();
    setNote(null);
    const out = policyFromDraft(draft, base, actuators);
    if ('problems' in out) {
      setProblems(out.problems);
      setPending(null);
      return;
    }
    setProblems([]);
    const lines = policyDiff(base, out.policy);
    if (lines.length === 0) return setNote('Nothing changed.');
    setPending({ policy: out.policy, lines });
  };
  const save = async () => {
    if (!pending) return;
    try {
      const saved = await rt.rest.put<SafetyPolicyDoc>('/api/rl-agent/safety-policy', pending.policy);
      setBase(saved);
      setDraft(draftOf(saved));
      setPending(null);
      setChange(await rt.rest.get<SafetyPolicyChange>('/api/rl-agent/safety-policy/changed').catch(() => ({ version: saved.version, changedBy: me?.actor ?? null, changedAt: null })));
      setNote(`Saved: version ${saved.version} is in force.`);
    } catch (err) {
      // The server's 400 names the field it refused.
      setNote(apiErrorText(err, 'Saving the policy'));
    }
  };
  const input = (key: string, field: 'min' | 'max' | 'rate' | 'approvalAbove', label: string) => (
    <td>
      {editable ? (
        <input aria-label={`${key} ${label}`} inputMode="decimal" size={6} value={draft[key]![field]} onChange={(e) => set(key, { [field]: e.target.value })} data-testid={`policy-${field}-${key}`} />
      ) : (
        <span data-testid={`policy-${field}-${key}`}>{draft[key]![field]}</span>
      )}
    </td>
  );
  return (
    <form onSubmit={review} className="stack" aria-label="Safety policy" data-testid="safety-policy">
      <p className="small" data-testid="policy-version">
        {change ? versionLine(change) : `v${base.version}`}
        {editable ? null : <span className="muted"> · read only (admins change the policy)</span>}
      </p>
      <table className="table small">
        <thead>
          <tr><th>Setpoint</th><th>Min</th><th>Max</th><th>Max rate</th><th>per</th><th>Approval above</th><th>Actuator range → in force</th></tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const f = draft[key]!;
            const entry = base.setpoints[key]!;
            const typed = { min: Number(f.min), max: Number(f.max), maxRate: { value: Number(f.rate), per: f.per } };
            const valid = [typed.min, typed.max, typed.maxRate.value].every(Number.isFinite) ? typed : entry;
            return (
              <tr key={key} data-testid={`policy-row-${key}`}>
                <th scope="row">{key} <span className="muted">({f.unit})</span></th>
                {input(key, 'min', 'min')}
                {input(key, 'max', 'max')}
                {input(key, 'rate', 'max rate')}
                <td>
                  {editable ? (
                    <select aria-label={`${key} rate per`} value={f.per} onChange={(e) => set(key, { per: e.target.value as RateUnit })}>
                      {RATE_UNITS.map((u) => <option key={u} value={u}>{u}</option>)}
                    </select>
                  ) : f.per}
                </td>
                {input(key, 'approvalAbove', 'approval threshold')}
                <td data-testid={`policy-effective-${key}`}>
                  {governedBy(key, keys, actuators).map((a) => {
                    const r = effectiveRange(valid, a);
                    return (
                      <div key={a.id}>
                        {a.asset}: {cell(a.min)}–{cell(a.max)} → {r.empty ? <span className="error">no overlap</span> : `${cell(r.lo)}–${cell(r.hi)}, ≤ ${cell(r.rate)}/${f.per}`}
                      </div>
                    );
                  })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {problems.length > 0 ? <ul className="error small" data-testid="policy-problems">{problems.map((p) => <li key={p}>{p}</li>)}</ul> : null}
      {pending ? (
        <div className="stack" data-testid="policy-diff">
          <p className="small">Saving makes version {base.version + 1}:</p>
          <ul className="small">{pending.lines.map((l) => <li key={l}>{l}</li>)}</ul>
          <div className="btn-row">
            <button type="button" className="btn btn-primary" onClick={() => void save()} data-testid="policy-confirm">Confirm and save</button>
            <button type="button" className="btn" onClick={() => setPending(null)}>Keep editing</button>
          </div>
        </div>
      ) : null}
      {editable ? <div className="btn-row"><button className="btn" type="submit" data-testid="policy-review">Review changes</button></div> : null}
      {note ? <p className="small" role="status" data-testid="policy-note">{note}</p> : null}
    </form>
  );
}
