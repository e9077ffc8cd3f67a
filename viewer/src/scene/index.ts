/** The viewer's 3D scene: mount `PlantScene` with a `SceneDataSource`; replay drives it with `advanceScene`. */
export { PlantScene } from './plant-scene.tsx';
export { advanceScene } from './scene-clock.ts';
export { beltSpeedMpm, DEFAULT_OVERLAYS, OVERLAY_KEYS, toggleOverlay } from './scene-data.ts';
export type * from './scene-data.ts';
export { navigate } from './keyboard-nav.ts';
