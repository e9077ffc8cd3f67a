/**
 * The commands by which the executor moves setpoints to new targets (or back, on a rollback): each
 * setpoint ramps at its envelope's rate, one command every `everyS`, all starting together, so the
 * plant sees exactly the shielded trajectory the verification ran.
 */
import type { Envelope } from './safety-policy.ts';
import { rampSteps } from './shield.ts';

/** A command every simulated minute while ramping: the executor's pace, and the one the planner and verifier simulate. */
export const RAMP_EVERY_S = 60;

export interface TimedCommand {
  /** Simulated time, s since the scenario start. */
  readonly atS: number;
  readonly setpoint: string;
  readonly value: number;
}

/**
 * Throws a RangeError naming a setpoint without an envelope.
 * @example rampSchedule([{ setpoint: 'Line_A.furnace_temp', from: 1500, to: 1470 }], envOf, 3600, 60) → 36 commands, endS 5760
 */
export function rampSchedule(
  moves: readonly { readonly setpoint: string; readonly from: number; readonly to: number }[],
  envelopeOf: (setpoint: string) => Envelope | undefined,
  startS: number,
  everyS: number,
): { readonly commands: TimedCommand[]; readonly endS: number } {
  const commands: TimedCommand[] = [];
  for (const m of moves) {
    const env = envelopeOf(m.setpoint);
    if (!env) throw new RangeError(`${m.setpoint}: has no envelope in the safety policy`);
    for (const s of rampSteps(env, m.from, m.to, everyS)) commands.push({ atS: startS + s.afterS, setpoint: m.setpoint, value: s.value });
  }
  commands.sort((a, b) => a.atS - b.atS || (a.setpoint < b.setpoint ? -1 : 1));
  return { commands, endS: commands.length === 0 ? startS : commands[commands.length - 1]!.atS };
}
