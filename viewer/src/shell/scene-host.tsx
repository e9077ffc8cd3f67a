import { useEffect, useMemo, useState } from 'react';
import { createSceneSource } from '../live/scene-source.ts';
import { advanceScene, DEFAULT_OVERLAYS, OVERLAY_KEYS, PlantScene, type OverlayToggles } from '../scene/index.ts';
import type { TwinRuntime } from '../live/twin-runtime.ts';
import { useRuntime, useTwin } from './runtime-context.tsx';
import { simStamp } from '../util/format.ts';


const OVERLAY_LABEL: Record<keyof OverlayToggles, string> = {
  heatMap: 'Heat map',
  beltMotion: 'Belt motion',
  defectMarkers: 'Defects',
  predictedDefects: 'Predicted defects',
  recommendations: 'Recommendations',
  sensorLabels: 'Sensor labels',
};

/** The 3D plant with its overlay toggles; follows the replayed session when one is followed. */
export function SceneHost() {
  const rt = useRuntime();
  const data = useMemo(() => createSceneSource(rt.store), [rt.store]);
  const [overlays, setOverlays] = useState<OverlayToggles>(DEFAULT_OVERLAYS);
  const selected = useTwin((s) => s.selectedAsset);
  const followed = useTwin((s) => (s.followedSession ? s.sessions[s.followedSession] ?? null : null));
  const onSelect = (id: string | null) => rt.store.setState({ selectedAsset: id });
  useReplayClock(rt.store, followed !== null);
  return (
    <section className="panel scene-panel" aria-label="3D plant" data-testid="scene-panel">
      <div className="scene-toolbar" role="group" aria-label="Overlays">
        {OVERLAY_KEYS.map((k) => (
          <label key={k} className="chip">
            <input type="checkbox" checked={overlays[k]} onChange={(e) => setOverlays({ ...overlays, [k]: e.target.checked })} />
            {OVERLAY_LABEL[k]}
          </label>
        ))}
      </div>
      {followed ? (
        <div className="scene-badge" data-testid="scene-following" data-t={followed.t}>
          Replay · {followed.scenario} · {simStamp(followed.t)} · {followed.running ? 'playing' : 'paused'}
        </div>
      ) : null}
      <div className="scene-canvas" data-testid="scene-canvas">
        <PlantScene data={data} overlays={overlays} selected={selected} onSelect={onSelect} frameloop={followed ? 'never' : 'always'} />
      </div>
    </section>
  );
}

/**
 * Replay renders on demand at the session's time: frameloop "never" plus advanceScene(t) each
 * animation frame, so the camera stays interactive and the scene shows exactly the replayed time
 * (extrapolated between the session's ~4 Hz state messages while it plays).
 */
function useReplayClock(store: TwinRuntime['store'], active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let raf = 0;
    let last: { t: string; atMs: number } | null = null;
    const frame = () => {
      const s = store.getState();
      const v = s.followedSession ? s.sessions[s.followedSession] : undefined;
      if (v) {
        if (!last || last.t !== v.t) last = { t: v.t, atMs: performance.now() };
        const speed = v.running && typeof v.speed === 'number' ? v.speed : 0;
        // Never run ahead more than a second of wall time: a stalled session stops, not drifts.
        advanceScene(Date.parse(v.t) + Math.min(1000, performance.now() - last.atMs) * speed);
      }
      raf = requestAnimationFrame(frame);
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, [store, active]);
}
