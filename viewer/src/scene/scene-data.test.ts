import { describe, expect, it } from 'vitest';
import { beltSpeedMpm, DEFAULT_OVERLAYS, OVERLAY_KEYS, type SceneState, toggleOverlay } from './scene-data.ts';

const state = (latest: SceneState['latest']): SceneState => ({ topology: null, latest, health: {}, defects: [], predictedDefects: [], recommendations: [], simTimeMs: 0 });

describe('overlay toggles', () => {
  it('list every overlay of the issue once', () => {
    expect([...OVERLAY_KEYS].sort()).toEqual(['beltMotion', 'defectMarkers', 'heatMap', 'predictedDefects', 'recommendations', 'sensorLabels']);
    expect(Object.keys(DEFAULT_OVERLAYS).sort()).toEqual([...OVERLAY_KEYS].sort());
  });
  it('start with every overlay on except the DOM-heavy sensor labels', () => {
    expect(OVERLAY_KEYS.filter((k) => !DEFAULT_OVERLAYS[k])).toEqual(['sensorLabels']);
  });
  it('switch one overlay and leave the others and the input alone', () => {
    const t = toggleOverlay(DEFAULT_OVERLAYS, 'heatMap');
    expect(t.heatMap).toBe(false);
    expect(DEFAULT_OVERLAYS.heatMap).toBe(true);
    expect({ ...t, heatMap: true }).toEqual(DEFAULT_OVERLAYS);
    expect(toggleOverlay(t, 'heatMap')).toEqual(DEFAULT_OVERLAYS);
  });
});

describe('belt speed of a line', () => {
  it('is the line forming belt_speed sensor, null before its first sample or when it dropped out', () => {
    expect(beltSpeedMpm(state({ 'Line_A.forming.belt_speed': { v: 150, s: 0 } }), 'Line_A')).toBe(150);
    expect(beltSpeedMpm(state({}), 'Line_A')).toBeNull();
    expect(beltSpeedMpm(state({ 'Line_A.forming.belt_speed': { v: null, s: 0 } }), 'Line_A')).toBeNull();
  });
});
