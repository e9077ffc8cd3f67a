/**
 * One place per scene that, each frame, reads the store once and decides the simulated time to draw;
 * every animated component reads this shared frame instead of the store (no React render per tick).
 */
import { useFrame } from '@react-three/fiber';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef } from 'react';
import { RenderClock, replayTime } from './scene-clock.ts';
import type { SceneDataSource, SceneState } from './scene-data.ts';

/** What animated components read in `useFrame`. Mutated in place each frame. */
export interface SceneFrame {
  state: SceneState;
  /** Simulated epoch ms being drawn. */
  timeMs: number;
  /** Wall seconds since the scene started (for purely visual pulses). */
  wallS: number;
}

const FrameContext = createContext<SceneFrame | null>(null);

/** The scene's shared frame (inside `SceneFrameProvider`). */
export function useSceneFrame(): SceneFrame {
  const f = useContext(FrameContext);
  if (!f) throw new Error('useSceneFrame outside SceneFrameProvider');
  return f;
}

/** Updates the shared frame before any other `useFrame` callback of the scene (priority -1). */
export function SceneFrameProvider({ data, replay, children }: { data: SceneDataSource; replay: boolean; children: ReactNode }) {
  const frame = useMemo<SceneFrame>(() => ({ state: data.getState(), timeMs: data.getState().simTimeMs, wallS: 0 }), [data]);
  const clock = useRef(new RenderClock());
  useFrame((r) => {
    const s = data.getState();
    frame.state = s;
    frame.wallS = r.clock.elapsedTime;
    const t = replay ? replayTime() : null;
    frame.timeMs = t ?? clock.current.tick(s.simTimeMs, performance.now(), s.simSpeed ?? 1, s.paused ?? false);
  }, -1);
  return <FrameContext.Provider value={frame}>{children}</FrameContext.Provider>;
}

/**
 * Runs `fn` at most `hz` times per second of wall time inside the render loop (labels and colours that
 * change with data, not with every frame). Always runs on the first frame.
 */
export function useThrottledFrame(hz: number, fn: (frame: SceneFrame) => void): void {
  const frame = useSceneFrame();
  const last = useRef(-Infinity);
  const fnRef = useRef(fn);
  useEffect(() => {
    fnRef.current = fn;
  });
  useFrame((r) => {
    const now = r.clock.elapsedTime;
    // The clock restarts at 0 when the frameloop changes (replay → live): start throttling afresh.
    if (now < last.current) last.current = -Infinity;
    // On demand and in replay, frames are rare and each one is for new data: never skip one.
    if (r.frameloop === 'always' && now - last.current < 1 / hz) return;
    last.current = now;
    fnRef.current(frame);
  });
}
