/**
 * The embedded default plant command port: commands reach the stand-in plant (a second engine,
 * twin-api/shadow/engine-plant-source.ts) as they would reach a real one, so the plant follows an
 * operator's change and shadow mode does not read the change as drift.
 */
import type { PlantCommandPort } from '../../commands/index.ts';
import type { EnginePlantSource } from '../shadow/engine-plant-source.ts';

export function standInCommandPort(plant: EnginePlantSource, now: () => number): PlantCommandPort {
  return {
    name: 'stand-in',
    forward: async ({ command, origin }) => {
      try {
        plant.apply(command, origin);
      } catch (err) {
        return { status: 'rejected', atMs: now(), reason: (err as Error).message };
      }
      return { status: 'acknowledged', atMs: now(), value: command.kind === 'setpoint' ? plant.setpointTarget(command.setpoint) : null };
    },
  };
}
