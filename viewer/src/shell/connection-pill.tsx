import { useEffect, useState } from 'react';
import { sessionBadge } from '../panels/session-status-logic.ts';
import { useTwin } from './runtime-context.tsx';

const LABEL = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting', unauthorized: 'API key needed', incompatible: 'Incompatible server' } as const;

/** The connection state, always visible in the header; counts down to the next retry while reconnecting. */
export function ConnectionPill() {
  const c = useTwin((s) => s.connection);
  const session = useTwin((s) => (s.followedSession ? s.sessions[s.followedSession] ?? null : null));
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (c.status !== 'reconnecting') return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [c.status]);
  const retryIn = c.retryAtMs !== null ? Math.max(0, Math.ceil((c.retryAtMs - now) / 1000)) : null;
  return (
    <div className={`pill pill-${c.status === 'live' && session ? 'session' : c.status}`} role="status" aria-live="polite" data-testid="connection" data-status={c.status} title={c.detail ?? ''}>
      <span className="pill-dot" aria-hidden="true" />
      {/* Following a session, what is shown is not the live plant: the badge names the session instead of "Live". */}
      {c.status === 'live' && session ? <span data-testid="session-badge">{sessionBadge(session)}</span> : LABEL[c.status]}
      {c.status === 'reconnecting' && retryIn !== null ? <span className="pill-sub"> · retry {retryIn} s (#{c.attempt})</span> : null}
    </div>
  );
}

/** A banner across the page while the live link is down: the data shown is getting old. */
export function ConnectionBanner() {
  const c = useTwin((s) => s.connection);
  if (c.status !== 'reconnecting' && c.status !== 'incompatible') return null;
  return (
    <div className="banner banner-warn" role="alert" data-testid="reconnecting-banner">
      {c.status === 'reconnecting' ? 'Live link lost — reconnecting. Values below are frozen at the last update and resume without reloading.' : c.detail}
    </div>
  );
}
