/**
 * The commands that change the plant, as the command service accepts them, and who may issue
 * them. The engine's own `EngineCommand` also has faults: those are injected by scenarios and
 * tests, never by a user, so they are not a plant command.
 */
import type { CommandOrigin } from '../engine/events.ts';

export type PlantCommand =
  | { readonly kind: 'setpoint'; readonly setpoint: string; readonly value: number }
  | { readonly kind: 'maintenance'; readonly target: string };

/** Origins a command issued from outside the run can have (`scenario` and `external` are the engine's). */
export type IssuedOrigin = Exclude<CommandOrigin, 'scenario' | 'external'>;

export const ISSUED_ORIGINS: readonly IssuedOrigin[] = ['operator', 'engineer', 'optimizer', 'rollback'];

/** Who issues a command and why. `actor` is a user name or a service name ("optimizer"). */
export interface CommandIssuer {
  readonly actor: string;
  readonly role: string;
  readonly origin: IssuedOrigin;
  /** Free text for the audit log: an operator's note, the proposal a rollback undoes. */
  readonly reason?: string;
}

/** The setpoint or asset a command is aimed at. */
export function commandTarget(command: PlantCommand): string {
  return command.kind === 'setpoint' ? command.setpoint : command.target;
}
