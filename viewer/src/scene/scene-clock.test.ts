import { describe, expect, it } from 'vitest';
import { MAX_EXTRAPOLATE_WALL_MS, nextRenderTime, RenderClock } from './scene-clock.ts';

const input = (simTimeMs: number, wallSinceMs: number, speed = 10, paused = false) => ({ simTimeMs, wallSinceMs, speed, paused });

describe('render clock', () => {
  it('extrapolates between messages at the simulation speed', () => {
    expect(nextRenderTime(Number.NaN, input(1000, 0))).toBe(1000);
    expect(nextRenderTime(1000, input(1000, 100))).toBe(2000);
  });
  it('stops extrapolating when the stream stalls', () => {
    expect(nextRenderTime(0, input(0, 60_000, 1))).toBe(MAX_EXTRAPOLATE_WALL_MS);
  });
  it('holds still when paused or at speed 0', () => {
    expect(nextRenderTime(500, input(500, 1000, 10, true))).toBe(500);
    expect(nextRenderTime(500, input(500, 1000, 0))).toBe(500);
  });
  it('never steps back for a message slightly behind the extrapolation', () => {
    expect(nextRenderTime(2500, input(2000, 0))).toBe(2500);
  });
  it('jumps back on a seek', () => {
    expect(nextRenderTime(3_600_000, input(60_000, 0))).toBe(60_000);
  });
  it('re-anchors when the data time changes', () => {
    const c = new RenderClock();
    expect(c.tick(1000, 0, 10, false)).toBe(1000);
    expect(c.tick(1000, 50, 10, false)).toBe(1500);
    expect(c.tick(2000, 100, 10, false)).toBe(2000);
    expect(c.tick(2000, 150, 10, false)).toBe(2500);
  });
});
