/**
 * AR: an "Enter AR" button where WebXR `immersive-ar` is supported (hidden elsewhere), and the placement
 * of the plant in the room as a table-top model with the same overlays.
 */
import { useXR } from '@react-three/xr';
import { type ReactNode, useEffect, useState } from 'react';

/** The part of `navigator.xr` we use (WebXR typings are not in the DOM lib). */
interface XrSystemLike {
  isSessionSupported(mode: string): Promise<boolean>;
}

/** True once `navigator.xr` reports `immersive-ar` support; false while checking and where unsupported. */
export function useArSupported(nav: Navigator | undefined = typeof navigator === 'undefined' ? undefined : navigator): boolean {
  const [supported, setSupported] = useState(false);
  useEffect(() => {
    const xr = (nav as (Navigator & { xr?: XrSystemLike }) | undefined)?.xr;
    if (!xr) return;
    let live = true;
    xr.isSessionSupported('immersive-ar').then(
      (ok) => live && setSupported(ok),
      () => live && setSupported(false),
    );
    return () => {
      live = false;
    };
  }, [nav]);
  return supported;
}

/** "Enter AR" button, rendered only where AR is supported. */
export function ArButton({ onEnter, nav }: { onEnter: () => void; nav?: Navigator }) {
  const supported = useArSupported(nav);
  if (!supported) return null;
  return (
    <button
      type="button"
      onClick={onEnter}
      style={{ position: 'absolute', right: 12, bottom: 12, zIndex: 40, padding: '8px 14px', borderRadius: 6, border: '1px solid #36d6ff', background: 'rgba(14,18,24,0.85)', color: '#e8edf2', font: '600 13px system-ui, sans-serif', cursor: 'pointer' }}
    >
      Enter AR
    </button>
  );
}

/** Scale of the plant model in AR: 1:100, so a 90 m plant is a 0.9 m table-top model. */
export const AR_SCALE = 0.01;

/** Wraps the plant; in an AR session it becomes a table-top model 1.2 m ahead at table height. */
export function ArPlacement({ centre, children }: { centre: readonly [number, number]; children: ReactNode }) {
  const inAr = useXR((s) => s.mode === 'immersive-ar');
  if (!inAr) return <group>{children}</group>;
  return (
    <group position={[-centre[0] * AR_SCALE, 0.8, -1.2 - centre[1] * AR_SCALE]} scale={AR_SCALE}>
      {children}
    </group>
  );
}

/** True inside an AR session (the floor and grid are hidden: the room is the floor). */
export function useInAr(): boolean {
  return useXR((s) => s.mode === 'immersive-ar');
}
