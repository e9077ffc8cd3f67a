import { useCallback, useEffect, useState } from 'react';
import type { AlertView } from '../../../protocol/alerts.ts';
import { ApiCallError } from '../api/rest-client.ts';
import { navigate, uiStore } from '../shell/ui-store.ts';
import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { fmt } from '../util/format.ts';
import { alertsFor, investigateSensors, movedOnNote, withPin, type AlertTab } from './alerts-logic.ts';
import { alertQuestion, chatContext } from './copilot-logic.ts';
import { askCopilot, pinCopilotAlert, useCopilot } from './copilot-store.ts';
import { DismissForm } from './dismiss-form.tsx';
import { RcaCard } from './rca-card.tsx';
import { relativeTime } from './relative-time.ts';

function AlertItem({ alert, now, tab, onPin }: { alert: AlertView; now: string | null; tab: AlertTab; onPin: (id: string, tab: AlertTab, open: boolean) => void }) {
  const rt = useRuntime();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dismissing, setDismissing] = useState(false);
  const [rca, setRca] = useState(false);
  const open = rca || dismissing;
  // Pinned in the same event as the click (one render, batched): an alert that clears on the very
  // next frame must not slip out of the list before the pin lands. The effect catches the rest
  // (a remount after a tab switch, with nothing open).
  // onPin is stable (useCallback in the panel): with a fresh function each render this effect would
  // set state on every render and loop.
  useEffect(() => onPin(alert.id, tab, open), [alert.id, tab, open, onPin]);
  const toggleRca = () => {
    onPin(alert.id, tab, !rca || dismissing);
    setRca(!rca);
  };
  const toggleDismiss = () => {
    onPin(alert.id, tab, rca || !dismissing);
    setDismissing(!dismissing);
  };
  const copilotBusy = useCopilot((s) => s.conversation.pending);
  const movedOn = movedOnNote(alert, tab);
  const act = async (path: string, body?: unknown) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await rt.rest.post<AlertView>(`/api/alerts/${encodeURIComponent(alert.id)}/${path}`, body);
      // Apply at once; the `alerts` channel brings the same change a moment later.
      rt.store.setState((s) => ({ alerts: { ...s.alerts, [updated.id]: updated } }));
      setDismissing(false);
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const investigate = () => {
    rt.store.setState({ selectedAsset: alert.asset });
    uiStore.setState({ chartSensors: investigateSensors(alert, rt.store.getState().topology?.assets.find((a) => a.id === alert.asset)?.sensors.map((s) => s.id) ?? []) });
    navigate('asset');
  };
  // The copilot asks about this alert with its machine selected, so follow-ups ("and its RUL?") read it too.
  const diagnose = () => {
    const pinned = { id: alert.id, asset: alert.asset };
    rt.store.setState({ selectedAsset: alert.asset });
    pinCopilotAlert(pinned);
    askCopilot(rt.rest, alertQuestion(alert.id), chatContext(alert.asset, rt.store.getState().topology, pinned));
  };
  return (
    <li className={`alert sev-${alert.severity.toLowerCase()}`} data-testid="alert-item" data-alert-id={alert.id}>
      <div className="alert-head">
        <span className={`sev-badge sev-${alert.severity.toLowerCase()}`}>{alert.severity}</span>
        <span className="alert-asset">{alert.asset}</span>
        <time className="muted" dateTime={alert.openedAt} title={alert.openedAt}>
          {relativeTime(alert.openedAt, now)}
        </time>
      </div>
      <p className="alert-msg">{alert.message}</p>
      {movedOn ? <p className="muted small" data-testid="alert-moved-on" data-state={alert.state}>{movedOn}</p> : null}
      {alert.value !== null ? <p className="muted small">now {fmt(alert.value)} {alert.unit}{alert.threshold !== null ? ` · limit ${fmt(alert.threshold)} ${alert.unit}` : ''}{alert.reopenCount ? ` · re-opened ${alert.reopenCount}×` : ''}</p> : null}
      <p className="alert-action"><strong>Recommended:</strong> {alert.recommendedAction}</p>
      {alert.acknowledgedBy ? <p className="muted small">acknowledged by {alert.acknowledgedBy} {alert.acknowledgedAt ? relativeTime(alert.acknowledgedAt, now) : ''}</p> : null}
      <div className="btn-row">
        {alert.state === 'active' ? (
          <button className="btn btn-primary" disabled={busy} onClick={() => void act('acknowledge')} data-testid="alert-ack">
            Acknowledge
          </button>
        ) : null}
        <button className="btn" onClick={investigate} data-testid="alert-investigate">
          Investigate
        </button>
        <button className="btn" onClick={toggleRca} aria-expanded={rca} data-testid="alert-root-cause">
          Root cause
        </button>
        <button className="btn" disabled={copilotBusy} title={copilotBusy ? 'the copilot is answering' : 'Ask the copilot to explain this alert'} onClick={diagnose} data-testid="alert-ai-diagnosis">
          AI diagnosis
        </button>
        <button className="btn btn-ghost" disabled={busy} onClick={toggleDismiss} aria-expanded={dismissing}>
          Dismiss…
        </button>
      </div>
      {rca ? <RcaCard alert={alert} /> : null}
      {dismissing ? <DismissForm busy={busy} onSubmit={(justification) => void act('dismiss', { justification })} onCancel={toggleDismiss} /> : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
    </li>
  );
}

/** Alerts: active and acknowledged tabs, severity colours, relative (simulated) times, actions. */
export function AlertsPanel() {
  const alerts = useTwin((s) => s.alerts);
  const now = useTwin((s) => s.simTime);
  const [tab, setTab] = useState<AlertTab>('active');
  // Alerts with a card open stay in their tab until it closes (see alertsFor).
  const [pinned, setPinned] = useState<ReadonlyMap<string, AlertTab>>(new Map());
  const onPin = useCallback((id: string, t: AlertTab, open: boolean) => setPinned((p) => withPin(p, id, t, open)), []);
  const list = alertsFor(tab, alerts, pinned);
  const counts = { active: alertsFor('active', alerts).length, acknowledged: alertsFor('acknowledged', alerts).length };
  return (
    <section className="panel alerts-panel" aria-labelledby="alerts-title" data-testid="alerts-panel">
      <header className="panel-head">
        <h2 id="alerts-title">Alerts</h2>
        <div role="tablist" aria-label="Alert lists" className="tabs">
          {(['active', 'acknowledged'] as const).map((t) => (
            <button key={t} role="tab" aria-selected={tab === t} className={`tab${tab === t ? ' tab-on' : ''}`} onClick={() => setTab(t)} data-testid={`alerts-tab-${t}`}>
              {t === 'active' ? 'Active' : 'Acknowledged'} <span className="count">{counts[t]}</span>
            </button>
          ))}
        </div>
      </header>
      {list.length === 0 ? <p className="empty">{tab === 'active' ? 'No active alerts.' : 'Nothing acknowledged and still open.'}</p> : null}
      <ul className="alert-list" data-testid={`alert-list-${tab}`}>
        {list.slice(0, 100).map((a) => (
          <AlertItem key={a.id} alert={a} now={now} tab={tab} onPin={onPin} />
        ))}
      </ul>
    </section>
  );
}
