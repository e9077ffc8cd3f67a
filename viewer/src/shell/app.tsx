import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { AlertsPanel } from '../panels/alerts-panel.tsx';
import { KpiCards } from '../panels/kpi-cards.tsx';
import { SessionKpiCards } from '../panels/session-kpi-cards.tsx';
import { ApiKeyDialog } from './api-key-dialog.tsx';
import { ConnectionBanner, ConnectionPill } from './connection-pill.tsx';
import { useTwin } from './runtime-context.tsx';
import { SceneHost } from './scene-host.tsx';
import { navigate, uiStore, useUi, viewFromHash, type View } from './ui-store.ts';
import { simStamp } from '../util/format.ts';

// Views other than the overview load on demand: uPlot and the forms are not needed at first paint.
const AssetView = lazy(() => import('../panels/asset-view.tsx').then((m) => ({ default: m.AssetView })));
const FleetGrid = lazy(() => import('../panels/fleet-grid.tsx').then((m) => ({ default: m.FleetGrid })));
const WhatIfPanel = lazy(() => import('../panels/what-if-panel.tsx').then((m) => ({ default: m.WhatIfPanel })));
const RecommendationsPanel = lazy(() => import('../panels/recommendations-panel.tsx').then((m) => ({ default: m.RecommendationsPanel })));
const MaintenancePanel = lazy(() => import('../panels/maintenance-panel.tsx').then((m) => ({ default: m.MaintenancePanel })));
const ReplayPanel = lazy(() => import('../panels/replay-panel.tsx').then((m) => ({ default: m.ReplayPanel })));
// sigma and graphology (WebGL) come with the knowledge graph view only.
const KgPanel = lazy(() => import('../panels/kg-panel.tsx').then((m) => ({ default: m.KgPanel })));
const SettingsPanel = lazy(() => import('../panels/settings-panel.tsx').then((m) => ({ default: m.SettingsPanel })));
const CopilotPanel = lazy(() => import('../panels/copilot-panel.tsx').then((m) => ({ default: m.CopilotPanel })));

const NAV: readonly { view: View; label: string }[] = [
  { view: 'overview', label: 'Overview' },
  { view: 'asset', label: 'Inspector' },
  { view: 'fleet', label: 'Fleet' },
  { view: 'what-if', label: 'What-if' },
  { view: 'optimizer', label: 'Optimizer' },
  { view: 'maintenance', label: 'Maintenance' },
  { view: 'replay', label: 'Replay' },
  { view: 'knowledge', label: 'Knowledge' },
  { view: 'settings', label: 'Settings' },
];

function SidePanel({ view }: { view: View }): ReactNode {
  switch (view) {
    case 'asset':
      return <AssetView />;
    case 'fleet':
      return <FleetGrid />;
    case 'what-if':
      return <WhatIfPanel />;
    case 'optimizer':
      return <RecommendationsPanel />;
    case 'maintenance':
      return <MaintenancePanel />;
    case 'replay':
      return <ReplayPanel />;
    case 'knowledge':
      return <KgPanel />;
    case 'settings':
      return <SettingsPanel />;
    default:
      return <AlertsPanel />;
  }
}

/** The console: header with navigation and connection state, KPI strip, the 3D plant and the view's panel. */
export function App() {
  const view = useUi((s) => s.view);
  const copilotOpen = useUi((s) => s.copilotOpen);
  // Proposals waiting for an operator: counted on the Optimizer tab, seen from every view.
  const waiting = useTwin((s) => s.recommendations.filter((r) => r.status === 'proposed').length);
  const simTime = useTwin((s) => s.simTime);
  const scenario = useTwin((s) => s.topology?.scenario ?? null);
  // While a session is followed the header and KPI strip show the session, labelled so, not the live plant.
  const session = useTwin((s) => (s.followedSession ? s.sessions[s.followedSession] ?? null : null));
  useEffect(() => {
    const onHash = () => uiStore.setState({ view: viewFromHash(location.hash) });
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return (
    <div className="app">
      <a className="skip-link" href="#side-panel">Skip to panel</a>
      <header className="topbar">
        <div className="brand" aria-label="Twinworks">
          <span className="brand-mark" aria-hidden="true" />
          Twinworks <span className="muted">{scenario ?? ''}</span>
        </div>
        <nav aria-label="Views" className="nav">
          {NAV.map((n) => (
            <a key={n.view} href={`#/${n.view}`} className={`nav-link${view === n.view ? ' nav-on' : ''}`} aria-current={view === n.view ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate(n.view); }} data-testid={`nav-${n.view}`}>
              {n.label}
              {n.view === 'optimizer' && waiting > 0 ? <span className="count" data-testid="rec-waiting"> {waiting}</span> : null}
            </a>
          ))}
        </nav>
        <div className="topbar-right">
          {session
            ? <span className="sim-time" title={`Simulated time of session ${session.id} (UTC), not the live plant`} data-testid="session-time">{session.id} {simStamp(session.t)}</span>
            : <span className="sim-time" title="Simulated plant time (UTC)" data-testid="sim-time">{simStamp(simTime)}</span>}
          <button className={`btn copilot-toggle${copilotOpen ? ' btn-on' : ''}`} aria-pressed={copilotOpen} aria-controls="copilot-dock" onClick={() => uiStore.setState({ copilotOpen: !copilotOpen })} title="Ask the copilot about what you are looking at" data-testid="copilot-toggle">Copilot</button>
          <ConnectionPill />
        </div>
      </header>
      <ConnectionBanner />
      <main className="main">
        {session ? <SessionKpiCards session={session} /> : <KpiCards />}
        <div className={`workspace${copilotOpen ? ' copilot-open' : ''}`}>
          <SceneHost />
          <aside id="side-panel" className="side" tabIndex={-1} aria-label="Panel">
            <Suspense fallback={<p className="empty">Loading…</p>}>
              <SidePanel view={view} />
            </Suspense>
          </aside>
          {/* Docked beside every view, so its context follows what the operator selects. */}
          {copilotOpen ? (
            <aside id="copilot-dock" className="copilot-dock" aria-label="Copilot">
              <Suspense fallback={<p className="empty">Loading…</p>}>
                <CopilotPanel />
              </Suspense>
            </aside>
          ) : null}
        </div>
      </main>
      <ApiKeyDialog />
    </div>
  );
}
