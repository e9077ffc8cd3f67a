/**
 * The command path end to end on the embedded default: an operator's setpoint change reaches the
 * stand-in plant as well as the twin, so shadow mode sees the plant follow the twin and raises no
 * flag; the same change made to the twin alone is flagged (the fault this path exists to prevent).
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { PlantCommands } from '../commands/index.ts';
import { ShadowTracker } from '../monitor/shadow/shadow-tracker.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { connectShadow } from '../twin-api/shadow/connect-shadow.ts';
import { EnginePlantSource } from '../twin-api/shadow/engine-plant-source.ts';
import { standInCommandPort } from '../twin-api/plant/stand-in-command-port.ts';

const BELT = 'Line_A.belt_speed';
const BELT_SENSOR = 'Line_A.forming.belt_speed';

/** A twin and a stand-in plant with no hidden differences: whatever shadow mode flags, the command path caused. */
async function shadowedPlant() {
  const twin = createEngine(loadLibraryScenario('glass-plant'));
  twin.runFor(600);
  const plant = new EnginePlantSource(twin, { seed: null, ambientOffsetC: 0, rawMaterialStdScale: 1, hiddenFaults: [] });
  const tracker = new ShadowTracker(twin.layout);
  const sub = connectShadow({ twin, source: plant, tracker });
  await plant.start();
  let n = 0;
  const commands = new PlantCommands({ twin, port: standInCommandPort(plant, () => 0), log: { append: async () => {} }, now: () => 0, nextId: () => `CMD-${++n}` });
  twin.runFor(1800);
  return { twin, plant, tracker, commands, close: () => (sub.unsubscribe(), plant.dispose()) };
}

describe('an operator setpoint change through the command path', () => {
  it('is followed by the stand-in plant, and shadow mode raises no flag', async () => {
    const { twin, plant, tracker, commands, close } = await shadowedPlant();
    expect(tracker.flagOf(BELT_SENSOR)).toBe('none');

    const done = await commands.execute({ kind: 'setpoint', setpoint: BELT, value: 120 }, { actor: 'ana', role: 'operator', origin: 'operator' });
    twin.runFor(1800);

    expect(done.plant.ack).toMatchObject({ status: 'acknowledged', value: 120 });
    expect(plant.setpointTarget(BELT)).toBe(120);
    expect(tracker.flaggedAssets()).toEqual([]);
    expect(tracker.state().sensors.find((s) => s.sensor_id === BELT_SENSOR)!.residual).toBeCloseTo(0, 9);
    close();
  });

  it('made to the twin alone (the old route) is read by shadow mode as a difference from the plant', async () => {
    const { twin, plant, tracker, close } = await shadowedPlant();
    twin.setSetpoint(BELT, 120);
    twin.runFor(1800);

    expect(plant.setpointTarget(BELT)).toBe(150);
    expect(Math.abs(tracker.state().sensors.find((s) => s.sensor_id === BELT_SENSOR)!.residual!)).toBeGreaterThan(20);
    expect(tracker.flaggedAssets().map((a) => a.asset)).toContain('Line_A');
    close();
  });
});
