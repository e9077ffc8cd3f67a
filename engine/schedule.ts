import type { Scenario } from './scenario.ts';
import type { EngineCommand } from './commands.ts';

/** A scripted command and the tick before which it is applied. */
export interface ScheduledCommand {
  readonly tick: number;
  readonly command: EngineCommand;
}

/**
 * Merges a scenario's faults and operator actions into one list ordered by tick. A command at
 * time t is applied before the first tick that starts at or after t. Faults come before actions
 * at the same time, so a scripted reaction in the same second sees the fault.
 */
export function buildSchedule(scenario: Scenario, stepS: number): ScheduledCommand[] {
  const toTick = (atS: number) => Math.max(0, Math.ceil(atS / stepS - 1e-9));
  const items: ScheduledCommand[] = [];
  for (const f of scenario.faults) {
    items.push({ tick: toTick(f.atS), command: { kind: 'fault', target: f.target, type: f.type, params: f.params } });
  }
  for (const a of scenario.actions) {
    const command: EngineCommand =
      a.kind === 'setpoint'
        ? { kind: 'setpoint', setpoint: a.setpoint, value: a.value }
        : { kind: 'maintenance', target: a.target };
    items.push({ tick: toTick(a.atS), command });
  }
  // A stable sort keeps faults before actions within one tick.
  return items.sort((a, b) => a.tick - b.tick);
}

/** Index of the first scheduled command not yet applied when the engine is about to run `tick`. */
export function cursorForTick(schedule: readonly ScheduledCommand[], tick: number): number {
  let i = 0;
  while (i < schedule.length && schedule[i]!.tick < tick) i++;
  return i;
}
