/**
 * The 3D plant: a Canvas with the lines, the machine hall and the AR overlays, orbit camera, click and
 * keyboard selection, and an "Enter AR" button where supported. Reads a `SceneDataSource` in the render
 * loop; React renders only when the topology, the overlays or the selection change.
 */
import { Canvas, useThree } from '@react-three/fiber';
import { createXRStore, XR } from '@react-three/xr';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ArButton, ArPlacement, useInAr } from './ar.tsx';
import { CameraRig } from './camera-rig.tsx';
import { Floor, Lighting } from './environment.tsx';
import { navigate } from './keyboard-nav.ts';
import { PlantContent } from './plant-content.tsx';
import { plantBounds, plantLayout } from './plant-layout.ts';
import type { PlantSceneProps, SceneDataSource, SceneTopology } from './scene-data.ts';
import { SceneFrameProvider } from './scene-frame.tsx';
import { HtmlPortalProvider } from './scene-html.tsx';

const BACKGROUND = '#161a20';

/** The topology, re-rendering only when it changes (not on every data tick). */
function useTopology(data: SceneDataSource): SceneTopology | null {
  const [topology, setTopology] = useState(() => data.getState().topology);
  useEffect(() => {
    setTopology(data.getState().topology);
    return data.subscribe(() => setTopology(data.getState().topology));
  }, [data]);
  return topology;
}

/** With frameloop "demand", draw a frame whenever the store changes. */
function InvalidateOnData({ data }: { data: SceneDataSource }) {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => data.subscribe(() => invalidate()), [data, invalidate]);
  return null;
}

/**
 * Restarts the render loop when the frameloop leaves "never" (back from a replay): r3f's
 * setFrameloop starts the clock but not the animation-frame loop, so the scene would stay frozen
 * on the last replayed frame until something invalidated it.
 */
function RestartLoop({ frameloop }: { frameloop: PlantSceneProps['frameloop'] }) {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    if (frameloop === 'never') return;
    invalidate();
    // The root may apply the new frameloop after this effect: invalidate again on the next frame.
    const raf = requestAnimationFrame(() => invalidate());
    return () => cancelAnimationFrame(raf);
  }, [frameloop, invalidate]);
  return null;
}

/** Background and fog, except in AR where the camera image is the background. */
function Atmosphere() {
  const inAr = useInAr();
  if (inAr) return null;
  return (
    <>
      <color attach="background" args={[BACKGROUND]} />
      <fog attach="fog" args={[BACKGROUND, 140, 340]} />
    </>
  );
}

const HELP = 'Plant 3D view. Arrow keys or Tab: move between assets. Enter: select. Escape: clear. F: fly to the selection.';

/** The plant scene. Give it a sized parent: it fills it. */
export function PlantScene({ data, overlays, selected, onSelect, frameloop = 'always', ar = true, className }: PlantSceneProps) {
  const topology = useTopology(data);
  const placements = useMemo(() => plantLayout(topology), [topology]);
  const ids = useMemo(() => placements.map((p) => p.id), [placements]);
  const [focused, setFocused] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ id: string | null; n: number }>({ id: null, n: 0 });
  const wrapper = useRef<HTMLDivElement>(null);
  const xrStore = useMemo(() => createXRStore({ emulate: false, offerSession: false }), []);
  const [x0, z0, x1, z1] = plantBounds(placements);
  const centre = useMemo(() => [(x0 + x1) / 2, (z0 + z1) / 2] as const, [x0, z0, x1, z1]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      const r = navigate(e, ids, focused, selected);
      if (!r.handled) return;
      e.preventDefault();
      setFocused(r.focused);
      if (r.select !== undefined) onSelect(r.select);
      if (r.focusCamera) setFocusRequest((f) => ({ id: r.focusCamera ?? null, n: f.n + 1 }));
    },
    [ids, focused, selected, onSelect],
  );
  const onPick = useCallback(
    (id: string) => {
      setFocused(id);
      onSelect(id);
    },
    [onSelect],
  );

  return (
    <div className={className} style={{ position: 'relative', width: '100%', height: '100%', outline: 'none' }} ref={wrapper} tabIndex={0} role="application" aria-label={HELP} onKeyDown={onKeyDown} data-testid="plant-scene">
      <Canvas
        frameloop={frameloop}
        dpr={[1, 1.5]}
        camera={{ fov: 42, near: 0.05, far: 1200, position: [10, 70, 110] }}
        gl={{ antialias: true, powerPreference: 'high-performance' }}
        onPointerMissed={(e) => e.type === 'click' && onSelect(null)}
      >
        <XR store={xrStore}>
          <HtmlPortalProvider value={wrapper}>
            <SceneFrameProvider data={data} replay={frameloop === 'never'}>
              <Atmosphere />
              <Lighting />
              {frameloop === 'demand' && <InvalidateOnData data={data} />}
              <RestartLoop frameloop={frameloop} />
              <ArPlacement centre={centre}>
                <Floor centre={centre} size={Math.max(x1 - x0, z1 - z0) + 60} />
                {topology && <PlantContent data={data} topology={topology} placements={placements} overlays={overlays} selected={selected} focused={focused} onPick={onPick} />}
              </ArPlacement>
              <CameraRig placements={placements} focus={focusRequest} />
            </SceneFrameProvider>
          </HtmlPortalProvider>
        </XR>
      </Canvas>
      {ar && <ArButton onEnter={() => void xrStore.enterAR()} />}
      <div aria-live="polite" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {focused ? `${focused}${focused === selected ? ', selected' : ''}` : ''}
      </div>
    </div>
  );
}
