import type { MonitorHealth } from '../../protocol/health.ts';
import type { LiveSource } from './live-source.ts';

/** Shadow mode runs while live measurements can arrive: 'off', with the source's last error, when its source is not connected. */
export function shadowMonitorHealth(source: Pick<LiveSource, 'status'>): MonitorHealth {
  const st = source.status();
  if (st.connected) return { state: 'watching' };
  return { state: 'off', reason: `live source not connected${st.lastError ? `: ${st.lastError}` : ''}: the twin is not compared with the plant` };
}
