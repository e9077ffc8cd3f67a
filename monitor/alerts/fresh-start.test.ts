import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/plant.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { AlertEngine } from './alert-engine.ts';

// Every asset starts in equilibrium with the plant's starting conditions (engine/start-conditions.test.ts):
// a fresh start raised a CRITICAL cooling-tower approach alert from its start-up transient.
describe('alerts on a fresh start', () => {
  it('the default plant raises no CRITICAL sensor alert in its first simulated hour (a fresh `npm start`)', () => {
    const engine = createEngine(loadLibraryScenario('glass-plant'));
    const alerts = new AlertEngine({ sensors: engine.layout.sensors, startMs: engine.startMs });
    engine.frames$.subscribe((f) => alerts.onFrame(f));
    engine.runFor(3600);
    // A machine that really fails (the plant's aged CNC wears out its tool) is news; a limit crossed by a start-up transient is not.
    const critical = alerts.list().filter((a) => a.severity === 'CRITICAL' && a.sensor !== null);
    expect(critical.map((a) => `${a.sensor ?? a.asset}: ${a.message}`)).toEqual([]);
  });
});
